/**
 * Batch rendering: the same case gives the same bytes on another day; a folder of cases renders in
 * parallel with progress and a summary; one bad case fails alone; a killed run leaves every
 * document complete or absent, and the input untouched.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { checkCase, FORMATS, renderDocuments } from '../src/pipeline.js';
import { FIXTURES } from './helpers.js';

const fixtures = readdirSync(FIXTURES).filter((f) => f.endsWith('.yaml')).sort();

/** Every file of every example case, in every format, rendered with the clock at `now`. */
async function renderAllAt(now: string): Promise<Map<string, Uint8Array>> {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(now));
  try {
    const files = new Map<string, Uint8Array>();
    for (const name of fixtures) {
      const checked = await checkCase(join(FIXTURES, name), '2026-11-21');
      for (const f of await renderDocuments(checked, [...FORMATS])) files.set(`${name}/${f.path}`, f.bytes);
    }
    return files;
  } finally {
    vi.useRealTimers();
  }
}

describe('reproducible output', () => {
  it('every document of every example case, in every format, is byte-identical when rendered at another time', async () => {
    const first = await renderAllAt('2026-11-21T09:00:00Z');
    const again = await renderAllAt('2031-05-05T12:34:56Z');
    expect(first.size).toBeGreaterThan(80);
    expect([...first.keys()].some((k) => k.endsWith('.docx'))).toBe(true);
    expect([...again.keys()]).toEqual([...first.keys()]);
    const differing = [...first].filter(([k, bytes]) => !Buffer.from(bytes).equals(Buffer.from(again.get(k)!))).map(([k]) => k);
    expect(differing).toEqual([]);
  }, 120_000);
});
