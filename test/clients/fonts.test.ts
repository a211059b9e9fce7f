/**
 * The font-fallback chain: fonts named in a case (`fonts:`) or on the command line (`--font`) draw
 * what IPAex Mincho lacks, the first that has a character drawing it; only a character no font has
 * is an error, naming the field, the character and the fonts tried. Debian's DejaVu fonts
 * (fonts-dejavu-core, installed by .ci/run) stand in for a clerk's extra fonts; poppler and qpdf
 * read the PDFs. The errors without extra fonts are in test/unit/fonts.test.ts.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { expect, it } from 'vitest';
import { checkCase, renderCase } from '../../src/pipeline/pipeline.js';
import { layoutDocument } from '../../src/layout/layout.js';
import { cli, FIXTURES, needs, pdfText, run, squash, tempDir, FONTS } from '../helpers.js';

const DEJAVU = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
const DEJAVU_MONO = '/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf';
// ∯ (U+222F) is in DejaVu Sans, ⍟ (U+235F) only in DejaVu Sans Mono; IPAex Mincho has neither.
const TITLE = '港町の記憶 ∯ ⍟';

/** The deposit example with a title IPAex cannot draw, in a folder of its own; `extra` is appended. */
function caseWith(extra = '', title = TITLE): string {
  const dir = tempDir('fonts-');
  const text = readFileSync(join(FIXTURES, 'deposit-compensation.yaml'), 'utf8').replace('  title: 港町の記憶', `  title: ${title}`);
  writeFileSync(join(dir, 'case.yaml'), text + extra);
  return join(dir, 'case.yaml');
}

const pdfFonts = (pdf: string) => execFileSync('pdffonts', [pdf], { encoding: 'utf8' });

needs(DEJAVU, DEJAVU_MONO, 'pdffonts', 'pdftotext', 'qpdf')('font-fallback chain', () => {
  it('fonts: in the case draws them from the first font that has each, in tables and paragraphs', async () => {
    const file = caseWith(`fonts: [DejaVuSans.ttf, DejaVuSansMono.ttf]\nnote: 備考に ∯ と ⍟ を書く\n`);
    copyFileSync(DEJAVU, join(file, '..', 'DejaVuSans.ttf'));
    copyFileSync(DEJAVU_MONO, join(file, '..', 'DejaVuSansMono.ttf'));
    const checked = await checkCase(file, '2026-11-21');
    expect(checked.problems.filter((p) => p.severity === 'error')).toEqual([]);
    const form = checked.documents.find((d) => d.name === 'deposit-form')!;
    const ops = layoutDocument(form, FONTS).flatMap((p) => p.ops).filter((o) => o.op === 'text');
    const faceOf = (ch: string) => ops.filter((o) => o.op === 'text' && o.text.includes(ch)).map((o) => (o.op === 'text' ? o.font ?? 0 : -1));
    expect(faceOf('∯')).toEqual([1, 1]); // the title's table cell and the note: DejaVu Sans
    expect(faceOf('⍟')).toEqual([2, 2]); // DejaVu Sans lacks it: DejaVu Sans Mono
    expect(faceOf('港')).toEqual([0]);
    const pdf = (await renderCase(checked, tempDir(), ['pdf'])).find((f) => f.endsWith('deposit-form.pdf'))!;
    const fonts = pdfFonts(pdf);
    for (const name of ['IPAexMincho', 'DejaVuSans-', 'DejaVuSansMono']) expect(fonts).toContain(name);
    expect(squash(pdfText(pdf))).toContain(squash(TITLE));
    expect(squash(pdfText(pdf))).toContain('備考に∯と⍟を書く');
    expect(run('qpdf', ['--check', pdf]).status).toBe(0);
  });

  it('--font on the command line: a character no font has names every font tried', async () => {
    const file = caseWith();
    const one = await cli('check', file, '--font', DEJAVU);
    expect(one.status).toBe(1);
    expect(one.stdout).toContain('No font (IPAexMincho, DejaVu Sans) can draw: 「⍟」(U+235F)');
    expect(one.stdout).not.toContain('U+222F');
    const out = join(tempDir(), 'out');
    const both = await cli('render', file, '--font', DEJAVU, '--font', DEJAVU_MONO, '-o', out, '--format', 'pdf');
    expect(both.status, both.stdout).toBe(0);
    expect(squash(pdfText(join(out, 'case', 'deposit-form.pdf')))).toContain(squash(TITLE));
  });

  it('a document that needs no fallback embeds IPAex alone, byte for byte as without the chain', async () => {
    const plain = caseWith('', '港町の記憶');
    const chained = caseWith('fonts: [/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf]\n', '港町の記憶');
    const [a, b] = await Promise.all([plain, chained].map(async (f) => {
      // The font lies outside the case's folder, where the clerk allows it (--allow-files-outside).
      const checked = await checkCase(f, '2026-11-21', { allowFilesOutside: true });
      return (await renderCase(checked, tempDir(), ['pdf'])).find((p) => p.endsWith('deposit-form.pdf'))!;
    }));
    expect(pdfFonts(b)).not.toContain('DejaVu');
    expect(readFileSync(b).equals(readFileSync(a))).toBe(true);
  });

  it('a font cut short is refused at its entry; a font whose glyph is damaged, at the field that needs it (issue 21 §2)', async () => {
    const bytes = readFileSync(DEJAVU);
    const cut = caseWith('fonts: [cut.ttf]\n');
    writeFileSync(join(cut, '..', 'cut.ttf'), bytes.subarray(0, 700_000));
    const cutProblems = (await checkCase(cut, '2026-11-21')).problems;
    expect(cutProblems.find((p) => p.path.join('.') === 'fonts.0')?.en).toBe('"cut.ttf" cannot be read as a font (the file is cut short (700000 bytes)).');

    // ∯'s outline in the glyf table claims 32,767 contours: fontkit parses it into nonsense, and no subset holding it encodes.
    const font = fontkit.create(bytes) as unknown as { directory: { tables: { glyf: { offset: number } } }; loca: { offsets: number[] }; glyphForCodePoint(c: number): { id: number } };
    const damaged = Buffer.from(bytes);
    damaged.writeInt16BE(0x7fff, font.directory.tables.glyf.offset + font.loca.offsets[font.glyphForCodePoint(0x222f).id]);
    const file = caseWith('fonts: [damaged.ttf]\n', '港町の記憶 ∯');
    writeFileSync(join(file, '..', 'damaged.ttf'), damaged);
    const checked = await checkCase(file, '2026-11-21');
    expect(checked.ok).toBe(false);
    expect(checked.problems.map((p) => [p.path.join('.'), p.en])).toEqual([
      ['publication.title', 'The font "DejaVu Sans" is damaged: its glyphs for 「∯」(U+222F) cannot be drawn.']]);
  });
});
