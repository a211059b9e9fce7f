/**
 * A large case's formats other than PDF — DOCX, CSV, XLSX, text — rendered on a second thread while
 * this one makes its PDFs, so that a clerk waits for the longer of the two rather than their sum
 * (README, "The whole submission at scale"). At 10,000 works the PDFs and the submission took 4.2
 * CPU s and the other formats 2.4 s, one after the other.
 *
 * The thread is given the documents already composed, each serialized here (V8's serializer, as
 * structured clone: 0.1 s each way for the 12 MB of blocks of 10,000 works, where checking and
 * composing them again took 1.5 s) and moved, not copied. It reads them one at a time, renders each
 * in its formats and sends the bytes back, so it never holds more than one document's objects; a
 * document only it renders (the advertisement) is not kept composed here either. It renders with a
 * font book of its own. A renderer's error there is thrown here with the same message, as if it
 * had happened in this thread.
 *
 * Only from the main thread: a batch already keeps every core busy with a case per worker.
 */
import { serialize } from 'node:v8';
import { isMainThread, Worker } from 'node:worker_threads';
import { blocksOnce, isPaper, type Block, type Bundle, type DocumentModel, type Output, type OutputFormat } from '../model/document.js';
import type { RenderedFile } from './render-output.js';

/** An output and one format it is rendered in. */
export interface Job { output: Exclude<Output, Bundle>; format: OutputFormat }

/**
 * The rows (a block, a row of a table) of DOCX and XLSX that pay for a second thread: starting one,
 * its modules and its parse of the font, costs about 0.5 s of CPU, about what 10,000 rows of DOCX
 * take to write. Text and CSV alone never do (a tenth as much a row).
 */
export const SIDE_THREAD_ROWS = 10_000;

/** Sent to the thread: a document (or filled sheet) and its formats, serialized; then `end`. */
export type SideMessage = { output: Uint8Array } | { end: true };
export interface SideOutput { output: Exclude<Output, Bundle>; formats: OutputFormat[] }
/** Sent back: a file, an error's message, or `done` when every file has been sent. */
export type SideReply = { file: RenderedFile } | { error: { message: string; name: string } } | { done: true };

// Run from the sources (vitest), this file is .ts and a worker thread cannot load it: the compiled
// one in dist/ (npm test builds it first). In the bundle, import.meta.url is this file's in dist/.
let script = import.meta.url.endsWith('.ts')
  ? new URL('../../dist/pipeline/side-entry.js', import.meta.url)
  : new URL('./side-entry.js', import.meta.url);

/** The thread's script instead of the compiled side-entry.js: a bundled CLI's own (bin/side-worker.js), which runs the bundle. */
export function setSideThreadScript(url: URL): void {
  script = url;
}

/**
 * The thread for these jobs, when they are worth one: some PDFs here and enough DOCX or XLSX rows
 * there. `force` (tests), else the environment's YOSHIKI_SIDE_THREAD (1 or 0, to compare the two
 * ways a case is rendered: README, "The whole submission at scale"), starts it for any case, or never.
 */
export function sideThreadFor(jobs: Job[], force = forcedByEnvironment()): SideThread | undefined {
  const side = jobs.filter((j) => j.format !== 'pdf');
  if (force === false || side.length === 0 || !jobs.some((j) => j.format === 'pdf')) return undefined;
  if (force !== true && !isMainThread) return undefined;
  const here = new Set(jobs.filter((j) => j.format === 'pdf').map((j) => j.output));
  const outputs = [...outputsOf(side)];
  // Papers composed for their PDFs are counted first: when they decide it (a table of 10,000
  // works), the papers only the thread renders are composed for it alone (plain() below), not kept.
  const blocks = new Map<DocumentModel, Block[]>();
  const kept = (doc: DocumentModel) => doc.blocks;
  let rows = heavyRows(outputs.filter((o) => here.has(o.output)), blocks, kept);
  if (force !== true && rows < SIDE_THREAD_ROWS) rows += heavyRows(outputs.filter((o) => !here.has(o.output)), blocks, kept);
  if (force !== true && rows < SIDE_THREAD_ROWS) return undefined;
  return new SideThread(outputs.map(({ output, formats }) => ({ output: plain(output, blocks.get(output as DocumentModel)), formats })));
}

function forcedByEnvironment(): boolean | undefined {
  const set = process.env.YOSHIKI_SIDE_THREAD;
  return set === '1' ? true : set === '0' ? false : undefined;
}

/** Each output once, in the order of the case, with the formats it goes to the thread in. */
function outputsOf(jobs: Job[]): SideOutput[] {
  const outputs = new Map<Job['output'], OutputFormat[]>();
  for (const { output, format } of jobs) outputs.set(output, [...outputs.get(output) ?? [], format]);
  return [...outputs].map(([output, formats]) => ({ output, formats }));
}

/** The DOCX and XLSX rows of these outputs; a paper's blocks as `compose` gives them (kept in `blocks` for sending). */
function heavyRows(outputs: SideOutput[], blocks: Map<DocumentModel, Block[]>, compose: (doc: DocumentModel) => Block[]): number {
  let rows = 0;
  for (const { output, formats } of outputs) {
    if (!formats.includes('docx') && !formats.includes('xlsx')) continue;
    // A filled sheet is as heavy as its source: a row of a list is about 500 bytes.
    if (!isPaper(output)) rows += output.source.bytes.length / 500;
    else {
      let own = blocks.get(output);
      if (!own) blocks.set(output, (own = compose(output)));
      for (const block of own) rows += block.kind === 'table' ? block.rows.length : 1;
    }
  }
  return rows;
}

export class SideThread {
  private readonly worker = new Worker(script);
  private readonly formats: Set<OutputFormat>;
  private readonly made: Promise<RenderedFile[]>;

  constructor(outputs: SideOutput[]) {
    this.formats = new Set(outputs.flatMap((o) => o.formats));
    this.made = new Promise((resolve, reject) => {
      const files: RenderedFile[] = [];
      this.worker.on('message', (reply: SideReply) => {
        if ('file' in reply) files.push(reply.file);
        else if ('done' in reply) resolve(files);
        else reject(Object.assign(new Error(reply.error.message), { name: reply.error.name }));
      });
      this.worker.on('error', reject);
      this.worker.on('exit', (code) => reject(new Error(`the thread rendering the other formats stopped (exit code ${code})`)));
    });
    this.made.catch(() => undefined); // awaited by files(); not unhandled if the PDFs fail first
    for (const output of outputs) {
      const bytes = movable(serialize(output));
      this.worker.postMessage({ output: bytes } satisfies SideMessage, [bytes.buffer as ArrayBuffer]);
    }
    this.worker.postMessage({ end: true } satisfies SideMessage);
  }

  /** Whether jobs in this format are this thread's. */
  takes(format: OutputFormat): boolean {
    return this.formats.has(format);
  }

  /** Every file the thread made, once it has made them all. */
  files(): Promise<RenderedFile[]> {
    return this.made;
  }

  close(): void {
    void this.worker.terminate();
  }
}

/** Bytes whose buffer can be moved to another thread: a view of part of a buffer is copied into one of its own. */
export const movable = (bytes: Uint8Array): Uint8Array =>
  (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : new Uint8Array(bytes));

/**
 * What the thread needs of a paper: its blocks and settings, not the values for an agency's form
 * (`fields`, worked out only when read) nor that form: PDF only.
 */
function plain(output: SideOutput['output'], blocks: Block[] | undefined): SideOutput['output'] {
  if (!isPaper(output)) return output;
  const copy: Partial<DocumentModel> = {};
  for (const key of Object.keys(output) as (keyof DocumentModel)[])
    if (key !== 'fields' && key !== 'official' && key !== 'blocks') Object.assign(copy, { [key]: output[key] });
  return { ...copy, blocks: blocks ?? blocksOnce(output) } as DocumentModel;
}
