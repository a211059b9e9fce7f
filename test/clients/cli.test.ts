/**
 * The built command as users run it: bin/yoshiki.js over dist/ in a process of its own, for the exit
 * status a shell sees, how it starts (no fontkit for commands that typeset nothing) and how it stops.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, tempDir, yoshiki } from '../helpers.js';

const noStackTrace = (out: string) => expect(out).not.toMatch(/\n\s+at .+:\d+:\d+/);

describe('bin/yoshiki.js in a process of its own', () => {
  // The exit statuses of a bad command and of a broken case are tested in-process (test/unit/cli.test.ts).
  it('prints the usage and exits 0 for --help', () => {
    const help = yoshiki('--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('yoshiki render <case.yaml | dir | ->...');
  });

  it('starts without loading fontkit for --help, forms, new and schema (fonts load when a case is checked)', () => {
    const bin = new URL('../../bin/yoshiki.js', import.meta.url).pathname;
    // A module hook that reports every module node resolves whose URL names fontkit.
    const hook = join(tempDir('cli-hook-'), 'trace.mjs');
    writeFileSync(hook, `import { register } from 'node:module';\nregister('data:text/javascript,' + encodeURIComponent(\`export async function resolve(s, c, next) { const r = await next(s, c); if (r.url.includes('fontkit')) process.stderr.write('LOADED ' + r.url + '\\\\n'); return r; }\`));\n`);
    // The four commands in one process (one node start, not four), each as the CLI runs it.
    const main = new URL('../../dist/app/cli/main.js', import.meta.url).href;
    const driver = join(tempDir('cli-driver-'), 'four.mjs');
    writeFileSync(driver, `const { main } = await import(${JSON.stringify(main)});\nconst io = { stdout: { write() { return true; } }, stderr: process.stderr };\n`
      + `for (const args of [['--help'], ['forms'], ['new', 'ruling'], ['schema', 'ruling']]) {\n`
      + `  const status = await main(args, io);\n  process.stderr.write(args.join(' ') + ' exit ' + status + '\\n');\n}\n`);
    const r = spawnSync(process.execPath, ['--import', hook, driver], { encoding: 'utf8' });
    expect(r.stderr.match(/exit 0/g)).toHaveLength(4);
    expect(r.stderr).not.toContain('LOADED');
    // The hook does see fontkit when a case is checked: the test above could fail.
    const checked = spawnSync(process.execPath, ['--import', hook, bin, 'check', join(FIXTURES, 'deposit-compensation.yaml')], { encoding: 'utf8' });
    expect(checked.stderr).toContain('LOADED');
  });

  it('stops quietly when the reader closes the pipe early (yoshiki forms | head -1)', () => {
    const bin = new URL('../../bin/yoshiki.js', import.meta.url).pathname;
    const piped = spawnSync('sh', ['-c', `node ${bin} forms | head -n 1`], { encoding: 'utf8' });
    expect(piped.stdout).toMatch(/^ruling\t/);
    expect(piped.stderr).toBe('');
    noStackTrace(piped.stderr);
  });

  it('a batch whose reader stops early still renders every case (yoshiki render cases/ | head -1; issue 21 §11)', () => {
    const bin = new URL('../../bin/yoshiki.js', import.meta.url).pathname;
    const dir = tempDir('pipe-batch-');
    const names = ['deposit-compensation', 'deferred-payment', 'ill-request'];
    for (const n of names) copyFileSync(join(FIXTURES, `${n}.yaml`), join(dir, `${n}.yaml`));
    const out = join(dir, 'out');
    const piped = spawnSync('sh', ['-c', `node ${bin} render ${dir} -o ${out} --format txt --jobs 1 | head -n 1`], { encoding: 'utf8' });
    expect(piped.stdout.split('\n').filter(Boolean)).toHaveLength(1);
    expect(piped.stderr).toBe('');
    expect(readdirSync(out).sort()).toEqual(names.sort());
  });
});
