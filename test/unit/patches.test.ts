/**
 * The patches to private library internals (src/base/patches.ts) are still in effect: after an
 * upgrade one of these fails and names the patch to look at. The versions they were written
 * against are pinned exactly in package.json.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { deflateSync, inflateSync } from 'node:zlib';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, PDFObjectStream, PDFRawStream } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { renderPdf } from '../../src/export/pdf.js';
import type { DocumentModel } from '../../src/model/document.js';
import { fastCmapLookup, memoizeGlyphOutlines, subsetWithoutOutlines, PATCHED_VERSIONS, useNativeDeflate, zodDef } from '../../src/base/patches.js';
import { FONTS, needs } from '../helpers.js';

const ROOT = new URL('../../', import.meta.url);
const FONT = readFileSync(new URL('fonts/ipaexm.ttf', ROOT));

describe('patches to library internals', () => {
  it('each patched library is pinned exactly, at the version installed', () => {
    const pkg = JSON.parse(readFileSync(new URL('package.json', ROOT), 'utf8'));
    for (const [name, version] of Object.entries(PATCHED_VERSIONS)) {
      expect(pkg.dependencies[name], name).toBe(version);
      expect(JSON.parse(readFileSync(new URL(`node_modules/${name}/package.json`, ROOT), 'utf8')).version, name).toBe(version);
    }
  });

  it('fontkit: a glyph outline is decoded once per glyph', () => {
    const plain = fontkit.create(FONT);
    const id = plain.glyphForCodePoint(0x8457).id; // 著
    const unpatched = plain.getGlyph(id) as unknown as { _decode(): unknown };
    expect(typeof unpatched._decode).toBe('function');
    expect(unpatched._decode()).not.toBe(unpatched._decode()); // fontkit decodes afresh each time
    const glyph = memoizeGlyphOutlines(fontkit.create(FONT)).getGlyph(id) as unknown as { _decode(): unknown };
    expect(glyph._decode()).toBe(glyph._decode());
  });

  it('fontkit: the cmap read once gives every character the glyph fontkit\'s own search gives, format 12 and format 4', () => {
    type Processor = { cmap: { version: number }; lookup(code: number, vs?: number): number; findSubtable(t: unknown, pairs: number[][]): { version: number } };
    const codes = [...Array.from({ length: 0x10000 }, (_, i) => i), ...Array.from({ length: 0x1000 }, (_, i) => 0x20000 + i), 0x1f600, 0x10ffff, 0x110000];
    for (const format of [12, 4]) {
      const font = fontkit.create(FONT) as unknown as { _cmapProcessor: Processor; cmap: unknown };
      const processor = font._cmapProcessor;
      // IPAex Mincho has both: fontkit picks the (3, 10) format 12 table; the (3, 1) table is format 4.
      if (format === 4) processor.cmap = processor.findSubtable(font.cmap, [[3, 1]]);
      expect(processor.cmap.version).toBe(format);
      const own = codes.map((c) => processor.lookup(c));
      fastCmapLookup(font as never);
      expect(font._cmapProcessor).toBe(processor); // fontkit keeps one processor per font, so the patch stays
      expect(processor.lookup).not.toBe(Object.getPrototypeOf(processor).lookup);
      const fast = codes.map((c) => processor.lookup(c));
      expect(fast.filter((g) => g > 0).length).toBeGreaterThan(10_000);
      expect(fast).toEqual(own);
    }
  });

  it('fontkit: a cmap whose groups reach past the font\'s end is left to fontkit, not read', () => {
    type Processor = { cmap: { groups: { base: number } }; lookup: unknown };
    const groupsAt = (fontkit.create(FONT) as unknown as { _cmapProcessor: Processor })._cmapProcessor.cmap.groups.base;
    const damaged = Buffer.from(FONT);
    damaged.writeUInt32BE(0x0fffffff, groupsAt - 4); // nGroups, just before the groups
    const font = fontkit.create(damaged) as unknown as { _cmapProcessor: Processor };
    expect(() => fastCmapLookup(font as never)).not.toThrow();
    expect(font._cmapProcessor.lookup).toBe(Object.getPrototypeOf(font._cmapProcessor).lookup);
  });

  it('pdf-lib: the embedded font is compressed by the deflate we give it', async () => {
    const pdf = await PDFDocument.create();
    let calls = 0;
    useNativeDeflate(pdf, (data) => (calls++, deflateSync(data)), PDFObjectStream);
    pdf.registerFontkit(fontkit);
    const font = await pdf.embedFont(FONT, { subset: true });
    pdf.addPage().drawText('著作', { font });
    await pdf.save({ useObjectStreams: false });
    expect(calls).toBeGreaterThan(0);
  });

  it('pdf-lib: the object streams are compressed by the deflate we give it, other documents\' by pako', async () => {
    const made = async (deflate?: (data: Uint8Array) => Uint8Array) => {
      const pdf = await PDFDocument.create();
      if (deflate) useNativeDeflate(pdf, deflate, PDFObjectStream);
      pdf.addPage();
      return pdf.save({ useObjectStreams: true });
    };
    let calls = 0;
    const ours = await made((data) => (calls++, deflateSync(data)));
    expect(calls).toBeGreaterThan(0); // no font: only an object stream was deflated
    const before = calls;
    const theirs = await made();
    expect(calls).toBe(before);
    // Both are whole PDFs a reader opens with their one page.
    for (const bytes of [ours, theirs]) expect((await PDFDocument.load(bytes)).getPageCount()).toBe(1);
  });

  it('zod: a schema says what it is made of', () => {
    const schema = z.object({ kind: z.enum(['a', 'b']), note: z.string().optional() });
    const def = zodDef(schema);
    expect(def.type).toBe('object');
    expect(Object.keys(def.shape!)).toEqual(['kind', 'note']);
    expect(zodDef(def.shape!.kind).type).toBe('enum');
    expect(zodDef(def.shape!.kind).entries).toEqual({ a: 'a', b: 'b' });
    expect(zodDef(zodDef(def.shape!.note).innerType!).type).toBe('string');
  });
});

describe('the text a PDF glyph stands for', () => {
  /** The ToUnicode map of a PDF's first font, as text. */
  async function toUnicode(bytes: Uint8Array): Promise<string> {
    const pdf = await PDFDocument.load(bytes);
    const streams = pdf.context.enumerateIndirectObjects().map(([, o]) => o).filter((o): o is PDFRawStream => o instanceof PDFRawStream);
    const text = streams.map((s) => inflateSync(s.contents).toString('latin1')).find((t) => t.includes('begincmap'));
    return text!;
  }
  const page = (text: string): DocumentModel => ({
    name: 'p', title: 'p', fontSize: 10.5, lineHeight: 1.5, pageNumbers: false,
    page: { size: 'A4', orientation: 'portrait', marginsMm: [20, 20, 20, 20] }, blocks: [{ kind: 'paragraph', text }],
  });

  it('is the document\'s own, whatever an earlier document drew with the same glyph (〜 and ～)', async () => {
    await renderPdf(page('2018年10月1日～2018年10月8日'), FONTS);
    const map = await toUnicode(await renderPdf(page('2018年10月1日〜2018年10月8日'), FONTS));
    expect(map.toLowerCase()).toContain('<301c>');
    expect(map.toLowerCase()).not.toContain('<ff5e>');
  });
});

const DEJAVU = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';

needs(DEJAVU)('fontkit: a PDF font subset without decoding simple outlines', () => {
  /** A fontkit of its own (its TTFSubset unpatched, whatever other tests in this worker did), required afresh. */
  function freshFontkit(): typeof fontkit {
    const require = createRequire(import.meta.url);
    const path = require.resolve('@pdf-lib/fontkit');
    const kept = require.cache[path];
    delete require.cache[path];
    try {
      return require('@pdf-lib/fontkit');
    } finally {
      if (kept) require.cache[path] = kept;
      else delete require.cache[path];
    }
  }
  type Subset = { includeGlyph(id: number): number; encodeStream(): { on(e: string, f: (c: Buffer) => void): void } & NodeJS.ReadableStream };
  const bytesOf = (subset: Subset) => new Promise<Buffer>((done) => {
    const chunks: Buffer[] = [];
    const stream = subset.encodeStream();
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => done(Buffer.concat(chunks)));
  });

  it('writes the same bytes, composite glyphs (DejaVu\'s é, ñ) and empty ones (a space) included, decoding only the composites', async () => {
    for (const [file, text] of [[DEJAVU, 'Aé ñǅ.'], ['fonts/ipaexm.ttf', '著作権 法67条（裁定）']]) {
      const data = readFileSync(file.startsWith('/') ? file : new URL(file, ROOT));
      const kit = freshFontkit();
      const subsetOf = (font: ReturnType<typeof fontkit.create>) => {
        const subset = font.createSubset() as unknown as Subset;
        for (const ch of text) subset.includeGlyph(font.glyphForCodePoint(ch.codePointAt(0)!).id);
        return subset;
      };
      const before = await bytesOf(subsetOf(kit.create(data)));
      const font = kit.create(data);
      subsetWithoutOutlines(font.createSubset());
      const decoded: number[] = [];
      const getGlyph = font.getGlyph.bind(font);
      const counted = new WeakSet<object>();
      font.getGlyph = (id, chars) => {
        const glyph = getGlyph(id, chars) as unknown as { _decode(): unknown };
        if (counted.has(glyph)) return glyph as never;
        counted.add(glyph);
        const decode = glyph._decode;
        glyph._decode = function () {
          decoded.push(id);
          return decode.call(this);
        };
        return glyph as never;
      };
      const after = await bytesOf(subsetOf(font));
      expect(after.equals(before), file).toBe(true);
      const decodedBySubset = new Set(decoded);
      // é, ñ and ǅ are composites in DejaVu Sans (their simple parts are taken undecoded); IPAex Mincho has none.
      const composites = [...text].map((ch) => font.glyphForCodePoint(ch.codePointAt(0)!))
        .filter((g) => (g as unknown as { _decode(): { numberOfContours: number } | null })._decode()?.numberOfContours! < 0).map((g) => g.id);
      expect(composites.length, file).toBe(file === DEJAVU ? 3 : 0);
      // Decoded: the composites, and any composite among their parts (ǅ's Ž); no simple glyph.
      expect([...decodedBySubset].filter((id) => (getGlyph(id) as unknown as { _decode(): { numberOfContours: number } | null })._decode()!.numberOfContours >= 0), file).toEqual([]);
      expect([...decodedBySubset], file).toEqual(expect.arrayContaining(composites));
    }
  });
});
