/**
 * yoshiki as a clerk or an IT department installs it: `npm pack`, then `npm install` of the tarball
 * into an empty folder outside the repository (from npm's cache: --prefer-offline), and the
 * installed command and library used there. One pack and one install for the file (about 10 s of
 * npm's work on this 2-core machine); every test reuses them.
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers.js';

const ROOT = new URL('../..', import.meta.url).pathname;
let packed: string[];
let installed: string;
let installLog: string;

const npm = (args: string[], cwd: string) => {
  const r = spawnSync('npm', args, { cwd, encoding: 'utf8', timeout: 120_000, env: { ...process.env, npm_config_update_notifier: 'false' } });
  if (r.status !== 0) throw new Error(`npm ${args.join(' ')}: ${r.stderr}`);
  return r;
};

/** The installed command, run in the install folder, as a clerk would type it. */
const yoshiki = (...args: string[]) =>
  spawnSync(join(installed, 'node_modules/.bin/yoshiki'), args, { cwd: installed, encoding: 'utf8', timeout: 60_000, env: { ...process.env, NO_COLOR: '1' } });

/**
 * A folder in memory (tmpfs) when the machine has room there: npm writes 10,000 files, and on
 * this machine's disk that took 10 s of system time against 5 s in memory. Removed after the file.
 */
function memoryDir(prefix: string): string {
  const shm = '/dev/shm';
  const roomy = existsSync(shm) && statfsSync(shm).bavail * statfsSync(shm).bsize > 2 ** 30;
  if (!roomy) return tempDir(prefix);
  const dir = mkdtempSync(join(shm, `yoshiki-${prefix}`));
  inMemory.push(dir);
  return dir;
}
const inMemory: string[] = [];
afterAll(() => inMemory.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

beforeAll(() => {
  // dist/ is built by `npm test` (tsc) before the tests run; `prepack` builds it for a real `npm pack`.
  const dir = tempDir('package-');
  const [pack] = JSON.parse(npm(['pack', '--ignore-scripts', '--json', '--pack-destination', dir], ROOT).stdout);
  packed = pack.files.map((f: { path: string }) => f.path);
  installed = memoryDir('installed-');
  writeFileSync(join(installed, 'package.json'), '{ "name": "clerk", "private": true }\n');
  // Without the optional packages: the native canvas pdf.js can draw with in Node (33 MB, two
  // builds for linux-x64) and piscina's thread-priority helper, which yoshiki never uses.
  installLog = npm(['install', '--prefer-offline', '--omit=optional', '--no-audit', '--no-fund', join(dir, pack.filename)], installed).stderr;
}, 180_000);

describe('the packed package', () => {
  it('ships the built code, its declarations, the font with its licence, templates, starters and the preview page — nothing else', () => {
    const allowed = /^(package\.json|README\.md|bin\/(yoshiki|bundle|batch-worker|side-worker)\.js|dist\/.+\.(js|d\.ts)|dist\/bundle\/cli\.cjs|fonts\/.+|templates\/.+|starters\/.+\.yaml|preview\/.+)$/;
    expect(packed.filter((f) => !allowed.test(f))).toEqual([]);
    expect(packed).toEqual(expect.arrayContaining(['dist/app/cli/main.js', 'dist/bundle/cli.cjs', 'dist/pipeline/api.js', 'dist/pipeline/api.d.ts',
      'fonts/ipaexm.ttf', 'fonts/IPA_Font_License_Agreement_v1.0.txt', 'preview/index.html', 'starters/ruling.yaml', 'templates/ruling/application.hbs']));
    expect(packed.some((f) => /^(test|fixtures|src|bench|scripts)\//.test(f) || f.endsWith('.tsbuildinfo'))).toBe(false);
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    // A real `npm pack` builds dist/ first (tsc, and the bundle: npm run build).
    expect(manifest.scripts.prepack).toMatch(/tsc|npm run build/);
    expect(manifest.scripts.build).toMatch(/^tsc /);
  });

  it('installs with no warning: every dependency\'s engines admit the Node this runs on', () => {
    expect(installLog).not.toMatch(/EBADENGINE|npm warn/i);
  });
});

describe('the installed command', () => {
  it('new, check and render work from the installed package', () => {
    expect(yoshiki('new', 'deposit', '-o', 'case.yaml').status).toBe(0);
    const checked = yoshiki('check', 'case.yaml');
    expect(checked.stdout).toMatch(/^✓ case\.yaml/);
    expect(checked.status).toBe(0);
    const rendered = yoshiki('render', 'case.yaml', '-o', 'out', '--format', 'pdf', '--json');
    expect(rendered.status).toBe(0);
    const summary = JSON.parse(rendered.stdout);
    expect(summary.cases[0].written).toContain('out/case/deposit-form.pdf');
    expect(readFileSync(join(installed, 'out/case/deposit-form.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    // Two cases: a batch, whose worker threads run the installed bundle (bin/batch-worker.js).
    copyFileSync(join(installed, 'case.yaml'), join(installed, 'second.yaml'));
    const batch = yoshiki('render', 'case.yaml', 'second.yaml', '-o', 'out', '--format', 'pdf', '--json');
    expect(batch.stderr).toBe('');
    expect(JSON.parse(batch.stdout).cases.map((c: { ok: boolean }) => c.ok)).toEqual([true, true]);
    expect(readFileSync(join(installed, 'out/second/deposit-form.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    // The DOCX made on the second thread a large case's other formats go to (src/pipeline/side-thread.ts), forced: its module is found in the package.
    const side = spawnSync(join(installed, 'node_modules/.bin/yoshiki'), ['render', 'case.yaml', '-o', 'side', '--format', 'pdf,docx'],
      { cwd: installed, encoding: 'utf8', timeout: 60_000, env: { ...process.env, NO_COLOR: '1', YOSHIKI_SIDE_THREAD: '1' } });
    expect(side.stderr).toBe('');
    expect(side.status).toBe(0);
    expect(readFileSync(join(installed, 'side/case/deposit-form.docx')).subarray(0, 2).toString()).toBe('PK');
  });

  it('starts the preview, serves its page and pdf.js from the installed dependencies, and stops on Ctrl-C', async () => {
    // A case that stops at its form: what is tested here is what the package ships and finds (the
    // page, pdf.js); the preview's renders are test/clients/preview.test.ts's, and cost a second more.
    writeFileSync(join(installed, 'unfinished.yaml'), 'form: deposi\n');
    const child = spawn(join(installed, 'node_modules/.bin/yoshiki'), ['preview', 'unfinished.yaml', '--port', '0'], { cwd: installed });
    let output = '';
    child.stdout.on('data', (b) => { output += b; });
    child.stderr.on('data', (b) => { output += b; });
    try {
      const url = await new Promise<string>((ok, fail) => {
        const timer = setTimeout(() => fail(new Error(`no URL printed: ${output}`)), 30_000);
        child.stdout.on('data', () => {
          const m = /(http:\/\/127\.0\.0\.1:\d+\/\?t=[\w-]+)/.exec(output);
          if (m) (clearTimeout(timer), ok(m[1]));
        });
      });
      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<script');
      const { origin, search } = new URL(url);
      expect((await fetch(`${origin}/pdf.mjs`)).status).toBe(200);
      expect(JSON.stringify(await (await fetch(`${origin}/api/state${search}`)).json())).toContain('did you mean \\"deposit\\"');
      const code = await new Promise<number | null>((ok) => {
        child.once('exit', (c) => ok(c));
        child.kill('SIGINT');
      });
      expect(code).toBe(0);
      expect(output).toContain('Preview stopped');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 60_000);
});

describe('the installed library', () => {
  it('runs the README\'s example, and declares the API for TypeScript', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const example = /<!-- library example[^>]*-->\n```js\n([\s\S]*?)```/.exec(readme)![1];
    expect(example.trim().split('\n').length).toBeLessThanOrEqual(12);
    if (!existsSync(join(installed, 'case.yaml'))) writeFileSync(join(installed, 'case.yaml'), yoshiki('new', 'deposit').stdout);
    writeFileSync(join(installed, 'example.mjs'), example);
    const r = spawnSync(process.execPath, ['example.mjs'], { cwd: installed, encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('true'); // checked.ok
    expect(r.stdout).toContain('deadline');
    expect(r.stdout).toContain('ruling unmanaged-ruling deposit');
    expect(readFileSync(join(installed, 'deposit-form.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    expect(JSON.parse(readFileSync(join(installed, 'deposit.schema.json'), 'utf8')).properties).toHaveProperty('publisher');
    // A TypeScript user's view: `exports` leads to declarations of the four, which tsc wrote from the
    // sources it checked. (Type-checking the example here too, with tsc, cost 3 s of the suite.)
    const manifest = JSON.parse(readFileSync(join(installed, 'node_modules/yoshiki/package.json'), 'utf8'));
    const declarations = readFileSync(join(installed, 'node_modules/yoshiki', manifest.exports['.'].types), 'utf8');
    for (const name of ['check', 'render', 'forms', 'schema']) expect(declarations).toMatch(new RegExp(`export declare function ${name}\\(`));
  }, 60_000);
});
