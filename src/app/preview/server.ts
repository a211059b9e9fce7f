/**
 * `yoshiki preview`: a local web page that shows a case's documents as they are rendered and the
 * `check` messages beside them, and follows the case file (and the files it names) as they are saved.
 *
 * Safety, since any web page the user visits could try to talk to it: it listens on 127.0.0.1
 * only; it answers only requests whose Host header is that address (or localhost) with its port,
 * which defeats DNS rebinding; and it serves a fixed set of assets and the current renders from
 * memory — no path from a request ever reaches the file system, so traversal has nothing to find.
 */
import { readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { watch, type FSWatcher } from 'chokidar';
import { namedPath } from '../../input/named-file.js';
import { readCaseFile } from '../../input/parse.js';
import { internalProblem, pathText, type Problem } from '../../base/problem.js';
import { checkCase, renderDocuments, type CaseResult } from '../../pipeline/pipeline.js';
import { Session } from '../../pipeline/session.js';

const PAGE_DIR = new URL('../../../preview/', import.meta.url);
const PDFJS_DIR = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));

/** The only files the server sends besides renders: request path → file and type. */
const ASSETS: Record<string, { file: string | URL; type: string }> = {
  '/': { file: new URL('index.html', PAGE_DIR), type: 'text/html; charset=utf-8' },
  '/preview.js': { file: new URL('preview.js', PAGE_DIR), type: 'text/javascript; charset=utf-8' },
  '/preview.css': { file: new URL('preview.css', PAGE_DIR), type: 'text/css; charset=utf-8' },
  '/viewer.js': { file: new URL('viewer.js', PAGE_DIR), type: 'text/javascript; charset=utf-8' },
  '/viewer.css': { file: new URL('viewer.css', PAGE_DIR), type: 'text/css; charset=utf-8' },
  '/pdf.mjs': { file: resolve(PDFJS_DIR, 'build/pdf.min.mjs'), type: 'text/javascript; charset=utf-8' },
  '/pdf.worker.mjs': { file: resolve(PDFJS_DIR, 'build/pdf.worker.min.mjs'), type: 'text/javascript; charset=utf-8' },
};

/** Formats the page shows: PDFs drawn by pdf.js, text documents as text. */
const SHOWN = { pdf: 'application/pdf', txt: 'text/plain; charset=utf-8' } as const;

/** Saves come in bursts (editors write, rename, touch): wait this long for the last one. */
const SETTLE_MS = 120;

interface Render {
  /** Documents of the last good render, by file name (application.pdf). */
  files: Map<string, Uint8Array>;
  documents: { name: string; title: string; file: string; format: keyof typeof SHOWN }[];
}

export interface PreviewState {
  /** Goes up with every check, good or bad. */
  version: number;
  /** The version whose renders are shown. */
  renderVersion: number;
  form: string | null;
  english: boolean;
  ok: boolean;
  /** The renders shown are from an earlier, valid version of the case. */
  stale: boolean;
  problems: { severity: Problem['severity']; where: string; field: string; code?: string; first: string; second: string; hint?: string }[];
  /** How many warnings the case's `acknowledged` settled (counted, not shown). */
  settled: number;
  documents: Render['documents'];
}

export interface Preview {
  url: string;
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
}

export async function startPreview(caseFile: string, port: number, log: (line: string) => void = () => {},
  options: PreviewOptions = {}): Promise<Preview> {
  const file = resolve(caseFile);
  const newSession = options.session ?? (() => new Session());
  const ownFiles = options.templatesAndFonts ?? OWN_FILES;
  // Templates are compiled and fonts parsed once per session: a changed template, font, or font the
  // case names gets a new session, whose first render reads it afresh.
  let session = newSession();
  const startsNewSession = (path: string) => ownFiles.some((dir) => path.startsWith(dir)) || /\.(ttf|otf)$/i.test(path);
  let render: Render | null = null;
  let state: PreviewState = { version: 0, renderVersion: 0, form: null, english: false, ok: false, stale: false, problems: [], settled: 0, documents: [] };
  const listeners = new Set<ServerResponse>();

  const refresh = serialised(async () => {
    const checked = await checkCase(file, undefined, { session }).catch((e: unknown): CaseResult =>
      ({ file, name: file, form: null, ok: false, facts: {}, documents: [], problems: [internalProblem(file, e)] }));
    const version = state.version + 1;
    const english = checked.form ? session.forms[checked.form]?.language === 'en' : false;
    let renderVersion = state.renderVersion;
    if (checked.ok) {
      try {
        // A paper written onto the agency's own form shows its boxes outlined, so a field map can be adjusted.
        const files = await renderDocuments(checked, ['pdf', 'txt'], { outline: true });
        const byName = new Map(files.map((f) => [f.path, f.bytes]));
        render = {
          files: byName,
          documents: checked.documents.flatMap((d) => (['pdf', 'txt'] as const)
            .filter((fmt) => byName.has(`${d.name}.${fmt}`))
            .map((format) => ({ name: d.name, title: d.title, file: `${d.name}.${format}`, format }))),
        };
        renderVersion = version;
      } catch (e) {
        checked.ok = false;
        checked.problems.push(internalProblem(file, e));
      }
    }
    state = {
      version, renderVersion, form: checked.form, english, ok: checked.ok,
      stale: !checked.ok && render !== null,
      problems: checked.problems.map((p) => shownProblem(p, english)),
      settled: checked.settled?.length ?? 0,
      documents: render?.documents ?? [],
    };
    watchNamedFiles();
    for (const res of listeners) res.write(`event: update\ndata: ${version}\n\n`);
    log(`${checked.ok ? '✓' : '✗'} ${new Date().toLocaleTimeString('ja-JP')} ${checked.ok ? '表示を更新しました / updated' : 'エラーがあります / the case has errors'}`);
  });

  // The case file and every file it names (a works CSV, images, the NDL list) are followed.
  const watched = new Set([file, ...namedFiles(file)]);
  const watcher: FSWatcher = watch([...watched, ...ownFiles], { ignoreInitial: true });
  // Until the watcher is ready a save would go unseen: the server answers only after it is.
  const ready = new Promise<void>((ok) => watcher.once('ready', () => ok()));
  let timer: NodeJS.Timeout | undefined;
  watcher.on('all', (_event, path) => {
    if (startsNewSession(path)) session = newSession();
    clearTimeout(timer);
    timer = setTimeout(() => void refresh(), SETTLE_MS);
  });
  const watchNamedFiles = () => {
    for (const named of namedFiles(file)) if (!watched.has(named)) (watched.add(named), watcher.add(named));
  };

  await refresh();
  await ready;

  const server = createServer((req, res) => {
    try {
      handle(req, res);
    } catch {
      send(res, 500, 'text/plain; charset=utf-8', 'internal error');
    }
  });
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const address = server.address();
    const listening = typeof address === 'object' && address ? address.port : port;
    // Node keeps the first of two Host headers: a request with two could pass the check with one and reach a proxy with the other.
    const hosts = req.rawHeaders.filter((h, i) => i % 2 === 0 && h.toLowerCase() === 'host').length;
    if (hosts !== 1 || !isLoopbackHost(req.headers.host, listening)) return send(res, 403, 'text/plain; charset=utf-8', 'Forbidden: unexpected Host header');
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain; charset=utf-8', 'Method not allowed');
    const path = (req.url ?? '/').split('?')[0];
    const asset = Object.hasOwn(ASSETS, path) ? ASSETS[path] : undefined;
    if (asset) return send(res, 200, asset.type, readFileSync(asset.file));
    if (path === '/state') return send(res, 200, 'application/json; charset=utf-8', JSON.stringify(state));
    if (path === '/events') {
      res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
      res.write(`event: update\ndata: ${state.version}\n\n`);
      listeners.add(res);
      req.on('close', () => listeners.delete(res));
      return;
    }
    // /doc/<file>: only a file of the current render, looked up by its exact name.
    const doc = /^\/doc\/([\w.-]+)$/.exec(path)?.[1];
    const bytes = doc ? render?.files.get(doc) : undefined;
    const format = doc?.split('.').pop() as keyof typeof SHOWN | undefined;
    if (bytes && format && Object.hasOwn(SHOWN, format)) return send(res, 200, SHOWN[format], bytes);
    return send(res, 404, 'text/plain; charset=utf-8', 'Not found');
  };

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => ok());
  });
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : port}/`;

  return {
    url,
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

/** 127.0.0.1:port or localhost:port, exactly: a rebinding attacker's domain never matches. */
export function isLoopbackHost(host: string | undefined, port: number): boolean {
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

function send(res: ServerResponse, status: number, type: string, body: string | Uint8Array): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    // No other site may frame the page (frame-ancestors, X-Frame-Options for older browsers) or load
    // its renders into an <img>, <object> or <script> (CORP): a foreign page cannot even tell which
    // documents exist, since a blocked load fails the same way as a missing one.
    'Content-Security-Policy': "default-src 'self'; img-src 'self' data: blob:; worker-src 'self' blob:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'",
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Resource-Policy': 'same-origin',
  });
  res.end(body);
}

/** A problem as the page shows it, in the clerk's language first. */
function shownProblem(p: Problem, english: boolean) {
  const where = [p.file, p.line, p.column].filter((x) => x !== undefined).join(':');
  const [first, second] = english ? [p.en, p.ja] : [p.ja, p.en];
  const hint = p.hint && (english ? `${p.hint.en} / ${p.hint.ja}` : `${p.hint.ja} / ${p.hint.en}`);
  const code = p.severity === 'warning' && p.code ? { code: p.code } : {};
  return { severity: p.severity, where, field: pathText(p.path), ...code, first, second, ...(hint ? { hint } : {}) };
}

/** Strings of the case that name an existing file beside it: the files it reads. */
function namedFiles(caseFile: string): string[] {
  const read = readCaseFile(caseFile);
  if (!read.ok) return [];
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
  walk(read.parsed.data);
  return found;
}

/** Runs one at a time; a call while running runs once more afterwards. */
function serialised(run: () => Promise<void>): () => Promise<void> {
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
  return go;
}
