/**
 * A large case's formats other than PDF — DOCX, CSV, XLSX, text — rendered on a second thread while
 * this one makes its PDFs, so that a clerk waits for the longer of the two rather than their sum
 * (README, "The whole submission at scale"). At 10,000 works the PDFs and the submission took 4.2
 * CPU s and the other formats 2.4 s, one after the other.
 *
 * The thread is given the documents already composed (structured clone: 0.1 s each way for the
 * 10,000 works' 12 MB of blocks, where checking and composing them again took 1.5 s) one at a time,
 * renders each in its formats and sends the bytes back (moved, not copied), dropping the document:
 * it never holds more than one. It renders with a font book of its own, so each thread parses IPAex
 * Mincho once. A renderer's error there is thrown here with the same message, as if it had happened
 * in this thread.
 *
 * Only from the main thread: a batch already keeps every core busy with a case per worker.
 */
import { isMainThread, Worker } from 'node:worker_threads';
import { isPaper, type Bundle, type DocumentModel, type Output, type OutputFormat } from '../model/document.js';
import type { RenderedFile } from './render-output.js';

/** An output and one format it is rendered in. */
export interface Job { output: Exclude<Output, Bundle>; format: OutputFormat }

/**
 * The rows (a block, a row of a table) of DOCX and XLSX that pay for a second thread: starting one,
 * its modules and its parse of the font, costs about 0.4 s of CPU, which a 10,000-row DOCX takes
 * about 0.5 s to write. Text and CSV alone never do (a tenth as much a row).
 */
export const SIDE_THREAD_ROWS = 10_000;

/** Sent to the thread: a document (or filled sheet) and its formats; then `end`. */
export type SideMessage = { output: Exclude<Output, Bundle>; formats: OutputFormat[] } | { end: true };
/** Sent back: a file, an error's message, or `done` when every file has been sent. */
export type SideReply = { file: RenderedFile } | { error: { message: string; name: string } } | { done: true };

// Run from the sources (vitest), this file is .ts and a worker thread cannot load it: the compiled
// one in dist/ (npm test builds it first). In the bundle, import.meta.url is this file's in dist/.
const WORKER = import.meta.url.endsWith('.ts')
  ? new URL('../../dist/pipeline/side-worker.js', import.meta.url)
  : new URL('./side-worker.js', import.meta.url);

/**
 * The thread for these jobs, when they are worth one: some PDFs here and enough DOCX or XLSX rows
 * there. `force` (tests), else the environment's YOSHIKI_SIDE_THREAD (1 or 0, to compare the two
 * ways a case is rendered: README, "The whole submission at scale"), starts it for any case, or never.
 */
export function sideThreadFor(jobs: Job[], force = forcedByEnvironment()): SideThread | undefined {
  const side = jobs.filter((j) => j.format !== 'pdf');
  if (force === false || side.length === 0 || !jobs.some((j) => j.format === 'pdf')) return undefined;
  if (force !== true && (!isMainThread || heavyRows(side) < SIDE_THREAD_ROWS)) return undefined;
  return new SideThread(side);
}

function forcedByEnvironment(): boolean | undefined {
  const set = process.env.YOSHIKI_SIDE_THREAD;
  return set === '1' ? true : set === '0' ? false : undefined;
}

function heavyRows(jobs: Job[]): number {
  let rows = 0;
  for (const { output, format } of jobs) {
    if (format !== 'docx' && format !== 'xlsx') continue;
    // A filled sheet is as heavy as its source: a row of a list is about 500 bytes.
    if (!isPaper(output)) rows += output.source.bytes.length / 500;
    else for (const block of output.blocks) rows += block.kind === 'table' ? block.rows.length : 1;
  }
  return rows;
}

export class SideThread {
  private readonly worker = new Worker(WORKER);
  private readonly formats: Set<OutputFormat>;
  private readonly made: Promise<RenderedFile[]>;

  constructor(jobs: Job[]) {
    this.formats = new Set(jobs.map((j) => j.format));
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
    // In the order of the case: each output once, with every format it goes to this thread in.
    const outputs = new Map<Job['output'], OutputFormat[]>();
    for (const { output, format } of jobs) outputs.set(output, [...outputs.get(output) ?? [], format]);
    for (const [output, formats] of outputs) this.worker.postMessage({ output: plain(output), formats } satisfies SideMessage);
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

/**
 * What the thread needs of a paper: its blocks (composed now, if they were not) and settings, not
 * the values for an agency's form (`fields`, worked out only when read) nor that form: PDF only.
 */
function plain(output: Job['output']): Job['output'] {
  if (!isPaper(output)) return output;
  const copy: Partial<DocumentModel> = {};
  for (const key of Object.keys(output) as (keyof DocumentModel)[])
    if (key !== 'fields' && key !== 'official') Object.assign(copy, { [key]: output[key] });
  return copy as DocumentModel;
}
