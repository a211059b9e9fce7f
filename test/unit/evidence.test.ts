/**
 * A works CSV in Shift_JIS (CP932) and in UTF-8 with a BOM gives the very same PDF and CSV, byte for
 * byte. The 500-work evidence table is judged by poppler and qpdf in test/clients/evidence.test.ts.
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { checkCase, renderCase } from '../../src/pipeline/pipeline.js';
import { FIXTURES, squash, tempDir } from '../helpers.js';

describe('works_file encodings', () => {
  it('reads a CP932 CSV and a UTF-8-with-BOM CSV into identical PDFs', async () => {
    const utf8 = readFileSync(join(FIXTURES, 'ruling-bulk-works.csv'), 'utf8');
    const render = async (bytes: Buffer) => {
      const dir = tempDir();
      copyFileSync(join(FIXTURES, 'ruling-bulk.yaml'), join(dir, 'ruling-bulk.yaml'));
      writeFileSync(join(dir, 'ruling-bulk-works.csv'), bytes);
      const checked = await checkCase(join(dir, 'ruling-bulk.yaml'), '2026-11-21');
      expect(checked.ok).toBe(true);
      const files = await renderCase(checked, join(dir, 'out'), ['pdf', 'csv']);
      return files.map((f) => readFileSync(f));
    };
    const fromSjis = await render(iconv.encode(utf8, 'cp932'));
    const fromBom = await render(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(utf8, 'utf8')]));
    expect(fromSjis.length).toBe(fromBom.length);
    fromSjis.forEach((bytes, i) => expect(bytes.equals(fromBom[i])).toBe(true));
    expect(squash(fromSjis.map((b) => b.toString('utf8')).join(''))).toContain('公益社団法人日本文藝家協会'); // the CSV output
  });
});
