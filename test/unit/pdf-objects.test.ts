/**
 * The PDF objects yoshiki writes itself (src/export/pdf-objects.ts): a page written ahead is the
 * page pdf-lib would have written, and a submission joined from parts carries every page with all
 * it uses, renumbered, each reference resolving — read back by pdf-lib's own parser.
 */
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFPageLeaf, PDFRef, StandardFonts, type PDFObject } from 'pdf-lib';
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { joinPdfs } from '../../src/export/pdf-join.js';
import { writePdfDocument } from '../../src/export/pdf.js';
import { contentStream, WrittenPage } from '../../src/export/pdf-objects.js';
import { layoutDocument } from '../../src/layout/layout.js';
import type { DocumentModel } from '../../src/model/document.js';
import { FONTS } from '../helpers.js';

describe('a page written ahead', () => {
  it('is, byte for byte, the page pdf-lib writes for the same size, fonts, pictures and contents', async () => {
    const [ours, theirs] = [await PDFDocument.create(), await PDFDocument.create()];
    const [font, picture, contents] = [PDFRef.of(7), PDFRef.of(8), PDFRef.of(9)];
    const parent = PDFRef.of(1);
    const leaf = PDFPageLeaf.withContextAndParent(theirs.context, parent);
    leaf.set(PDFName.MediaBox, theirs.context.obj([0, 0, 841.89, 595.28]));
    const names = [leaf.newFontDictionary('F', font).asString(), leaf.newXObject('Im', picture).asString()];
    leaf.addContentStream(contents);
    const page = new WrittenPage(ours.context, parent, 841.89, 595.28);
    expect([page.font(font), page.xObject('Im', picture)]).toEqual(names);
    page.contents = contents;
    expect(page.toString()).toBe(leaf.toString());
    expect(page.refs()).toEqual([font, picture, contents]);
  });

  it('its contents are, byte for byte, the stream pdf-lib writes for the same deflated bytes', async () => {
    const { context } = await PDFDocument.create();
    const deflated = deflateSync('0 g 0 G\nBT\n/F-1 10.5 Tf\n56.69 785.2 Td (\x00\x05) Tj\nET');
    const bytesOf = (o: PDFObject) => {
      const out = new Uint8Array(o.sizeInBytes());
      expect(o.copyBytesInto(out, 0)).toBe(out.length);
      return Buffer.from(out).toString('latin1');
    };
    const ours = contentStream(context, deflated);
    expect(bytesOf(ours)).toBe(bytesOf(context.stream(deflated, { Filter: PDFName.of('FlateDecode') })));
    expect(ours.toString()).toBe(bytesOf(ours));
  });
});

/** A PDF whose two pages inherit their resources, box and rotation from a page tree two levels deep, as other programs write them. */
async function nestedTreePdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const ctx = doc.context;
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const root = ctx.nextRef();
  const inner = ctx.nextRef();
  const draw = (text: string) => ctx.register(ctx.stream(`BT /Helv 12 Tf 10 10 Td (${text}) Tj ET`));
  const page = (extra: Record<string, unknown>) => ctx.register(ctx.obj({ Type: 'Page', Parent: inner, ...extra }));
  const first = page({ Contents: draw('first') });
  const second = page({ Contents: draw('second'), MediaBox: [0, 0, 100, 100] });
  ctx.assign(inner, ctx.obj({ Type: 'Pages', Parent: root, Kids: [first, second], Count: 2 }));
  ctx.assign(root, ctx.obj({ Type: 'Pages', Kids: [inner], Count: 2, MediaBox: [0, 0, 200, 300], Rotate: 90, Resources: { Font: { Helv: font.ref } } }));
  doc.catalog.set(PDFName.of('Pages'), root);
  return doc.save({ addDefaultPage: false });
}

const paper: DocumentModel = {
  name: 'note', title: 'note', fontSize: 10.5, lineHeight: 1.6, pageNumbers: true,
  page: { size: 'A4', orientation: 'portrait', marginsMm: [20, 20, 20, 20] },
  blocks: Array.from({ length: 90 }, (_, i) => ({ kind: 'paragraph' as const, text: `第${i + 1}項　著作権者の所在を調査した。` })),
};

/** Every reference inside a value, direct or nested. */
function refsIn(value: PDFObject | undefined, found: PDFRef[] = []): PDFRef[] {
  if (value instanceof PDFRef) found.push(value);
  else if (value instanceof PDFDict) for (const [, v] of value.entries()) refsIn(v, found);
  else if (value instanceof PDFArray) value.asArray().forEach((v) => refsIn(v, found));
  else if (value && 'dict' in value) refsIn((value as { dict: PDFDict }).dict, found);
  return found;
}

describe('joining parts into one PDF', () => {
  it('carries every page with what it uses and inherits, renumbered, each reference resolving', async () => {
    const written = await writePdfDocument(layoutDocument(paper, FONTS), paper.title, FONTS);
    const own = await PDFDocument.load(written.bytes);
    const joined = await joinPdfs([written.document, await nestedTreePdf(), written.bytes], 'joined');
    const doc = await PDFDocument.load(joined.bytes);
    const pages = doc.getPages();
    expect(joined.pages).toBe(own.getPageCount() * 2 + 2);
    expect(pages).toHaveLength(joined.pages);
    const [first, second] = pages.slice(own.getPageCount());
    expect([first.getSize(), first.getRotation().angle]).toEqual([{ width: 200, height: 300 }, 90]);
    expect(second.getSize()).toEqual({ width: 100, height: 100 });
    const helv = first.node.Resources()!.lookup(PDFName.of('Font'), PDFDict).lookup(PDFName.of('Helv'), PDFDict);
    expect(helv.get(PDFName.of('BaseFont'))).toBe(PDFName.of('Helvetica'));
    const root = doc.catalog.get(PDFName.of('Pages'));
    for (const page of pages) expect(page.node.get(PDFName.Parent)).toBe(root);
    expect(doc.catalog.Pages().get(PDFName.of('Count'))).toEqual(PDFNumber.of(pages.length));
    for (const [, object] of doc.context.enumerateIndirectObjects()) for (const ref of refsIn(object)) expect(doc.context.lookup(ref), ref.toString()).toBeDefined();
    // Our own pages, from the document in memory and from its bytes, are carried alike: the same drawing.
    const drawing = (i: number) => (doc.context.lookup(pages[i].node.Contents()!.get(0)) as unknown as { contents: Uint8Array }).contents;
    expect(drawing(pages.length - 1)).toEqual(drawing(own.getPageCount() - 1));
  });

  it('nothing to join still gives a PDF of one blank page, as before', async () => {
    const joined = await joinPdfs([], 'empty');
    expect(joined.pages).toBe(1);
    expect((await PDFDocument.load(joined.bytes)).getPageCount()).toBe(1);
  });
});
