/**
 * The alias bomb of fixtures/bad/ fails fast and small: measured on the built command in a process
 * of its own, since only a process has a peak memory of its own to measure (time(1)).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkCase } from '../../src/pipeline/pipeline.js';
import { FIXTURES, needs, run, tempDir, YOSHIKI } from '../helpers.js';

const BAD = join(FIXTURES, 'bad');

needs('/usr/bin/time')('fixtures/bad/alias-bomb.yaml in a process of its own', () => {
  it('the alias bomb fails fast and small', () => {
    const r = run('/usr/bin/time', ['-f', 'maxrss=%M cpu=%U+%S', process.execPath, YOSHIKI, 'check', join(BAD, 'alias-bomb.yaml')]);
    // Its CPU time, not the wall clock: on the shared 2-core machine under a load of 20 the wall
    // clock of the same run took 3 to 10 s (about 1.2 s of CPU), before and after issue 20's cold start.
    const [, user, system] = /cpu=([\d.]+)\+([\d.]+)/.exec(r.stderr)!;
    expect(Number(user) + Number(system)).toBeLessThan(5);
    expect(r.status).toBe(1);
    // 9^13 values if expanded; refused after 200,000: the process stays far below 300 MB.
    expect(Number(/maxrss=(\d+)/.exec(r.stderr)![1])).toBeLessThan(300 * 1024);
    expect(r.stdout.length).toBeLessThan(2000);
  });
});

describe('large inputs are read in time linear in their size (issue 21 §4), and at most 100 problems are listed', () => {
  // Each took minutes before: yaml's duplicate-key check compared every key with every earlier one;
  // a typo's echo was looked for among all problems for each problem. Here with the scale runs.
  const made = (name: string, text: string) => {
    const file = join(tempDir('bad-large-'), name);
    writeFileSync(file, text);
    return file;
  };
  const guarded = async (file: string) => {
    const start = performance.now();
    const checked = await checkCase(file, '2026-11-21');
    expect(performance.now() - start).toBeLessThan(10_000); // the bound; quadratic took minutes
    return checked;
  };

  it('20,000 distinct unknown keys', async () => {
    const keys = Array.from({ length: 20_000 }, (_, i) => `k${i}: 1`).join('\n');
    const checked = await guarded(made('keys.yaml', `form: deposit\n${keys}\n`));
    expect(checked.problems.some((p) => p.en === 'There is no field "k0".')).toBe(true);
  });

  it('10,000 empty works: the first 100 problems and how many more', async () => {
    const checked = await guarded(made('works.yaml', `form: ruling\nworks:\n${'- {}\n'.repeat(10_000)}`));
    expect(checked.problems).toHaveLength(101);
    expect(checked.problems[100].ja).toMatch(/^ほかに[\d,]+件の問題があります（最初の100件だけを示しました）。$/);
    expect(checked.problems[100].en).toMatch(/^…and [\d,]+ more problems \(only the first 100 are listed\)\.$/);
  });
});
