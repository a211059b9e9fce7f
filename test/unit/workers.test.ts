/**
 * How many workers a batch starts (issue 21 §14): `--jobs 64` on 2 cores took 4 GB and was no
 * faster; and when one case's other formats get a thread of their own (issue 20).
 */
import { describe, expect, it } from 'vitest';
import { workersFor } from '../../src/app/batch/pool.js';
import { blocksOnce, lazyDocument, type DocumentModel, type OutputFormat } from '../../src/model/document.js';
import { SIDE_THREAD_ROWS, sideThreadFor } from '../../src/pipeline/side-thread.js';

const GB = 1024 ** 3;

describe('workers for a batch', () => {
  it('no more than asked, than the cases, than the cores, than free memory holds at 400 MB each; at least one', () => {
    expect(workersFor(64, 1000, 2, 16 * GB)).toBe(2);
    expect(workersFor(3, 1000, 8, 16 * GB)).toBe(3);
    expect(workersFor(8, 5, 8, 16 * GB)).toBe(5);
    expect(workersFor(8, 1000, 8, 1 * GB)).toBe(2);
    expect(workersFor(8, 1000, 8, 0.1 * GB)).toBe(1);
  });
});

describe('the second thread of a large case (src/pipeline/side-thread.ts)', () => {
  const composed: number[] = [];
  const paper = () => lazyDocument({ name: 'advertisement', title: 't', formats: ['pdf', 'docx'] as OutputFormat[] }, () => {
    composed.push(1);
    return Array.from({ length: SIDE_THREAD_ROWS }, () => ({ kind: 'paragraph' as const, text: '広告' }));
  }) as DocumentModel;

  it('is not started for PDFs alone, nor when told not to, nor from a thread that is not the main one (a batch worker, this test)', () => {
    const doc = paper();
    expect(sideThreadFor([{ output: doc, format: 'pdf' }])).toBeUndefined();
    expect(sideThreadFor([{ output: doc, format: 'pdf' }, { output: doc, format: 'docx' }], false)).toBeUndefined();
    expect(sideThreadFor([{ output: doc, format: 'pdf' }, { output: doc, format: 'docx' }])).toBeUndefined();
  });

  it('a paper only the thread reads is composed for it and not kept; one read here is composed once', () => {
    composed.length = 0;
    const doc = paper();
    expect(blocksOnce(doc)).toHaveLength(SIDE_THREAD_ROWS);
    expect(blocksOnce(doc)).toHaveLength(SIDE_THREAD_ROWS);
    expect(composed).toHaveLength(2);
    expect(doc.blocks).toBe(doc.blocks);
    expect(blocksOnce(doc)).toBe(doc.blocks);
    expect(composed).toHaveLength(3);
  });
});
