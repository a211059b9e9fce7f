/** How many workers a batch starts (issue 21 §14): `--jobs 64` on 2 cores took 4 GB and was no faster. */
import { describe, expect, it } from 'vitest';
import { workersFor } from '../../src/app/batch/pool.js';

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
