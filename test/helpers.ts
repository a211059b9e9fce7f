/**
 * Shared helpers: the command line run in-process (cli) or as users run it (yoshiki), the real
 * clients that judge our output (poppler, qpdf, LibreOffice) and `needs`, which names the ones a
 * test cannot do without.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { accessSync, constants, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, delimiter, join } from 'node:path';
import { PDFDict, PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { formatsOf, MM } from '../src/model/document.js';
import type { PagePlan } from '../src/layout/layout.js';
import { checkCase, renderCase, type CheckOptions } from '../src/pipeline/pipeline.js';
import { NO_LINE_END, NO_LINE_START } from '../src/typeset/kinsoku.js';
import { FontBook } from '../src/typeset/fonts.js';
import Ajv, { type ValidateFunction } from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { loadForms } from '../src/forms/registry.js';
import { EDITOR_KEYWORDS, editorSchema } from '../src/input/json-schema.js';
import { libreOfficeSession } from './libreoffice.js';

const FORMS = await loadForms();

export const FIXTURES = new URL('../fixtures/', import.meta.url).pathname;

/** The tests' fonts: IPAex Mincho parsed once per test worker, for layout and exporters called directly. */
export const FONTS = new FontBook();

/** A page's text operations with their position and size in points (the layout keeps them in whole hundredths of a point). */
export const textsInPoints = (page: PagePlan) =>
  page.ops.flatMap((o) => (o.op === 'text' ? [{ ...o, x: o.x / 100, y: o.y / 100, size: o.size / 100 }] : []));
/** The 未管理著作物裁定 example, its papers, and its keys that are codes, dates and file names (not text printed as written). */
export const UNMANAGED_FIXTURE = 'unmanaged-ruling-two-contacts';
export const UNMANAGED_PAPERS = ['application', 'evidence', 'cover-letter', 'power-of-attorney'];
export const UNMANAGED_CODES = new Set(['form', 'kind', 'category', 'medium', 'formula', 'date', 'checked_on', 'viewed_on', 'searched_on', 'sent_on',
  'arrived_on', 'start', 'end', 'file']);

export const RULING_CASES = ['ruling-reprint', 'ruling-ringtone', 'ruling-drama-dvd', 'ruling-previously-ruled', 'ruling-anthology'];

/**
 * A fresh folder inside this run's own temporary folder (test/temp-root.ts makes it and removes it
 * when the run ends), so a run leaves nothing behind: before it did, runs left gigabytes in /tmp.
 */
export const tempDir = (prefix = 'yoshiki-') => mkdtempSync(join(process.env.YOSHIKI_TEST_TMP ?? tmpdir(), prefix));

/** Renders a fixture through the real pipeline; returns the written paths by extension. */
export function renderFixture(name: string, outDir?: string): ReturnType<typeof renderFixtureInto> {
  if (outDir) return renderFixtureInto(name, outDir);
  // Test files share a worker's modules (vitest.config.ts): a fixture several files read is rendered
  // once per worker, and once per run when the run has its folder (the other worker takes the files
  // already written). The files are only read; a test that changes them passes its own folder.
  let rendered = renderedFixtures.get(name);
  if (!rendered) renderedFixtures.set(name, (rendered = renderedOnce(name)));
  return rendered;
}
const renderedFixtures = new Map<string, ReturnType<typeof renderFixtureInto>>();

/**
 * A fixture's files in the run's folder: written by whichever worker comes first (into a folder of
 * its own, then renamed into place whole, so the other never sees half of it); the other checks the
 * case again (milliseconds) and takes the files.
 */
async function renderedOnce(name: string): ReturnType<typeof renderFixtureInto> {
  const root = process.env.YOSHIKI_TEST_TMP;
  if (!root) return renderFixtureInto(name, tempDir());
  const shared = join(root, 'fixtures-rendered', name);
  if (!existsSync(shared)) {
    const own = tempDir(`render-${name}-`);
    await renderFixtureInto(name, own);
    mkdirSync(join(root, 'fixtures-rendered'), { recursive: true });
    try {
      renameSync(join(own, name), shared);
    } catch {
      // The other worker put the same files there first.
    }
  }
  const checked = await checkCase(join(FIXTURES, `${name}.yaml`), '2026-11-21');
  // The files the case writes, by name: not whatever else a test may have put beside them.
  const files = checked.documents.flatMap((d) => formatsOf(d).filter((f) => (FIXTURE_FORMATS as readonly string[]).includes(f)).map((f) => join(shared, `${d.name}.${f}`)));
  const file = (n: string) => files.find((f) => f.endsWith(`/${n}`));
  return { pdf: file('application.pdf')!, docx: file('application.docx')!, file, files, checked };
}

/** renderFixture writes every document in each of these. */
export const FIXTURE_FORMATS = ['pdf', 'docx', 'csv', 'xlsx', 'txt'] as const;

async function renderFixtureInto(name: string, outDir: string) {
  const checked = await checkCase(join(FIXTURES, `${name}.yaml`), '2026-11-21');
  if (!checked.ok) throw new Error(`${name} did not check: ${JSON.stringify(checked.problems)}`);
  const files = await renderCase(checked, outDir, [...FIXTURE_FORMATS]);
  const file = (name: string) => files.find((f) => f.endsWith(`/${name}`));
  return { pdf: file('application.pdf')!, docx: file('application.docx')!, file, files, checked };
}

/**
 * The text of a PDF in the order it was drawn (-raw), so a wrapped table cell reads whole; the
 * page numbers ("1 / 3") are dropped so a paragraph continued over a page break reads whole too.
 */
export const pdfText = (pdf: string) => readOnce('text', pdf, () =>
  execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8', maxBuffer: 1 << 30 })
    .split('\n').filter((line) => !/^\s*\d+ \/ \d+\s*$/.test(line)).join('\n'));

/**
 * What poppler makes of a PDF, asked once per file as it is: several tests read the same rendered
 * fixture (224 pdftotext runs in the suite, a third of them repeats). Keyed by the file's size and
 * time, so a file written again is read again.
 */
function readOnce<T>(what: string, pdf: string, read: () => T): T {
  const st = statSync(pdf);
  const key = `${what}\n${pdf}\n${st.size}\n${st.mtimeMs}`;
  if (!popplerReads.has(key)) popplerReads.set(key, read());
  return popplerReads.get(key) as T;
}
const popplerReads = new Map<string, unknown>();
export const squash = (s: string) => s.replace(/\s+/g, '');

/** Every string a case file holds, with its key, except the ones listed (codes, dates). */
export function caseStrings(name: string, skipKeys: Set<string>): { key: string; value: string }[] {
  const data = parse(readFileSync(join(FIXTURES, `${name}.yaml`), 'utf8'));
  const out: { key: string; value: string }[] = [];
  const walk = (v: unknown, key: string) => {
    if (skipKeys.has(key)) return;
    if (typeof v === 'string') out.push({ key, value: v });
    else if (Array.isArray(v)) v.forEach((x) => walk(x, key));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k);
  };
  walk(data, '');
  return out;
}

export interface Word { text: string; xMin: number; yMin: number; xMax: number; yMax: number }
export interface BoxPage { width: number; height: number; lines: Word[][] }

/** poppler's word boxes, grouped by its lines (top-left origin, points). */
export function pdfBoxes(pdf: string): BoxPage[] {
  return readOnce('boxes', pdf, () => readBoxes(pdf));
}

function readBoxes(pdf: string): BoxPage[] {
  const html = execFileSync('pdftotext', ['-bbox-layout', '-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const pages: BoxPage[] = [];
  for (const pm of html.matchAll(/<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g)) {
    const lines = [...pm[3].matchAll(/<line[^>]*>([\s\S]*?)<\/line>/g)].map((lm) =>
      [...lm[1].matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((w) => ({
        xMin: +w[1], yMin: +w[2], xMax: +w[3], yMax: +w[4], text: decode(w[5]),
      })));
    pages.push({ width: +pm[1], height: +pm[2], lines });
  }
  return pages;
}

const decode = (s: string) => s.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'");

/** Rectangles stroked in each page's content stream, read from the PDF via qpdf (bottom-left origin). */
export function pdfRects(pdf: string): { x: number; y: number; w: number; h: number }[][] {
  const dir = tempDir();
  const qdf = join(dir, 'qdf.pdf');
  execFileSync('qpdf', ['--qdf', '--object-streams=disable', pdf, qdf]);
  const text = readFileSync(qdf, 'latin1');
  const pages = text.split(/%% Contents for page \d+/).slice(1);
  return pages.map((p) => [...p.split('endstream')[0].matchAll(/([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+) re S/g)]
    .map((m) => ({ x: +m[1], y: +m[2], w: +m[3], h: +m[4] })));
}

/**
 * A fontconfig that knows no fonts at all, or only ours: poppler then cannot substitute anything.
 * One per set of folders for the whole run (its name made from them), so its cache is built once
 * (a fresh cache scans the 7.8 MB font again on every LibreOffice start) and the run's LibreOffice
 * for it is one (test/libreoffice.ts keys it by its environment).
 */
export function fontconfig(fontDirs: string[]): string {
  const key = fontDirs.join('\n');
  let file = fontconfigs.get(key);
  if (!file) fontconfigs.set(key, (file = writeFontconfig(fontDirs)));
  return file;
}
const fontconfigs = new Map<string, string>();

function writeFontconfig(fontDirs: string[]): string {
  const root = process.env.YOSHIKI_TEST_TMP;
  const dir = root ? join(root, `fc-${createHash('sha256').update(fontDirs.join('\n')).digest('hex').slice(0, 12)}`) : tempDir('fc-');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'fonts.conf');
  // Written whole under another name, then renamed: the other worker may be writing the same file.
  const own = `${file}.${process.pid}-${process.env.VITEST_POOL_ID ?? '0'}`;
  writeFileSync(own, `<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>${fontDirs.map((d) => `<dir>${d}</dir>`).join('')}<cachedir>${dir}/cache</cachedir></fontconfig>`);
  renameSync(own, file);
  return file;
}

export function run(cmd: string, args: string[], env: Record<string, string> = {}) {
  return spawnSync(cmd, args, { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 120_000 });
}

/**
 * The built command line, as a user runs it, in a process of its own: each costs 1.5–2 s (mostly
 * loading fontkit), so only what needs a process uses it — a kill, a terminal, the memory of a
 * process, and a smoke run of the built bin/yoshiki.js. The others use `cli`.
 */
export const YOSHIKI = new URL('../bin/yoshiki.js', import.meta.url).pathname;
export const yoshiki = (...args: string[]) => run(process.execPath, [YOSHIKI, ...args]);

export interface CliRun { status: number; stdout: string; stderr: string }

/**
 * The command line run in this process, from the sources: the same runCli bin/yoshiki.js calls,
 * with its output collected, its exit status returned. Paths stay relative to process.cwd(), as
 * for a spawned run from here. A folder of several cases still renders in worker threads, which
 * load dist/ (npm test builds it first).
 */
export async function cli(...args: string[]): Promise<CliRun> {
  return cliWith({}, ...args);
}

/**
 * `cli` with a case on standard input, and stdout and stderr as a terminal `columns` wide (which
 * the command may colour and wraps to), in the environment `env` (NO_COLOR and FORCE_COLOR
 * unset unless given).
 */
export async function cliWith(options: { stdin?: string; columns?: number; env?: Record<string, string> }, ...args: string[]): Promise<CliRun> {
  const { runCli } = await import('../src/app/cli/main.js');
  const out = { stdout: '', stderr: '' };
  const terminal = options.columns ? { isTTY: true, columns: options.columns, hasColors: () => true } : {};
  const status = await runCli(args, {
    stdout: { write: (text: string) => { out.stdout += text; }, ...terminal },
    stderr: { write: (text: string) => { out.stderr += text; }, ...terminal },
    stdin: options.stdin === undefined ? undefined : [Buffer.from(options.stdin)],
    env: options.env ?? {},
  });
  return { status, ...out };
}

/** Whether a program is on PATH (or, named by its path, is there and may be run); a file by its path. */
function installed(tool: string): boolean {
  const candidates = tool.includes('/') ? [tool] : (process.env.PATH ?? '').split(delimiter).map((d) => join(d, tool));
  return candidates.some((file) => {
    try {
      accessSync(file, /\.(ttf|otf)$/.test(file) ? constants.R_OK : constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/**
 * `describe` for tests that need real clients (programs on PATH, or files by their path). When one
 * is missing, outside CI the tests are skipped and the title and a warning name it; in CI (CI set,
 * as .ci/run does) a missing one fails, so a broken install never passes as "skipped".
 */
export function needs(...tools: string[]): (title: string, body: () => void) => void {
  const missing = tools.filter((tool) => !installed(tool));
  if (missing.length === 0) return describe;
  const what = `${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not installed`;
  if (process.env.CI) {
    return (title, body) => describe(title, () => {
      it(`needs ${missing.join(', ')}`, () => {
        throw new Error(`${what}; CI must install it (.ci/run)`);
      });
      body();
    });
  }
  return (title, body) => {
    console.warn(`skipped "${title}": ${what}`);
    // Skipped for a reason the title carries: outside CI a developer without this program still gets
    // the rest of the suite, and sees which program to install to run these; CI fails instead (above).
    describe.skip(`${title} [skipped: ${what}]`, body); // skipped only when a client program is missing, outside CI (see above)
  };
}

/** The 1-based line of `text` holding `onLine`, which must name exactly one line. */
export function lineIn(text: string, onLine: string): number {
  const lines = text.split('\n').flatMap((line, i) => (line.includes(onLine) ? [i + 1] : []));
  if (lines.length !== 1) throw new Error(`"${onLine}" is on ${lines.length} lines, not one: lines ${lines.join(', ')}`);
  return lines[0];
}

/** The 1-based line of a fixture (a path under fixtures/) holding `onLine`, which must name exactly one line. */
export const lineOf = (fixture: string, onLine: string) => lineIn(readFileSync(join(FIXTURES, fixture), 'utf8'), onLine);

/** Copies the files the example cases name (works CSV, images, the NDL list) into `dir`. */
export function copyNamedFiles(dir: string): void {
  for (const f of readdirSync(FIXTURES).filter((f) => /\.(csv|png|jpe?g|xlsx|pdf)$/.test(f))) copyFileSync(join(FIXTURES, f), join(dir, f));
}

/**
 * Every word poppler finds lies inside the page's margins (portrait A4, 20/22 mm as our papers are
 * set; the page number sits in the bottom margin) and no line starts or ends against 禁則. What is
 * wrong is collected and asserted once: an expect per word (four per word, thousands of words) was a
 * second of some files' time in vitest's own bookkeeping.
 */
export function expectWithinMarginsAndKinsoku(pdf: string): void {
  const wrong: string[] = [];
  for (const page of pdfBoxes(pdf)) {
    const left = 22 * MM - 1, right = page.width - 22 * MM + 1, top = 20 * MM - 2, bottom = page.height - 20 * MM + 2;
    for (const line of page.lines) {
      const text = line.map((w) => w.text).join('');
      if (/^\d+\/\d+$/.test(text)) continue;
      for (const w of line) {
        if (!(w.xMin >= left)) wrong.push(`${text} leaves the left margin (${w.xMin} < ${left})`);
        if (!(w.xMax <= right)) wrong.push(`${text} leaves the right margin (${w.xMax} > ${right})`);
        if (!(w.yMin >= top)) wrong.push(`${text} above the top margin (${w.yMin} < ${top})`);
        if (!(w.yMax <= bottom)) wrong.push(`${text} below the bottom margin (${w.yMax} > ${bottom})`);
      }
      const chars = Array.from(text);
      if (NO_LINE_START.has(chars[0])) wrong.push(`line starts with ${chars[0]}: ${text}`);
      if (NO_LINE_END.has(chars[chars.length - 1])) wrong.push(`line ends with ${chars.at(-1)}: ${text}`);
    }
  }
  expect(wrong, pdf).toEqual([]);
}

/** qpdf accepts the file, poppler draws it with no fonts installed, and it embeds one small font subset. */
export async function expectSoundPdf(pdf: string): Promise<void> {
  const check = run('qpdf', ['--check', pdf]);
  expect(check.status, check.stdout + check.stderr).toBe(0);
  // The pages go to a folder of the test's own: the PDF may be a fixture other tests read.
  const raster = run('pdftoppm', ['-r', '30', '-png', pdf, join(tempDir('raster-'), 'page')], { FONTCONFIG_FILE: fontconfig([]) });
  expect(raster.status).toBe(0);
  expect(raster.stderr).not.toMatch(/Syntax Error|Couldn't create a font|font/i);
  const doc = await PDFDocument.load(readFileSync(pdf));
  const fontFiles = doc.context.enumerateIndirectObjects()
    .map(([, obj]) => obj)
    .filter((obj): obj is PDFDict => obj instanceof PDFDict && obj.has(PDFName.of('FontFile2')))
    .map((descriptor) => doc.context.lookup(descriptor.get(PDFName.of('FontFile2'))) as PDFRawStream);
  expect(fontFiles).toHaveLength(1);
  // The whole font is 7.8 MB; a subset of one document's characters is a few dozen KB.
  expect(fontFiles[0].contents.length).toBeLessThan(200_000);
}

export const FONTS_DIR = new URL('../fonts/', import.meta.url).pathname;

/**
 * LibreOffice converts files headlessly: `files` maps a unique name to a file whose extension is
 * `from`; returns each name's output file, with extension `ext`. The run's LibreOffice for `env`
 * converts them (test/libreoffice.ts: started once for all the files that need it); outside a
 * vitest run, a LibreOffice of its own, for all of them in one start.
 */
function libreOfficeConvert(files: Record<string, string>, from: string, to: string, ext: string, env: Record<string, string> = {}): Record<string, string> {
  const inDir = tempDir('lo-in-');
  const outDir = tempDir('lo-out-');
  for (const [name, file] of Object.entries(files)) copyFileSync(file, join(inDir, `${name}.${from}`));
  const profile = libreOfficeSession(env) ?? `file://${tempDir('lo-profile-')}`;
  const lo = run('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', to, '--outdir', outDir,
    ...Object.keys(files).map((n) => join(inDir, `${n}.${from}`))], env);
  const converted = Object.fromEntries(Object.keys(files).map((n) => [n, join(outDir, `${n}.${ext}`)]));
  // A conversion handed to the running LibreOffice exits 0 even when it failed: the files say.
  const missing = Object.values(converted).filter((f) => !existsSync(f));
  if (lo.status !== 0 || missing.length) throw new Error(`LibreOffice failed (status ${lo.status}; not written: ${missing.join(', ')}): ${lo.stderr}`);
  return converted;
}

/**
 * LibreOffice converts DOCX files to PDF headlessly, seeing only the fonts in `fontDirs` (by default
 * our own: as on a machine with no Japanese fonts). `docx` maps a unique name to a file; returns
 * each name's PDF.
 */
export function libreOfficeToPdf(docx: Record<string, string>, fontDirs = [FONTS_DIR]): Record<string, string> {
  return libreOfficeConvert(docx, 'docx', 'pdf', 'pdf', libreOfficeFonts(fontDirs));
}
const libreOfficeFonts = (fontDirs: string[]) => ({ FONTCONFIG_FILE: fontconfig(fontDirs) });

/**
 * LibreOffice Calc saves flat ODS documents (.fods) as XLSX, as a clerk's list made in Calc would be.
 * By the LibreOffice that converts the DOCX files (one start for both): what Calc writes into cells,
 * a sheet's settings and its CSV does not depend on the fonts it can draw with.
 */
export function libreOfficeCalcToXlsx(fods: Record<string, string>): Record<string, string> {
  return libreOfficeConvert(fods, 'fods', 'xlsx', 'xlsx', libreOfficeFonts([FONTS_DIR]));
}

/** A fixture edited in a temporary folder (with the files it names copied beside it), then checked. */
export async function checkEdited(name: string, edit: (yaml: string) => string, today: string, beside: string[] = [], options: CheckOptions = {}) {
  const dir = tempDir();
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, edit(readFileSync(join(FIXTURES, `${name}.yaml`), 'utf8')));
  for (const f of beside) copyFileSync(join(FIXTURES, f), join(dir, f));
  return { file, checked: await checkCase(file, today, options) };
}

/**
 * LibreOffice Calc opens workbooks and saves each first sheet as UTF-8 CSV: proof that a real
 * spreadsheet program reads what we wrote, and what it reads there (by the run's LibreOffice, as
 * libreOfficeCalcToXlsx): `xlsx` maps a unique name to a file; returns each name's CSV.
 */
export function libreOfficeSheetsCsv(xlsx: Record<string, string>): Record<string, string> {
  const csv = libreOfficeConvert(xlsx, 'xlsx', 'csv:Text - txt - csv (StarCalc):44,34,76', 'csv', libreOfficeFonts([FONTS_DIR]));
  return Object.fromEntries(Object.entries(csv).map(([n, file]) => [n, readFileSync(file, 'utf8')]));
}

/**
 * A form's editor schema (what `yoshiki schema` prints) compiled by Ajv in strict mode, with the
 * editors' own keywords declared as strict mode requires. Compiled once per run: compiling the
 * ruling's takes 1–2 s and the unmanaged ruling's about one, and two test files, often in the two
 * workers, judge cases by them. The first worker writes Ajv's standalone code of the validator (the
 * very function it compiled) into the run's folder, under a name made from the schema; the other
 * loads it. A schema that does not compile writes nothing, so each worker fails on it.
 */
export function editorValidator(form: string): ValidateFunction {
  let validate = editorValidators.get(form);
  if (!validate) editorValidators.set(form, (validate = runValidator(editorSchema(FORMS[form].schema, form))));
  return validate;
}
const editorValidators = new Map<string, ValidateFunction>();

function runValidator(schema: object): ValidateFunction {
  const root = process.env.YOSHIKI_TEST_TMP;
  const file = root && join(root, 'ajv', `${createHash('sha256').update(JSON.stringify(schema)).digest('hex').slice(0, 16)}.cjs`);
  if (file && existsSync(file)) {
    const module = { exports: {} as ValidateFunction };
    new Function('module', 'exports', 'require', readFileSync(file, 'utf8'))(module, module.exports, createRequire(import.meta.url));
    return module.exports;
  }
  const ajv = new Ajv({ strict: true, allErrors: true, code: { source: true } });
  for (const keyword of EDITOR_KEYWORDS) ajv.addKeyword({ keyword });
  const validate = ajv.compile(schema);
  if (file) {
    mkdirSync(join(root, 'ajv'), { recursive: true });
    // Written whole under another name, then renamed: the other worker never reads half of it.
    const own = `${file}.${process.pid}-${process.env.VITEST_POOL_ID ?? '0'}`;
    writeFileSync(own, standaloneCode(ajv, validate));
    renameSync(own, file);
  }
  return validate;
}
