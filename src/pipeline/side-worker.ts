/**
 * The thread of side-thread.ts: renders each document it is sent in its formats, sends each file
 * back as it is made (moved, not copied), then says it is done. Its own font book: the fonts are
 * parsed here once. The thread runs side-entry.ts, or, started by a bundled CLI, bin/side-worker.js,
 * which calls serveSideThread from the bundle: this module has no effect of its own when loaded,
 * as the bundle holding it is also the CLI's main thread and each batch worker.
 */
import { deserialize } from 'node:v8';
import { parentPort, type MessagePort } from 'node:worker_threads';
import { FontBook } from '../typeset/fonts.js';
import { renderOutput } from './render-output.js';
import { movable, type SideMessage, type SideOutput, type SideReply } from './side-thread.js';

/** Serves the thread's parent: each message rendered in turn, after the one before. */
export function serveSideThread(port: MessagePort = parentPort!): void {
  const book = new FontBook();
  const fonts = async () => book;
  let queue = Promise.resolve();
  let failed = false;
  port.on('message', (message: SideMessage) => {
    queue = queue.then(() => (failed ? undefined : handle(port, message, fonts))).catch((e: unknown) => {
      failed = true;
      const error = e instanceof Error ? { message: e.message, name: e.name } : { message: String(e), name: 'Error' };
      port.postMessage({ error } satisfies SideReply);
      port.close();
    });
  });
}

async function handle(port: MessagePort, message: SideMessage, fonts: () => Promise<FontBook>): Promise<void> {
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
