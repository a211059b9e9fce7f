/**
 * The DOCX as a package (ECMA-376 Part 2), without a word processor: every part is named by a
 * content type and reached by a relationship, every relationship the body uses is declared, the
 * zip says the fixed date, the font part is the subset once its obfuscation is undone, and a table
 * of thousands of rows, written a row at a time into the compressor, arrives whole. LibreOffice's
 * layout of the same files is tested in test/clients/docx*.test.ts.
 */
import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { renderDocx } from '../../src/export/docx.js';
import type { Block, DocumentModel } from '../../src/model/document.js';
import { FIXTURES, FONTS } from '../helpers.js';

const png = new Uint8Array(readFileSync(`${FIXTURES}/cover-photo.png`));

function doc(blocks: Block[], pageNumbers = true): DocumentModel {
  return { name: 'd', title: '表題 & <title>', page: { size: 'A4', orientation: 'portrait', marginsMm: [20, 20, 20, 20] }, fontSize: 10.5, lineHeight: 1.6, pageNumbers, blocks };
}

const text = (files: Record<string, Uint8Array>, part: string) => new TextDecoder().decode(files[part]);

/** The targets of a .rels part by id, resolved against the folder of the part it belongs to. */
function relationships(files: Record<string, Uint8Array>, rels: string): Map<string, string> {
  const base = rels.replace(/_rels\/[^/]*\.rels$/, '');
  return new Map([...text(files, rels).matchAll(/<Relationship Id="([^"]+)" Type="[^"]+" Target="([^"]+)"\/>/g)].map((m) => [m[1], `${base}${m[2]}`]));
}

const ALL_KINDS: Block[] = [
  { kind: 'paragraph', text: 'a', runs: [{ text: '太字', bold: true }, { text: 'English', lang: 'en' }, { text: '', fill: true }], label: '（1）' },
  { kind: 'keyValue', left: 0.5, keyWidth: 4, rows: [{ key: '住所', value: '東京都' }] },
  { kind: 'box', widthMm: 30, heightMm: 20, lines: [{ text: '収入印紙', size: 9, place: 'top' }], beside: '令和8年12月1日' },
  { kind: 'pageBreak' },
  { kind: 'image', caption: '別添1', bytes: png, format: 'png', widthPx: 400, heightPx: 300 },
  { kind: 'image', caption: '別添2', bytes: png, format: 'jpeg', widthPx: 400, heightPx: 300 },
  { kind: 'table', columns: [{ header: 'No.', width: 0.1, align: 'right', fit: true }, { header: '題号', width: 0.9 }], rows: [['1', '題\n二行目']] },
];

describe('the DOCX package', () => {
  it('names every part with a content type, reaches every part by a relationship, declares every id the body uses', async () => {
    const files = unzipSync(await renderDocx(doc(ALL_KINDS), FONTS));
    const types = text(files, '[Content_Types].xml');
    const defaults = new Set([...types.matchAll(/<Default Extension="([^"]+)"/g)].map((m) => m[1]));
    const overrides = new Set([...types.matchAll(/<Override PartName="\/([^"]+)"/g)].map((m) => m[1]));
    for (const part of Object.keys(files))
      expect(overrides.has(part) || defaults.has(part.split('.').pop()!), part).toBe(true);
    for (const part of overrides) expect(files[part], part).toBeDefined();
    const reached = new Set(['[Content_Types].xml']);
    for (const rels of Object.keys(files).filter((p) => p.endsWith('.rels'))) {
      reached.add(rels);
      for (const target of relationships(files, rels).values()) {
        expect(files[target], `${rels} → ${target}`).toBeDefined();
        reached.add(target);
      }
    }
    expect(Object.keys(files).filter((p) => !reached.has(p))).toEqual([]);
    const body = text(files, 'word/document.xml');
    const declared = relationships(files, 'word/_rels/document.xml.rels');
    const used = [...body.matchAll(/r:(?:id|embed)="([^"]+)"/g)].map((m) => m[1]);
    expect(used.length).toBe(3); // the footer and two pictures
    for (const id of used) expect(declared.has(id), id).toBe(true);
    expect(Object.keys(files).filter((p) => p.startsWith('word/media/')).sort()).toEqual(['word/media/image1.png', 'word/media/image2.jpg']);
    expect(text(files, 'docProps/core.xml')).toContain('<dc:title>表題 &amp; &lt;title&gt;</dc:title>');
  });

  it('without page numbers has no footer, and says so nowhere', async () => {
    const files = unzipSync(await renderDocx(doc(ALL_KINDS.slice(0, 2), false), FONTS));
    expect(files['word/footer1.xml']).toBeUndefined();
    expect(text(files, 'word/document.xml')).not.toContain('footerReference');
    expect(text(files, '[Content_Types].xml') + text(files, 'word/_rels/document.xml.rels')).not.toContain('footer');
  });

  it('carries the font subset, obfuscated with the key the font table states, and the fixed date in every entry', async () => {
    const bytes = await renderDocx(doc(ALL_KINDS.slice(0, 1)), FONTS);
    const files = unzipSync(bytes);
    const key = /w:fontKey="\{([0-9A-F-]+)\}"/.exec(text(files, 'word/fontTable.xml'))![1];
    const keyBytes = Buffer.from(key.replace(/-/g, ''), 'hex').reverse();
    const font = Buffer.from(files['word/fonts/font1.odttf']);
    for (let i = 0; i < 32; i++) font[i] ^= keyBytes[i % 16];
    expect(font.readUInt32BE(0)).toBe(0x00010000); // a TrueType font's first word
    expect(Buffer.from(files['word/fonts/font1.odttf']).readUInt32BE(0)).not.toBe(0x00010000);
    // Every local header says 2000-01-01 00:00 (MS-DOS date 0x2821, time 0).
    const view = Buffer.from(bytes);
    let headers = 0;
    for (let at = view.indexOf('PK\u0003\u0004', 0, 'latin1'); at >= 0; at = view.indexOf('PK\u0003\u0004', at + 4, 'latin1')) {
      expect([view.readUInt16LE(at + 10), view.readUInt16LE(at + 12)]).toEqual([0, 0x2821]);
      headers++;
    }
    expect(headers).toBe(Object.keys(files).length);
    expect(Buffer.from(await renderDocx(doc(ALL_KINDS.slice(0, 1)), FONTS)).equals(view)).toBe(true);
  });

  it('a table of 5,000 rows, streamed into the compressor, arrives whole and in order', async () => {
    const rows = Array.from({ length: 5000 }, (_, i) => [String(i + 1), `題号${i + 1}`]);
    const files = unzipSync(await renderDocx(doc([{ kind: 'table', columns: [{ header: 'No.', width: 0.2 }, { header: '題号', width: 0.8 }], rows }]), FONTS));
    const body = text(files, 'word/document.xml');
    expect(body.split('<w:tr>').length - 1).toBe(5001);
    const titles = [...body.matchAll(/>題号(\d+)</g)].map((m) => Number(m[1]));
    expect(titles).toEqual(rows.map((_, i) => i + 1));
    expect(body.endsWith('</w:sectPr></w:body></w:document>')).toBe(true);
  });
});
