/**
 * The layout engine's properties (test/unit/layout-properties.test.ts) all the way to a PDF: for a
 * sample of the same random text and boxes, the text poppler reads back is the input.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { renderPdf } from '../../src/export/pdf.js';
import { needs, pdfText, squash, tempDir, FONTS } from '../helpers.js';
import { box, documentOf, text } from '../layout-text.js';

needs('pdftotext')('layout properties through poppler', () => {
  it('the text poppler reads back from the PDF is the input, whitespace aside', async () => {
    const dir = tempDir('property-');
    let n = 0;
    await fc.assert(fc.asyncProperty(text, box, async (t, { widthMm, size }) => {
      const file = join(dir, `${n++}.pdf`);
      writeFileSync(file, await renderPdf(documentOf(t, widthMm, size), FONTS));
      expect(squash(pdfText(file)).normalize('NFC')).toBe(squash(t).normalize('NFC'));
    }), { numRuns: 40, seed: 20261121 });
  }, 120_000);
});
