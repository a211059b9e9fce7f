/**
 * The thread of side-thread.ts: renders each document it is sent in its formats, sends each file
 * back as it is made (moved, not copied), then says it is done. Its own font book: the fonts are
 * parsed here once.
 */
import { deserialize } from 'node:v8';
import { parentPort } from 'node:worker_threads';
import { FontBook } from '../typeset/fonts.js';
import { renderOutput } from './render-output.js';
import { movable, type SideMessage, type SideOutput, type SideReply } from './side-thread.js';

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
  // Read only now, when the one before is rendered and dropped: one document's objects at a time.
  const { output, formats } = deserialize(message.output) as SideOutput;
  for (const format of formats) {
    const bytes = movable((await renderOutput(output, format, fonts)).bytes);
    port.postMessage({ file: { path: `${output.name}.${format}`, bytes } } satisfies SideReply, [bytes.buffer as ArrayBuffer]);
  }
}
