/**
 * Pictures a case names are decoded in full when read (issue 21 §1): a damaged PNG or JPEG is a
 * message at check, never an endless loop or noise at render; a picture declaring more pixels than
 * the limit is refused from its header before anything is decoded; what is embedded is what was
 * decoded.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { readImage } from '../../src/input/images.js';
import { FIXTURES, tempDir } from '../helpers.js';
import { pngChunks, pngOf, pngWithIhdr } from '../hostile/make.mjs';

const good = readFileSync(join(FIXTURES, 'reading-room.png'));

const chunks = pngChunks;
const withIhdr = pngWithIhdr;

const dir = tempDir('images-');
const read = (name: string, bytes: Uint8Array) => {
  writeFileSync(join(dir, name), bytes);
  return readImage(dir, name);
};
const refusal = (r: ReturnType<typeof readImage>) => (r.ok ? 'accepted' : `${r.problem.ja} ${r.problem.en}`);

describe('damaged pictures are refused when read', () => {
  it.each([
    ['truncated', () => good.subarray(0, good.length - 600)],
    ['a bad CRC in the image data', () => pngOf(chunks(good).map((c) => ({ ...c, badCrc: c.type === 'IDAT' })))],
    ['damaged compressed data', () => pngOf(chunks(good).map((c) => (c.type === 'IDAT' ? { ...c, data: Buffer.from(c.data).fill(7, 10, 40) } : c)))],
    ['a palette image without PLTE', () => withIhdr((h) => { h[9] = 3; })],
    ['a bit depth PNG does not have', () => withIhdr((h) => { h[8] = 7; })],
  ])('PNG: %s', (_, make) => {
    expect(refusal(read('bad.png', make()))).toMatch(/壊れているか途中で切れていて.*damaged or cut short/);
  });

  it('JPEG: cut short', () => {
    const width = 64, height = 48;
    const whole = jpeg.encode({ width, height, data: Buffer.alloc(width * height * 4, 0x80) }, 90).data;
    expect(read('whole.jpg', whole).ok).toBe(true);
    expect(refusal(read('cut.jpg', whole.subarray(0, Math.floor(whole.length * 0.6))))).toMatch(/damaged or cut short/);
  });

  it('20,000 × 20,000 pixels declared by a small file: refused from the header, at once', () => {
    const start = performance.now();
    const r = read('huge.png', withIhdr((h) => { h.writeUInt32BE(20_000, 0); h.writeUInt32BE(20_000, 4); }));
    expect(performance.now() - start).toBeLessThan(500);
    expect(refusal(r)).toContain('画素数が多すぎます（20000×20000、上限20,000,000画素）');
  });
});

describe('what is embedded is what was decoded', () => {
  it('a PNG is written again from its pixels: the same pixels, no chunk of the original beyond them', () => {
    const withText = pngOf([...chunks(good).slice(0, 1), { type: 'tEXt', data: Buffer.from('Comment\0from elsewhere', 'latin1') }, ...chunks(good).slice(1)]);
    const r = read('text.png', withText);
    if (!r.ok) throw new Error(r.problem.en);
    expect(chunks(Buffer.from(r.image.bytes)).map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    expect(PNG.sync.read(Buffer.from(r.image.bytes)).data.equals(PNG.sync.read(good).data)).toBe(true);
    expect([r.image.widthPx, r.image.heightPx]).toEqual([640, 400]);
  });
});
