/**
 * The alias bomb of fixtures/bad/ fails fast and small: measured on the built command in a process
 * of its own, since only a process has a peak memory of its own to measure (time(1)).
 */
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { FIXTURES, needs, run, YOSHIKI } from '../helpers.js';

const BAD = join(FIXTURES, 'bad');

needs('/usr/bin/time')('fixtures/bad/alias-bomb.yaml in a process of its own', () => {
  it('the alias bomb fails fast and small', () => {
    const start = performance.now();
    const r = run('/usr/bin/time', ['-f', 'maxrss=%M', process.execPath, YOSHIKI, 'check', join(BAD, 'alias-bomb.yaml')]);
    expect(performance.now() - start).toBeLessThan(5000);
    expect(r.status).toBe(1);
    // 9^13 values if expanded; refused after 200,000: the process stays far below 300 MB.
    expect(Number(/maxrss=(\d+)/.exec(r.stderr)![1])).toBeLessThan(300 * 1024);
    expect(r.stdout.length).toBeLessThan(2000);
  });
});
