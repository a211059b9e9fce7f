/**
 * The built command as users run it: bin/yoshiki.js over dist/ in a process of its own, for the exit
 * status a shell sees, how it starts (no fontkit for commands that typeset nothing) and how it stops.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
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
    // Hooks that report every module node resolves whose name holds fontkit: imported (a module
    // hook) or required (the CommonJS resolver, which fonts.ts uses for fontkit).
    const hook = join(tempDir('cli-hook-'), 'trace.mjs');
    writeFileSync(hook, `import Module, { register } from 'node:module';\nregister('data:text/javascript,' + encodeURIComponent(\`export async function resolve(s, c, next) { const r = await next(s, c); if (r.url.includes('fontkit')) process.stderr.write('LOADED ' + r.url + '\\\\n'); return r; }\`));\n`
      + `const resolveFilename = Module._resolveFilename;\nModule._resolveFilename = function (...args) { const r = resolveFilename.apply(this, args); if (r.includes('fontkit')) process.stderr.write('LOADED ' + r + '\\n'); return r; };\n`);
    // The four commands in one process (one node start, not four), each as the CLI runs it.
    const main = new URL('../../dist/app/cli/main.js', import.meta.url).href;
    const driver = join(tempDir('cli-driver-'), 'four.mjs');
    writeFileSync(driver, `const { main } = await import(${JSON.stringify(main)});\nconst io = { stdout: { write() { return true; } }, stderr: process.stderr };\n`
      + `for (const args of [['--help'], ['forms'], ['new', 'ruling'], ['schema', 'ruling']]) {\n`
      + `  const status = await main(args, io);\n  process.stderr.write(args.join(' ') + ' exit ' + status + '\\n');\n}\n`);
    const r = spawnSync(process.execPath, ['--import', hook, driver], { encoding: 'utf8' });
    expect(r.stderr.match(/exit 0/g)).toHaveLength(4);
    expect(r.stderr).not.toContain('LOADED');
    // The hook does see fontkit when a case is checked: the test above could fail. (The bundle holds
    // fontkit, where no hook sees it: checked with the compiled files, as above.)
    const checker = join(tempDir('cli-driver-'), 'check.mjs');
    writeFileSync(checker, `const { main } = await import(${JSON.stringify(main)});\nawait main(['check', ${JSON.stringify(join(FIXTURES, 'deposit-compensation.yaml'))}], { stdout: { write() { return true; } }, stderr: process.stderr });\n`);
    const checked = spawnSync(process.execPath, ['--import', hook, checker], { encoding: 'utf8' });
    expect(checked.stderr).toContain('LOADED');
  });

  /** A copy of bin/yoshiki.js (and the loader it imports) over two stand-ins, each saying which it is, and the cache module it loads. */
  function standIns() {
    const root = tempDir('cli-bundle-');
    const write = (file: string, text: string) => {
      mkdirSync(join(root, file, '..'), { recursive: true });
      writeFileSync(join(root, file), text);
    };
    for (const name of ['yoshiki.js', 'bundle.js']) write(`bin/${name}`, readFileSync(new URL(`../../bin/${name}`, import.meta.url), 'utf8'));
    write('dist/base/cache.js', readFileSync(new URL('../../dist/base/cache.js', import.meta.url), 'utf8'));
    write('package.json', '{ "type": "module", "version": "0.0.0" }\n');
    // The packages the cache module imports (env-paths), from the repository's.
    symlinkSync(fileURLToPath(new URL('../../node_modules', import.meta.url)), join(root, 'node_modules'));
    write('dist/app/cli/main.js', "export const runCli = async () => { process.stdout.write('compiled'); return 0; };\n");
    // As the build writes it: a CommonJS script whose first line is the SHA-1 of the rest, exporting
    // what bin/yoshiki.js calls (the CLI, and where its batch workers start).
    const bundle = (cli: string) => {
      const body = `${cli}exports.setWorkerScript = () => {};\n`;
      write('dist/bundle/cli.cjs', `// ${createHash('sha1').update(body).digest('hex')}\n${body}`);
    };
    bundle("exports.runCli = async () => { process.stdout.write('bundle'); return 0; };\n");
    const cache = join(root, 'cache');
    const run = (...args: string[]) =>
      spawnSync(process.execPath, [join(root, 'bin/yoshiki.js'), ...args], { encoding: 'utf8', env: { ...process.env, YOSHIKI_CACHE: cache } });
    return { root, bundle, run, codeCaches: () => (existsSync(join(cache, 'v8')) ? readdirSync(join(cache, 'v8')).map((f) => join(cache, 'v8', f)) : []) };
  }

  it('runs the bundle (npm run build) when it is no older than the compiled files, else the compiled files', () => {
    const { root, run } = standIns();
    utimesSync(join(root, 'dist/app/cli/main.js'), 1000, 1000);
    utimesSync(join(root, 'dist/bundle/cli.cjs'), 2000, 2000);
    expect(run().stdout).toBe('bundle');
    // Compiled again after the bundle was made (tsc alone): the bundle is stale.
    utimesSync(join(root, 'dist/app/cli/main.js'), 3000, 3000);
    expect(run().stdout).toBe('compiled');
  });

  it('keeps V8\'s code cache of the bundle for its very bytes, again after a run that compiled much more, anew for another bundle', () => {
    const { bundle, run, codeCaches } = standIns();
    // A render calls (so V8 compiles) thousands of functions a `--help` never calls, as the real CLI's render path does.
    const many = Array.from({ length: 5000 }, (_, i) => `function f${i}(x) { return (x * ${i + 3} + ${i}) % 1000003; }\n`).join('');
    const calls = Array.from({ length: 5000 }, (_, i) => `x = f${i}(x);`).join(' ');
    bundle(`${many}function heavy(x) { ${calls} return x; }\nexports.runCli = async (args) => { if (args[0] === 'render') heavy(1); process.stdout.write('bundle'); return 0; };\n`);
    const header = () => codeCaches().map((f) => [readFileSync(f).toString('latin1', 0, 40), readFileSync(f).readUInt32BE(40)] as const);
    expect(run('--help').stdout).toBe('bundle');
    const [file] = codeCaches();
    const [[hash, helpBytecode]] = header();
    const first = readFileSync(file);
    // Another --help uses it and leaves it; a render compiles much more, so its cache replaces it.
    expect(run('--help').stdout).toBe('bundle');
    expect(readFileSync(file).equals(first)).toBe(true);
    expect(run('render', 'x.yaml').stdout).toBe('bundle');
    const [[sameHash, renderBytecode]] = header();
    expect(sameHash).toBe(hash);
    expect(renderBytecode).toBeGreaterThan(helpBytecode * 1.25);
    const deeper = readFileSync(file);
    expect(run('--help').stdout).toBe('bundle');
    expect(run('render', 'x.yaml').stdout).toBe('bundle');
    expect(readFileSync(file).equals(deeper)).toBe(true);
    // Another build (other bytes, another SHA-1): the cache of the old one is not used but replaced.
    bundle("exports.runCli = async () => { process.stdout.write('rebuilt'); return 0; };\n");
    expect(run('--help').stdout).toBe('rebuilt');
    expect(header()).toHaveLength(1);
    expect(header()[0][0]).not.toBe(hash);
    // A cache folder that cannot be written only goes without.
    writeFileSync(join(file, '..', '..', 'blocker'), '');
    const blocked = spawnSync(process.execPath, [join(file, '..', '..', '..', 'bin/yoshiki.js'), '--help'],
      { encoding: 'utf8', env: { ...process.env, YOSHIKI_CACHE: join(file, '..', '..', 'blocker', 'cache') } });
    expect([blocked.status, blocked.stdout, blocked.stderr]).toEqual([0, 'rebuilt', '']);
  });

  it('keeps the 禁則 flags in the cache folder, and makes them anew from a cached entry not shaped as flags', () => {
    const cache = tempDir('kinsoku-cache-');
    const flags = () => spawnSync(process.execPath, ['--input-type=module', '-e',
      `const k = await import(${JSON.stringify(new URL('../../dist/typeset/kinsoku.js', import.meta.url).href)});
       process.stdout.write(JSON.stringify([k.NO_LINE_START.size, k.NO_LINE_END.size, k.NO_LINE_START.has('。'), k.NO_LINE_START.has('～'), k.NO_LINE_END.has('「')]));`],
    { encoding: 'utf8', env: { ...process.env, YOSHIKI_CACHE: cache } });
    const first = flags();
    expect(first.stderr).toBe('');
    const made = JSON.parse(first.stdout);
    expect(made.slice(2)).toEqual([true, true, true]);
    const [entry] = readdirSync(join(cache, 'derived')).map((f) => join(cache, 'derived', f))
      .filter((f) => Array.isArray(JSON.parse(readFileSync(f, 'utf8')).value));
    expect(JSON.parse(readFileSync(entry, 'utf8')).value.length).toBe(made[0] + made[1]);
    // The entry's key kept, its value damaged: not used.
    for (const value of ['flags', [[0x3002, 7]], []]) {
      writeFileSync(entry, JSON.stringify({ ...JSON.parse(readFileSync(entry, 'utf8')), value }));
      expect(JSON.parse(flags().stdout)).toEqual(made);
    }
  });

  it('renders a case with PDF attachments in its own process, as built (bundled after npm run build)', () => {
    // The bundle holds pdf-lib, which reading an attachment loads late: the first bundle read it wrong.
    const out = tempDir('cli-render-');
    const r = yoshiki('render', join(FIXTURES, 'ruling-submission.yaml'), '--format', 'pdf', '-o', out);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('submission.pdf');
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
