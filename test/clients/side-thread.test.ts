/**
 * A large case's formats other than PDF made on a second thread beside its PDFs
 * (src/pipeline/side-thread.ts): the same bytes as in one thread, a renderer's error there the same
 * message. The thread's module found by the command as it runs (the bundle) is package.test.ts's,
 * from the packed tarball. Small cases, the thread forced: what is tested is the path, not the size
 * that picks it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatsOf, type Output } from '../../src/model/document.js';
import { FORMATS } from '../../src/pipeline/api.js';
import { renderDocuments, type CaseResult } from '../../src/pipeline/pipeline.js';
import { renderFixture } from '../helpers.js';

const names = (checked: CaseResult) => checked.documents.flatMap((d) => formatsOf(d).map((f) => `${d.name}.${f}`));

describe('the second thread', () => {
  it('makes the same files, in the same order and bytes, as one thread: DOCX, CSV, text and a filled list', async () => {
    for (const name of ['ruling-reprint', 'transmission-exclusion']) {
      const { checked, file } = await renderFixture(name);
      const side = await renderDocuments(checked, [...FORMATS], { sideThread: true });
      expect(side.map((f) => f.path)).toEqual(names(checked));
      expect(side.some((f) => f.path.endsWith('.docx'))).toBe(true);
      for (const made of side) expect(Buffer.compare(made.bytes, readFileSync(file(made.path)!)), `${name}/${made.path}`).toBe(0);
    }
  });

  it('a renderer failing there fails the render with the message it has in one thread, no stack', async () => {
    const { checked } = await renderFixture('ruling-reprint');
    // A filled CSV without the records its source was read as: csv.ts refuses it.
    const broken: Output = { kind: 'filledSheet', name: 'list', title: 'list', format: 'csv', source: { bytes: new Uint8Array([0x61]) }, edits: [] };
    const paper = checked.documents.find((d) => d.name === 'cover-letter')!;
    const odd: CaseResult = { ...checked, documents: [paper, broken] };
    const failure = (sideThread: boolean) => renderDocuments(odd, [...FORMATS], { sideThread }).then(() => undefined, (e: Error) => e.message);
    const [here, there] = [await failure(false), await failure(true)];
    expect(here).toBe('a filled CSV needs the records its source was read as');
    expect(there).toBe(here);
  });

});
