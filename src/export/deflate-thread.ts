/**
 * A long document's page contents deflated on a thread of their own while this one lays out and
 * writes the next pages. zlib was a third of writing a 10,000-work table (0.5 of 1.4 CPU s), all of
 * it on the thread that is the submission's longest: the other one renders DOCX and XLSX meanwhile.
 * The bytes are deflateSync's with its defaults, on either thread: the PDF is the same.
 */
import { deflateSync } from 'node:zlib';
import { isMainThread, Worker } from 'node:worker_threads';

/**
 * Pages that pay for the thread: starting it costs about 25 ms of CPU, what deflating 250 pages of
 * a table takes (0.1 ms a page). A one-case render's papers stay on this thread.
 */
export const DEFLATE_THREAD_PAGES = 250;

/** Raw bytes sent together: a message costs more than deflating a few pages. About 40 pages of a table. */
const CHUNK_BYTES = 256 * 1024;

/** The thread's script, CommonJS run from a string: no file to find from the sources, dist/ or the bundle. */
const SCRIPT = `
const { parentPort } = require('node:worker_threads');
const { deflateSync } = require('node:zlib');
parentPort.on('message', ({ id, bytes, ends, claim }) => {
  // 0: not begun; 1: this thread's; 2: taken back by the main thread, which deflates it itself.
  if (Atomics.compareExchange(claim, 0, 0, 1) !== 0) return;
  const parts = [];
  let start = 0;
  for (const end of ends) {
    parts.push(deflateSync(bytes.subarray(start, end)));
    start = end;
  }
  // A buffer of its own (Buffer.concat may take a slice of Node's shared pool), moved back.
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  const outEnds = [];
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    outEnds.push((at += part.length));
  }
  parentPort.postMessage({ id, bytes: out, ends: outEnds }, [out.buffer]);
});
`;

/** Deflates one page's contents: now, or later on the thread. */
export interface Deflater {
  /** `bytes` may be overwritten once this returns; `done` gets the deflated bytes. */
  deflate(bytes: Uint8Array, done: (deflated: Uint8Array) => void): void;
  /** Resolves once every page given has been deflated and handed to its `done`. */
  finished(): Promise<void>;
}

/** On this thread, at once. */
const HERE: Deflater = {
  deflate: (bytes, done) => done(deflateSync(bytes)),
  finished: async () => undefined,
};

/**
 * The deflater for a document of this many pages: the thread's for a long one, from the main thread
 * only (`mayStart`: a batch's workers and the side thread keep every core busy already).
 */
export function deflaterFor(pages: number, mayStart = isMainThread): Deflater {
  return pages >= DEFLATE_THREAD_PAGES && mayStart ? new ChunkedDeflater(thread()) : HERE;
}

/**
 * Table rows from which a document is likely to reach DEFLATE_THREAD_PAGES (an evidence table has
 * about 4 rows a page; a plain list more, and then the thread started is only left idle).
 */
export const LONG_DOCUMENT_ROWS = 1_000;

/**
 * Starts the thread ahead, while a long document is laid out: a thread takes 30–50 ms to start,
 * which a 2,000-work table (500 pages) otherwise waited for at its end (85 ms idle, profiled).
 */
export function startDeflateThreadFor(rows: number, mayStart = isMainThread): void {
  if (rows >= LONG_DOCUMENT_ROWS && mayStart) thread().start();
}

/** Whether the process's deflating thread is running (for tests and diagnostics). */
export const deflateThreadRunning = (): boolean => shared?.running() ?? false;

/** Pages sent together; `claim` (shared with the thread) says who deflates them: see SCRIPT. */
interface Chunk { id: number; raw: Uint8Array; ends: number[]; done: ((deflated: Uint8Array) => void)[]; claim: Int32Array }

const newClaim = () => new Int32Array(new SharedArrayBuffer(4));

/** Pages gathered into chunks, each sent when full and deflated page by page on the thread. */
class ChunkedDeflater implements Deflater {
  private buffer = new Uint8Array(CHUNK_BYTES * 2);
  private length = 0;
  private ends: number[] = [];
  private done: ((deflated: Uint8Array) => void)[] = [];
  private readonly sent: Promise<void>[] = [];
  private readonly chunks: Chunk[] = [];

  constructor(private readonly thread: DeflateThread) {}

  deflate(bytes: Uint8Array, done: (deflated: Uint8Array) => void): void {
    if (this.length + bytes.length > this.buffer.length) {
      const larger = new Uint8Array(Math.max(this.buffer.length * 2, this.length + bytes.length));
      larger.set(this.buffer.subarray(0, this.length));
      this.buffer = larger;
    }
    this.buffer.set(bytes, this.length);
    this.length += bytes.length;
    this.ends.push(this.length);
    this.done.push(done);
    if (this.length >= CHUNK_BYTES) this.send();
  }

  /**
   * The last pages are deflated here, and so are the chunks the thread has not begun, latest
   * first, while it works through the earlier ones: this thread would otherwise only wait for it
   * (21 ms at the end of a 2,000-work table, up to 90 at 10,000).
   */
  finished(): Promise<void> {
    if (this.ends.length) deflateHere({ id: -1, raw: this.buffer.subarray(0, this.length), ends: this.ends, done: this.done, claim: newClaim() });
    [this.length, this.ends, this.done] = [0, [], []];
    this.thread.takeBack(this.chunks);
    return Promise.all(this.sent).then(() => undefined);
  }

  private send(): void {
    const chunk = this.thread.chunk(this.buffer.slice(0, this.length), this.ends, this.done);
    this.chunks.push(chunk);
    this.sent.push(this.thread.deflate(chunk));
    [this.length, this.ends, this.done] = [0, [], []];
  }
}

let shared: DeflateThread | undefined;
const thread = () => (shared ??= new DeflateThread());

/**
 * The process's one deflating thread. It keeps the process alive only while it has work; if it
 * cannot start or stops, what it was given is deflated here instead.
 */
class DeflateThread {
  private worker?: Worker;
  private nextId = 0;
  private readonly waiting = new Map<number, { chunk: Chunk; resolve: () => void }>();

  chunk(raw: Uint8Array, ends: number[], done: Chunk['done']): Chunk {
    return { id: this.nextId++, raw, ends, done, claim: newClaim() };
  }

  deflate(chunk: Chunk): Promise<void> {
    return new Promise((resolve) => {
      const worker = this.started();
      if (!worker) {
        deflateHere(chunk);
        return resolve();
      }
      this.waiting.set(chunk.id, { chunk, resolve });
      worker.ref();
      // Copied, not moved: if the thread stops, the chunk is deflated here from its raw bytes.
      worker.postMessage({ id: chunk.id, bytes: chunk.raw, ends: chunk.ends, claim: chunk.claim });
    });
  }

  /**
   * Deflates here the chunks the thread has not begun, latest first; it takes them in order, so
   * once one is its own, so are all before it.
   */
  takeBack(chunks: Chunk[]): void {
    for (let i = chunks.length - 1; i >= 0; i--) {
      const entry = this.waiting.get(chunks[i].id);
      if (!entry) continue;
      if (Atomics.compareExchange(chunks[i].claim, 0, 0, 2) !== 0) break;
      this.waiting.delete(chunks[i].id);
      deflateHere(chunks[i]);
      entry.resolve();
    }
    if (this.waiting.size === 0) this.worker?.unref();
  }

  start(): void {
    this.started();
  }

  running(): boolean {
    return this.worker !== undefined;
  }

  private started(): Worker | undefined {
    if (this.worker) return this.worker;
    try {
      this.worker = new Worker(SCRIPT, { eval: true });
    } catch {
      return undefined;
    }
    this.worker.unref();
    this.worker.on('message', ({ id, bytes, ends }: { id: number; bytes: Uint8Array; ends: number[] }) => this.received(id, bytes, ends));
    const worker = this.worker;
    // Only this thread's own end: one stopped on purpose has been let go already.
    worker.on('error', () => this.worker === worker && this.stopped());
    worker.on('exit', () => this.worker === worker && this.stopped());
    return this.worker;
  }

  private received(id: number, bytes: Uint8Array, ends: number[]): void {
    const entry = this.waiting.get(id);
    if (!entry) return;
    this.waiting.delete(id);
    let start = 0;
    ends.forEach((end, i) => {
      entry.chunk.done[i](bytes.subarray(start, end));
      start = end;
    });
    if (this.waiting.size === 0) this.worker?.unref();
    entry.resolve();
  }

  async stop(): Promise<void> {
    const worker = this.worker;
    this.stopped();
    await worker?.terminate();
  }

  /** The thread is gone: what it had is deflated here, and the next chunk starts a new one. */
  private stopped(): void {
    this.worker = undefined;
    for (const { chunk, resolve } of this.waiting.values()) {
      deflateHere(chunk);
      resolve();
    }
    this.waiting.clear();
  }
}

function deflateHere(chunk: Chunk): void {
  let start = 0;
  chunk.ends.forEach((end, i) => {
    chunk.done[i](deflateSync(chunk.raw.subarray(start, end)));
    start = end;
  });
}

/**
 * Stops the process's deflating thread now; what it was given is deflated here, and a later long
 * document starts another. For a program embedding yoshiki that wants its threads gone at once
 * (the thread never keeps a process alive once idle).
 */
export async function stopDeflateThread(): Promise<void> {
  await shared?.stop();
}
