/**
 * The thread of side-thread.ts: renders each document it is sent in its formats, sends each file
 * back as it is made, then says it is done. Its own font book: the fonts are parsed here once.
 */
import { parentPort } from 'node:worker_threads';
import { FontBook } from '../typeset/fonts.js';
import { renderOutput } from './render-output.js';
import type { SideMessage, SideReply } from './side-thread.js';

const book = new FontBook();
const fonts = async () => book;
const port = parentPort!;
let queue = Promise.resolve();
let failed = false;

port.on('message', (message: SideMessage) => {
  queue = queue.then(() => (failed ? undefined : handle(message))).catch((e: unknown) => {
    failed = true;
    const error = e instanceof Error ? { message: e.message, name: e.name } : { message: String(e), name: 'Error' };
    port.postMessage({ error } satisfies SideReply);
    port.close();
  });
});

async function handle(message: SideMessage): Promise<void> {
  if ('end' in message) {
    port.postMessage({ done: true } satisfies SideReply);
    port.close();
    return;
  }
  for (const format of message.formats) {
    const { bytes } = await renderOutput(message.output, format, fonts);
    // Moved, not copied: a view of part of a buffer is copied into one of its own first.
    const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : new Uint8Array(bytes);
    port.postMessage({ file: { path: `${message.output.name}.${format}`, bytes: own } } satisfies SideReply, [own.buffer as ArrayBuffer]);
  }
}
