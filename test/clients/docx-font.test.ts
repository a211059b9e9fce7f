/**
 * The DOCX on a clerk's PC, which has no IPAex Mincho: LibreOffice opens our DOCX files seeing only
 * DejaVu Sans (it will not start knowing no font at all), all in one session as a clerk opens
 * several papers, and must draw every character with the IPAex Mincho subset the DOCX carries. And
 * the English papers keep their words whole: LibreOffice broke 「Interlibrar / y」 and 「2 / 026」
 * while the Latin text was tagged Japanese.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { libreOfficeToPdf, needs, renderFixture, tempDir } from '../helpers.js';

/** A ruling (its application prints ㊞ after the corporation's representative), a deposit, the ILL papers. */
const CASES = ['ruling-reprint', 'deposit-compensation', 'ill-registration', 'ill-request', 'ill-receipt'];
const ILL = ['ill-registration', 'ill-request', 'ill-receipt'];

const unzip = (docx: string, part: string) => Buffer.from(unzipSync(new Uint8Array(readFileSync(docx)), { filter: (f) => f.name === part })[part]);

/** The text of each paragraph of the DOCX body, line breaks and tabs as spaces. */
function docxParagraphs(docx: string): string[] {
  const xml = unzip(docx, 'word/document.xml').toString('utf8');
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) => p[0]
    .replace(/<w:(br|tab)\/>/g, '<w:t> </w:t>')
    .match(/<w:t(?: [^>]*)?>[^<]*<\/w:t>/g)?.map((t) => t.replace(/<[^>]+>/g, '')).join('') ?? '')
    .map((t) => t.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&'));
}

/** The embedded font file, its obfuscation undone with the key word/fontTable.xml states (ECMA-376 Part 1, 17.8.1). */
function embeddedFontOf(docx: string): { name: string; bytes: Buffer } {
  const table = unzip(docx, 'word/fontTable.xml').toString('utf8');
  const [, name, key] = table.match(/<w:font w:name="([^"]+)">[\s\S]*?w:fontKey="\{([0-9A-F-]+)\}"/)!;
  const keyBytes = [...Buffer.from(key.replace(/-/g, ''), 'hex')].reverse();
  const bytes = unzip(docx, 'word/fonts/font1.odttf');
  for (let i = 0; i < 32; i++) bytes[i] ^= keyBytes[i % 16];
  return { name, bytes };
}

/** pdffonts' rows: name, type, embedded. */
const pdfFonts = (pdf: string) =>
  execFileSync('pdffonts', [pdf], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean)
    .map((line) => line.split(/\s+/)).map((c) => ({ name: c[0], embedded: c[c.length - 5] === 'yes' }));

const docxFiles: Record<string, string> = {};
const converted: Record<string, string> = {};

needs('soffice', 'pdffonts', 'pdftotext')('DOCX fonts and languages, as LibreOffice shows them', () => {
  beforeAll(async () => {
    for (const name of CASES) {
      const { files } = await renderFixture(name);
      for (const f of files.filter((x) => x.endsWith('.docx'))) docxFiles[`${name}--${basename(f, '.docx')}`] = f;
    }
    // One LibreOffice session converts them all: a clerk opens the application, then the evidence table.
    const fontDir = join(tempDir('fonts-'), 'dejavu');
    mkdirSync(fontDir);
    copyFileSync('/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', join(fontDir, 'DejaVuSans.ttf'));
    Object.assign(converted, libreOfficeToPdf(docxFiles, [fontDir]));
  });

  describe('the DOCX carries its font', () => {
    it('converts the papers of a ruling, a deposit and the ILL forms', () => {
      expect(Object.keys(converted).length).toBeGreaterThanOrEqual(8);
    });

    it('LibreOffice draws every paper with the embedded IPAex Mincho only, nothing substituted', () => {
      for (const [key, pdf] of Object.entries(converted)) {
        const fonts = pdfFonts(pdf);
        expect(fonts.length, key).toBeGreaterThan(0);
        // LibreOffice tags its own subset of our subset: BAAAAA+KGSGPY+IPAexMincho.
        for (const f of fonts) {
          expect(f.name, `${key} uses ${f.name}`).toMatch(/^[A-Z]{6}\+[A-Z]{6}\+IPAexMincho$/);
          expect(f.embedded, `${key}: ${f.name} embedded`).toBe(true);
        }
      }
    });

    it('draws ㊞ where the paper prints it', () => {
      const withSeal = Object.keys(converted).filter((key) => docxParagraphs(docxFiles[key]).some((p) => p.includes('㊞')));
      expect(withSeal).toContain('ruling-reprint--application');
      for (const key of withSeal) {
        expect(execFileSync('pdftotext', ['-enc', 'UTF-8', converted[key], '-'], { encoding: 'utf8' }), key).toContain('㊞');
        expect(pdfFonts(converted[key]).every((f) => f.name.endsWith('+IPAexMincho')), key).toBe(true);
      }
    });

    it('embeds a subset with a working cmap under the name the runs use, and a sound file', () => {
      for (const [key, docx] of Object.entries(docxFiles)) {
        const { name, bytes } = embeddedFontOf(docx);
        const styles = unzip(docx, 'word/styles.xml').toString('utf8');
        expect(styles, key).toContain(`<w:rFonts w:ascii="${name}" w:cs="${name}" w:eastAsia="${name}" w:hAnsi="${name}"/>`);
        const font = fontkit.create(bytes);
        expect(font.familyName, key).toBe(name);
        for (const ch of new Set(docxParagraphs(docx).join('').replace(/\s/g, '')))
          expect(font.hasGlyphForCodePoint(ch.codePointAt(0)!), `${key}: ${ch}`).toBe(true);
        // The whole font is 7.8 MB; a paper's characters are at most a few hundred KB.
        expect(bytes.length, key).toBeLessThan(400_000);
        // OpenType: the whole file sums to 0xB1B0AFBA once head.checkSumAdjustment is set.
        let sum = 0;
        for (let i = 0; i < bytes.length; i += 4) sum = (sum + bytes.readUInt32BE(i)) >>> 0;
        expect(sum.toString(16), key).toBe('b1b0afba');
      }
    });
  });

  /**
   * The words LibreOffice laid out that are not words of the DOCX: a word cut in two at a line end.
   * A line may end after a hyphen (「4-00-000000-」「0」), as English is set, when the two halves make a word.
   */
  function brokenWords(pdf: string, words: Set<string>): string[] {
    const lines = execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' })
      .split('\n').filter((line) => !/^\s*\d+\s*\/\s*\d+\s*$/.test(line)).map((line) => line.split(/\s+/).filter(Boolean));
    const broken: string[] = [];
    lines.forEach((tokens, i) => tokens.forEach((t, j) => {
      if (words.has(t)) return;
      const next = lines[i + 1]?.[0], previous = lines[i - 1]?.at(-1);
      if (j === tokens.length - 1 && t.endsWith('-') && next && words.has(t + next)) return;
      if (j === 0 && previous?.endsWith('-') && words.has(previous + t)) return;
      broken.push(t);
    }));
    return broken;
  }

  describe('English papers keep their words whole in LibreOffice', () => {
    it.each(ILL)('%s: every word LibreOffice lays out is a word of the DOCX', (name) => {
      const keys = Object.keys(converted).filter((k) => k.startsWith(`${name}--`));
      expect(keys.length).toBeGreaterThan(0);
      for (const key of keys) {
        const words = new Set(docxParagraphs(docxFiles[key]).flatMap((p) => p.split(/\s+/)).filter(Boolean));
        expect(words.size, key).toBeGreaterThan(5);
        expect(brokenWords(converted[key], words), key).toEqual([]);
      }
    });
  });

  describe('the DOCX stays byte-identical', () => {
    it.each(['ruling-reprint', 'ill-request'])('%s rendered twice gives the same bytes, font and all', async (name) => {
      const again = (await renderFixture(name)).files.filter((f) => f.endsWith('.docx'));
      expect(again.length).toBeGreaterThan(0);
      for (const file of again) {
        const first = docxFiles[`${name}--${basename(file, '.docx')}`];
        expect(unzip(first, 'word/fontTable.xml').toString(), file).toContain('w:embedRegular');
        expect(readFileSync(file).equals(readFileSync(first)), file).toBe(true);
      }
    });
  });
});
