/**
 * `yoshiki open` (and `yoshiki preview`, the same command): a local web page where a case is
 * filled in a form, checked as it is typed, its papers shown beside it, saved back into the YAML
 * file and downloaded or printed (README, "The editor"). The case file is also followed on disk:
 * an edit in a text editor shows on the page as before.
 *
 * The page's edits change a working copy of the case's text (edit.ts keeps what they do not touch
 * as written); it is checked and rendered in memory with the case's folder as the base of the files
 * it names, and written to disk only on save (case-file.ts). Safety (http.ts): loopback only, the
 * Host check, a per-start token for every request but the static assets, same-origin JSON for
 * writes, bounded bodies; uploads are checked by content and written only into the case's folder
 * (uploads.ts); no path from a request ever reaches the file system otherwise — renders and assets
 * are looked up by exact name in fixed tables.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { watch, type FSWatcher } from 'chokidar';
import { internalProblem, type Problem } from '../../base/problem.js';
import { todayIso } from '../../base/format.js';
import { namedPath } from '../../input/named-file.js';
import { parseCaseText } from '../../input/parse.js';
import { readSheetFile } from '../../input/sheet.js';
import { formatsOf, isPaper } from '../../model/document.js';
import { isForm, loadForm } from '../../forms/registry.js';
import { forms as formList, schema as formSchema } from '../../pipeline/api.js';
import { checkCase, FORMATS, renderDocuments, type CaseResult, type RenderedFile } from '../../pipeline/pipeline.js';
import { Session } from '../../pipeline/session.js';
import { hasStarter, starter, writeWithSchema } from '../cli/starters.js';
import { readDiskCase, sameDisk, writeCaseAtomically, type DiskCase } from './case-file.js';
import { applyOps, EditError, readOps } from './edit.js';
import { hasToken, hostHeaders, isLoopbackHost, isPageWrite, readJson, refuse, send, sendJson } from './http.js';
import { MAX_UPLOAD_BODY, saveUpload } from './uploads.js';

export { isLoopbackHost } from './http.js';

const PAGE_DIR = new URL('../../../preview/', import.meta.url);
const PDFJS_DIR = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
const JS = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';

/** The static assets: served to anyone who passes the Host check, no token (they hold nothing of the case). */
const ASSETS: Record<string, { file: string | URL; type: string }> = {
  '/preview.js': { file: new URL('preview.js', PAGE_DIR), type: JS },
  '/form.js': { file: new URL('form.js', PAGE_DIR), type: JS },
  '/viewer.js': { file: new URL('viewer.js', PAGE_DIR), type: JS },
  '/preview.css': { file: new URL('preview.css', PAGE_DIR), type: CSS },
  '/form.css': { file: new URL('form.css', PAGE_DIR), type: CSS },
  '/viewer.css': { file: new URL('viewer.css', PAGE_DIR), type: CSS },
  '/pdf.mjs': { file: resolve(PDFJS_DIR, 'build/pdf.min.mjs'), type: JS },
  '/pdf.worker.mjs': { file: resolve(PDFJS_DIR, 'build/pdf.worker.min.mjs'), type: JS },
  // The font yoshiki embeds in the papers, for the page's Japanese where the machine has no Japanese
  // font of its own (a bare Linux desktop shows boxes otherwise); preview.css asks for it last, so a
  // machine with one never loads these 4 MB.
  '/ipaexm.ttf': { file: new URL('../../../fonts/ipaexm.ttf', import.meta.url), type: 'font/ttf' },
};
const PAGE = new URL('index.html', PAGE_DIR);

const TYPES: Record<string, string> = {
  pdf: 'application/pdf', txt: 'text/plain; charset=utf-8', csv: 'text/csv; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', zip: 'application/zip',
};

/** Saves come in bursts (editors write, rename, touch): wait this long for the last one. */
const SETTLE_MS = 120;
/** An edit's body: a case is at most 5 MB (MAX_CASE_BYTES), an edit carries at most one case's worth. */
const MAX_EDIT_BODY = 6 * 1024 * 1024;
/** Files of the case's folder listed for "use a file already there". */
const MAX_LISTED_FILES = 500;

export interface ShownProblem {
  severity: Problem['severity'];
  path: (string | number)[];
  where: string;
  field: string;
  code?: string;
  first: string;
  second: string;
  hint?: string;
}

export interface ShownDocument {
  name: string;
  title: string;
  formats: string[];
  /** How the page shows it; null: a filled spreadsheet, downloaded only. */
  shown: 'pdf' | 'txt' | null;
}

export interface FolderFile { kind: string; bytes: number; rows?: number }

export interface PreviewState {
  /** Goes up with every check, good or bad. */
  version: number;
  /** The version whose renders are shown. */
  renderVersion: number;
  /** A render of the current version is under way. */
  rendering: boolean;
  form: string | null;
  english: boolean;
  ok: boolean;
  /** The renders shown are from an earlier, valid version of the case. */
  stale: boolean;
  /** The page holds edits not yet saved. */
  dirty: boolean;
  /** The file changed on disk while the page held unsaved edits: reload, or keep mine. */
  diskChanged: boolean;
  /** The case file's name, or null before the first save of a case started in the page. */
  file: string | null;
  problems: ShownProblem[];
  /** How many warnings the case's `acknowledged` settled (counted, not shown). */
  settled: number;
  facts: Record<string, unknown>;
  documents: ShownDocument[];
  files: Record<string, FolderFile>;
}

export interface Preview {
  /** The page's address, with the token. */
  url: string;
  token: string;
  /** The state the page is shown now. */
  state(): PreviewState;
  close(): Promise<void>;
}

/** yoshiki's own templates and fonts: a change to either starts a new session, so the page shows it. */
const OWN_FILES = [fileURLToPath(new URL('../../../templates/', import.meta.url)), fileURLToPath(new URL('../../../fonts/', import.meta.url))];

export interface PreviewOptions {
  /** Makes the session cases are checked in (tests add forms of their own). */
  session?: () => Session;
  /** Folders whose files' changes start a new session (default: yoshiki's templates/ and fonts/). */
  templatesAndFonts?: string[];
  /** Where a case started in the page is saved (default: the current folder). */
  folder?: string;
}

/** The port is taken: said by the command, exit 1. */
export class PortInUse extends Error {}

/** The last good check and what was rendered of it. */
interface Rendered {
  checked: CaseResult;
  version: number;
  /** The PDFs and texts the page shows (an agency's form with its boxes outlined). */
  shown: Map<string, Uint8Array>;
  /** Every format, as `yoshiki render` writes them: made when first asked. */
  all?: Promise<RenderedFile[]>;
}

export async function startPreview(caseFile: string | null, port: number, log: (line: string) => void = () => {},
  options: PreviewOptions = {}): Promise<Preview> {
  const token = randomBytes(32).toString('base64url');
  const folder = realpathSync(resolve(options.folder ?? process.cwd()));
  const newSession = options.session ?? (() => new Session());
  const ownFiles = options.templatesAndFonts ?? OWN_FILES;
  // The case file's own path, links resolved once at the start: a link put there later is not followed.
  let file: string | null = caseFile === null ? null : realpathSync(resolve(caseFile));
  let session = newSession();
  const startsNewSession = (path: string) => ownFiles.some((dir) => path.startsWith(dir)) || /\.(ttf|otf)$/i.test(path);

  // The working copy: the disk's case as last read or saved, and the text the page has made of it.
  let disk: DiskCase | null = file ? readDiskCase(file) : null;
  let working: string | null = disk?.ok ? Buffer.from(disk.bytes).toString('utf8') : null;
  let dirty = false;
  let diskChanged = false;
  let rendered: Rendered | null = null;
  let files: Record<string, FolderFile> = {};
  let state: PreviewState = { version: 0, renderVersion: 0, rendering: false, form: null, english: false, ok: false, stale: false, dirty, diskChanged,
    file: null, problems: [], settled: 0, facts: {}, documents: [], files };
  const listeners = new Set<ServerResponse>();
  // Edits are numbered; an edit's request is answered once a check has taken it in (its render may follow).
  let edits = 0;
  const checkedEdits = new Waiters();
  const publish = (next: Partial<PreviewState>) => {
    state = { ...state, ...next, dirty, diskChanged, file: file ? basename(file) : null };
    for (const res of listeners) res.write(`event: update\ndata: ${state.version}\n\n`);
  };

  /** Checks the working copy, shows its problems, then renders it; a newer edit meanwhile runs once more after. */
  const refresh = serialised(async () => {
    const upTo = edits;
    if (!file) return publish({ version: state.version + 1 });
    const caseFile = file;
    const bytes = working !== null ? Buffer.from(working) : undefined;
    const checked = bytes
      ? await checkCase(caseFile, todayIso(), { session, bytes, baseDir: dirname(caseFile) }).catch((e: unknown): CaseResult =>
        ({ file: caseFile, name: caseFile, form: null, ok: false, facts: {}, documents: [], problems: [internalProblem(caseFile, e)] }))
      : { file: caseFile, name: caseFile, form: null, ok: false, facts: {}, documents: [], problems: disk && !disk.ok ? [disk.problem] : [] };
    const version = state.version + 1;
    const english = checked.form ? (await session.form(checked.form))?.language === 'en' : false;
    files = await folderFiles(dirname(caseFile), files);
    const shownProblems = () => checked.problems.map((p) => shownProblem(p, english));
    publish({ version, form: checked.form, english, ok: checked.ok, rendering: checked.ok, stale: !checked.ok && rendered !== null, facts: checked.facts,
      problems: shownProblems(), settled: checked.settled?.length ?? 0, files });
    checkedEdits.settle(upTo);
    // A newer edit is waiting: its render supersedes this one, which nobody would see.
    if (checked.ok && refresh.queued()) return;
    if (checked.ok) {
      try {
        // A paper written onto the agency's own form shows its boxes outlined, so a field map can be adjusted.
        const shown = await renderDocuments(checked, ['pdf', 'txt'], { outline: true });
        rendered = { checked, version, shown: new Map(shown.map((f) => [f.path, f.bytes])) };
      } catch (e) {
        checked.ok = false;
        checked.problems.push(internalProblem(caseFile, e));
      }
    }
    publish({ renderVersion: rendered?.version ?? 0, rendering: false, ok: checked.ok, stale: rendered !== null && rendered.version !== version,
      problems: shownProblems(), documents: rendered ? shownDocuments(rendered) : [] });
    watchNamedFiles(checked);
    log(`${checked.ok ? '✓' : '✗'} ${new Date().toLocaleTimeString('ja-JP')} ${checked.ok ? '表示を更新しました / updated' : 'エラーがあります / the case has errors'}`);
  });

  // The case file and every file it names (a works CSV, images, the NDL list) are followed.
  const watched = new Set<string>(file ? [file] : []);
  const watcher: FSWatcher = watch([...watched, ...ownFiles], { ignoreInitial: true });
  const ready = new Promise<void>((ok) => watcher.once('ready', () => ok()));
  let timer: NodeJS.Timeout | undefined;
  watcher.on('all', (_event, path) => {
    if (startsNewSession(path)) session = newSession();
    clearTimeout(timer);
    timer = setTimeout(() => void (path === file ? diskMoved() : refresh()), SETTLE_MS);
  });
  const watchNamedFiles = (checked: CaseResult) => {
    for (const named of namedFiles(checked.file, working)) if (!watched.has(named)) (watched.add(named), watcher.add(named));
  };
  /** The case file changed on disk: taken in when the page holds no edits, else offered (reload or keep mine). */
  const diskMoved = () => {
    if (!file) return;
    const now = readDiskCase(file);
    if (disk && sameDisk(disk, now)) return void refresh();
    if (dirty) return publish({ diskChanged: (diskChanged = true) });
    takeDisk(now);
    return void refresh();
  };
  const takeDisk = (now: DiskCase) => {
    disk = now;
    working = now.ok ? Buffer.from(now.bytes).toString('utf8') : null;
    dirty = false;
    diskChanged = false;
  };

  const server = createServer((req, res) => {
    void handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'internal error');
      else res.end();
    });
  });

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const address = server.address();
    const listening = typeof address === 'object' && address ? address.port : port;
    if (hostHeaders(req) !== 1 || !isLoopbackHost(req.headers.host, listening)) return send(res, 403, 'text/plain; charset=utf-8', 'Forbidden: unexpected Host header');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname;
    const asset = Object.hasOwn(ASSETS, path) ? ASSETS[path] : undefined;
    if (asset && (req.method === 'GET' || req.method === 'HEAD'))
      // A style sheet a module may not have (form.css, viewer.css) is empty rather than missing.
      return existsSync(asset.file) ? send(res, 200, asset.type, readFileSync(asset.file))
        : asset.type === CSS ? send(res, 200, CSS, '') : send(res, 404, 'text/plain; charset=utf-8', 'Not found');
    if (path === '/favicon.ico') return send(res, 204, 'image/x-icon', '');
    if (!hasToken(req, url, token)) return send(res, 403, 'text/plain; charset=utf-8', 'yoshiki が表示したアドレスを開いてください（トークンがないか、違います） / Forbidden: open the address yoshiki printed (its token is missing or wrong)');
    if (req.method === 'POST') return post(req, res, path);
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain; charset=utf-8', 'Method not allowed');
    return get(req, res, path);
  };

  const get = async (req: IncomingMessage, res: ServerResponse, path: string) => {
    if (path === '/') return send(res, 200, 'text/html; charset=utf-8', readFileSync(PAGE));
    if (path === '/api/state') return sendJson(res, 200, state);
    if (path === '/api/forms') return sendJson(res, 200, (await formList()).filter((f) => hasStarter(f.id)).map(({ id, title, language }) => ({ id, title, language })));
    if (path === '/api/schema') return state.form ? sendJson(res, 200, await formSchema(state.form)) : refuse(res, 404, 'まだ書類が決まっていません。', 'No form yet.');
    if (path === '/api/case') return sendJson(res, 200, { version: state.version, data: plainData(working) });
    if (path === '/events') {
      res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
      res.write(`event: update\ndata: ${state.version}\n\n`);
      listeners.add(res);
      req.on('close', () => listeners.delete(res));
      return;
    }
    // /doc/<document>.<pdf|txt>: only a file of the current render, looked up by its exact name.
    const doc = /^\/doc\/([^/]+)$/.exec(path)?.[1];
    const shown = doc ? rendered?.shown.get(decodeURIComponent(doc)) : undefined;
    if (shown) return send(res, 200, TYPES[extname(doc!).slice(1)], shown);
    const download = /^\/download\/([^/]+)$/.exec(path)?.[1];
    if (download && rendered) return sendDownload(res, rendered, decodeURIComponent(download));
    if (path === '/print' && rendered) {
      const printed = await printable(rendered);
      return send(res, 200, TYPES.pdf, printed.bytes, { 'Content-Disposition': `inline; filename="${printed.name}"` });
    }
    return send(res, 404, 'text/plain; charset=utf-8', 'Not found');
  };

  const sendDownload = async (res: ServerResponse, r: Rendered, name: string) => {
    // Only a name the case's documents have is rendered for: anything else is not there.
    const known = name === 'all.zip' || r.checked.documents.some((d) => formatsOf(d).some((f) => `${d.name}.${f}` === name));
    if (!known) return send(res, 404, 'text/plain; charset=utf-8', 'Not found');
    const all = await everyFormat(r);
    const attachment = (n: string) => ({ 'Content-Disposition': `attachment; filename="${n}"` });
    if (name === 'all.zip') {
      const { writeZip } = await import('../../export/zip-write.js');
      const zip = await writeZip(all.map((f) => ({ path: f.path, data: f.bytes, store: !/\.(txt|csv)$/.test(f.path) })));
      return send(res, 200, TYPES.zip, zip, attachment(`${r.checked.name.replace(/[^\w.-]/g, '_') || 'case'}.zip`));
    }
    const found = all.find((f) => f.path === name);
    if (!found) return send(res, 404, 'text/plain; charset=utf-8', 'Not found');
    return send(res, 200, TYPES[extname(name).slice(1)] ?? 'application/octet-stream', found.bytes, attachment(name));
  };

  const post = async (req: IncomingMessage, res: ServerResponse, path: string) => {
    if (!isPageWrite(req)) return refuse(res, 403, '別のページからの書き込みは受け付けません。', 'Writes are taken from the page itself only (same origin, JSON).');
    const body = await readJson(req, path === '/api/upload' ? MAX_UPLOAD_BODY : MAX_EDIT_BODY);
    if (!body.ok) return body.status === 413 ? refuse(res, 413, '送られたデータが大きすぎます。', 'The request is too large.') : refuse(res, 400, 'JSON ではありません。', 'The body is not JSON.');
    if (path === '/api/new') return startNew(res, body.value);
    if (!file) return refuse(res, 409, 'まだケースファイルがありません。先に書類を選んで保存してください。', 'There is no case file yet: choose a form and save first.');
    if (path === '/api/edit') {
      if (working === null) return refuse(res, 409, 'ケースファイルを読めないため、編集できません。', 'The case file cannot be read, so it cannot be edited.');
      try {
        working = applyOps(working, readOps(body.value));
      } catch (e) {
        if (!(e instanceof EditError)) throw e;
        return refuse(res, 400, `この変更はできません（${e.message}）。`, `This change cannot be made: ${e.message}.`);
      }
      dirty = true;
      const ticket = ++edits;
      void refresh();
      await checkedEdits.reach(ticket);
      return sendJson(res, 200, state);
    }
    if (path === '/api/save') {
      const force = (body.value as { force?: unknown } | null)?.force === true;
      if (!force && (diskChanged || !disk || !sameDisk(disk, readDiskCase(file))))
        return sendJson(res, 409, { conflict: true, error: { ja: 'ケースファイルが、読み込んだ後にほかで変更されています。', en: 'The case file was changed elsewhere since it was loaded.' } });
      if (working === null) return refuse(res, 409, '保存する内容がありません。', 'There is nothing to save.');
      writeCaseAtomically(file, working);
      disk = readDiskCase(file);
      dirty = false;
      diskChanged = false;
      publish({});
      return sendJson(res, 200, state);
    }
    if (path === '/api/reload') {
      takeDisk(readDiskCase(file));
      await refresh();
      return sendJson(res, 200, state);
    }
    if (path === '/api/upload') {
      const saved = await saveUpload(dirname(file), body.value);
      if (!saved.ok) return sendJson(res, saved.status, { error: saved.message });
      files = await folderFiles(dirname(file), files);
      publish({ files });
      return sendJson(res, 200, { name: saved.name });
    }
    return send(res, 404, 'text/plain; charset=utf-8', 'Not found');
  };

  /** A case started in the page: the form's starter saved under the name given, in the folder yoshiki was started in. */
  const startNew = async (res: ServerResponse, body: unknown) => {
    if (file) return refuse(res, 409, 'ケースファイルはもう開いています。', 'A case file is open already.');
    const { form, name } = (body ?? {}) as { form?: unknown; name?: unknown };
    if (typeof form !== 'string' || !isForm(form) || !hasStarter(form)) return refuse(res, 400, `「${String(form)}」という書類はありません。`, `There is no form "${String(form)}".`);
    // eslint-disable-next-line no-control-regex
    if (typeof name !== 'string' || !/^(?!\.)[^/\\\u0000-\u001f\u007f:*?"<>|]{1,120}\.yaml$/.test(name))
      return refuse(res, 400, `「${String(name)}」はケースファイルの名前に使えません（「申請.yaml」のような、フォルダを含まない .yaml の名前にしてください）。`,
        `"${String(name)}" cannot name a case file: give a plain name ending .yaml, such as "application.yaml".`);
    const target = join(folder, name);
    if (existsSync(target) || isLink(target)) return refuse(res, 409, `「${name}」はすでにあります。上書きはしません。`, `"${name}" exists: it is never overwritten.`);
    try {
      writeWithSchema(target, starter(form, todayIso()), form, (await loadForm(form))!.schema);
    } catch (e) {
      if ((e as { code?: string }).code === 'EEXIST') return refuse(res, 409, `「${name}」はすでにあります。上書きはしません。`, `"${name}" exists: it is never overwritten.`);
      throw e;
    }
    file = target;
    takeDisk(readDiskCase(file));
    watched.add(file);
    watcher.add(file);
    await refresh();
    return sendJson(res, 200, state);
  };

  await new Promise<void>((ok, fail) => {
    server.once('error', (e: { code?: string }) => fail(e.code === 'EADDRINUSE' ? new PortInUse(`port ${port} is in use`) : e));
    server.listen(port, '127.0.0.1', () => ok());
  }).catch(async (e: unknown) => {
    await watcher.close();
    throw e;
  });
  await refresh();
  await ready;
  const address = server.address();
  const origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : port}`;

  return {
    url: `${origin}/?t=${token}`,
    token,
    state: () => state,
    async close() {
      clearTimeout(timer);
      for (const res of listeners) res.end();
      listeners.clear();
      await watcher.close();
      server.closeAllConnections();
      await new Promise<void>((ok) => server.close(() => ok()));
    },
  };
}

const isLink = (path: string) => {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
};

/** Each document once, with its formats and how the page shows it. */
function shownDocuments(r: Rendered): ShownDocument[] {
  return r.checked.documents.map((d) => {
    const formats = formatsOf(d);
    const shown = r.shown.has(`${d.name}.pdf`) ? 'pdf' : r.shown.has(`${d.name}.txt`) ? 'txt' : null;
    return { name: d.name, title: d.title, formats, shown };
  });
}

/** Every document in every format, as `yoshiki render` writes them (no outlines): made once per render, when first asked. */
const everyFormat = (r: Rendered) => (r.all ??= renderDocuments(r.checked, [...FORMATS]));

/** What "print" opens: the bound submission, or for a form without one, every paper's PDF joined — as rendered for filing. */
async function printable(r: Rendered): Promise<{ name: string; bytes: Uint8Array }> {
  const all = new Map((await everyFormat(r)).map((f) => [f.path, f.bytes]));
  const bundle = r.checked.documents.find((d) => d.kind === 'bundle');
  const bound = bundle && all.get(`${bundle.name}.pdf`);
  if (bundle && bound) return { name: `${bundle.name}.pdf`, bytes: bound };
  const { joinPdfs } = await import('../../export/pdf-join.js');
  const papers = r.checked.documents.filter(isPaper).flatMap((d) => all.get(`${d.name}.pdf`) ?? []);
  return { name: 'print.pdf', bytes: (await joinPdfs(papers, r.checked.name)).bytes };
}

/** A problem as the page shows it, in the clerk's language first, with its field's path for the form. */
function shownProblem(p: Problem, english: boolean): ShownProblem {
  const where = [p.file ? basename(p.file) : undefined, p.line, p.column].filter((x) => x !== undefined).join(':');
  const [first, second] = english ? [p.en, p.ja] : [p.ja, p.en];
  const hint = p.hint && (english ? `${p.hint.en} / ${p.hint.ja}` : `${p.hint.ja} / ${p.hint.en}`);
  const code = p.severity === 'warning' && p.code ? { code: p.code } : {};
  return { severity: p.severity, path: p.path, where, field: p.path.join('.'), ...code, first, second, ...(hint ? { hint } : {}) };
}

/** Strings of the case that name an existing file beside it: the files it reads. */
function namedFiles(caseFile: string, text: string | null): string[] {
  const found: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string' && v.length < 512 && /\.[A-Za-z0-9]{2,5}$/.test(v)) {
      const path = namedPath(dirname(caseFile), v);
      try {
        if (statSync(path).isFile()) found.push(path);
      } catch { /* not a file: an ordinary string */ }
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(plainData(text));
  return found;
}

/** The working copy as plain JSON for the form, read by the case parser with its guards (depth, aliases, size); null while it does not read. */
function plainData(text: string | null): unknown {
  if (text === null) return null;
  const read = parseCaseText('case.yaml', text);
  return read.ok ? read.parsed.data : null;
}

const EXTENSION_KINDS: Record<string, string> = { '.png': 'png', '.jpg': 'jpeg', '.jpeg': 'jpeg', '.pdf': 'pdf', '.csv': 'csv', '.xlsx': 'xlsx' };

/** The files of the case's folder a field may name (regular files, no links), a list's rows counted once per version of it. */
async function folderFiles(dir: string, before: Record<string, FolderFile>): Promise<Record<string, FolderFile>> {
  const out: Record<string, FolderFile> = {};
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => !n.startsWith('.') && Object.hasOwn(EXTENSION_KINDS, extname(n).toLowerCase())).slice(0, MAX_LISTED_FILES);
  } catch {
    return out;
  }
  for (const name of names) {
    let st;
    try {
      st = lstatSync(join(dir, name));
    } catch {
      continue;
    }
    if (!st.isFile()) continue;
    const kind = EXTENSION_KINDS[extname(name).toLowerCase()];
    const entry: FolderFile = { kind, bytes: st.size };
    if (kind === 'csv' || kind === 'xlsx') {
      const old = before[name];
      if (old && old.bytes === st.size && old.rows !== undefined && rowsSeen.get(`${dir}/${name}`) === st.mtimeMs) entry.rows = old.rows;
      else {
        const sheet = await readSheetFile(dir, name);
        if (sheet.ok) (entry.rows = sheet.sheet.rows.length, rowsSeen.set(`${dir}/${name}`, st.mtimeMs));
      }
    }
    out[name] = entry;
  }
  return out;
}
const rowsSeen = new Map<string, number>();

/** Promises that settle when a counter reaches their number. */
class Waiters {
  private reached = 0;
  private waiting: { n: number; done: () => void }[] = [];
  reach(n: number): Promise<void> {
    return n <= this.reached ? Promise.resolve() : new Promise((done) => this.waiting.push({ n, done }));
  }
  settle(n: number): void {
    this.reached = Math.max(this.reached, n);
    const ready = this.waiting.filter((w) => w.n <= this.reached);
    this.waiting = this.waiting.filter((w) => w.n > this.reached);
    for (const w of ready) w.done();
  }
}

/** Runs one at a time; a call while running runs once more afterwards. `queued()`: such a call is waiting. */
function serialised(run: () => Promise<void>): (() => Promise<void>) & { queued(): boolean } {
  let running: Promise<void> | null = null;
  let again = false;
  const go = async (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await run();
      } while (again);
    })();
    try {
      await running;
    } finally {
      running = null;
    }
  };
  return Object.assign(go, { queued: () => again });
}
