/**
 * A long document's page contents deflated on a thread of their own (src/export/deflate-thread.ts):
 * the bytes are deflateSync's, each page's to its own page, and nothing is lost if the thread stops.
 */
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DEFLATE_THREAD_PAGES, deflaterFor, deflateThreadRunning, LONG_DOCUMENT_ROWS, startDeflateThreadFor, stopDeflateThread } from '../../src/export/deflate-thread.js';

/** Page contents of varied lengths (one longer than a whole chunk), written into one reused buffer as the PDF writer does. */
function deflateAll(pages: number): { given: Uint8Array[]; got: (Uint8Array | undefined)[]; deflater: ReturnType<typeof deflaterFor> } {
  // true: the tests run in vitest's worker threads, where yoshiki would not start another.
  const deflater = deflaterFor(pages, true);
  const scratch = new Uint8Array(700_000);
  const given: Uint8Array[] = [];
  const got: (Uint8Array | undefined)[] = [];
  for (let i = 0; i < pages; i++) {
    const length = i === 7 ? 600_000 : 500 + ((i * 7919) % 9000);
    const text = Buffer.from(`BT /F-1 10.5 Tf ${i} 0 Td (page ${i}) Tj ET\n`.repeat(Math.ceil(length / 30)).slice(0, length), 'latin1');
    scratch.set(text);
    given.push(text);
    deflater.deflate(scratch.subarray(0, length), (d) => {
      if (got[i]) throw new Error(`page ${i} deflated twice`);
      got[i] = d;
    });
    scratch.fill(0x20, 0, length); // the writer reuses its buffer for the next page
  }
  return { given, got, deflater };
}

describe('page contents deflated on a thread', () => {
  it('a long document: each page gets the bytes deflateSync gives for it, later, from the thread', async () => {
    const { given, got, deflater } = deflateAll(DEFLATE_THREAD_PAGES + 50);
    expect(got.filter(Boolean)).toHaveLength(0); // none yet: the thread's answers come with the event loop
    await new Promise((resolve) => setTimeout(resolve, 300));
    // Every chunk sent has come back from the thread; the last pages, not yet a chunk, wait for finished().
    const fromThread = got.filter(Boolean).length;
    expect(fromThread).toBeGreaterThan(0);
    expect(fromThread).toBeLessThan(given.length);
    await deflater.finished();
    expect(got).toHaveLength(given.length);
    given.forEach((bytes, i) => expect(Buffer.compare(got[i]!, deflateSync(bytes)), `page ${i}`).toBe(0));
  });

  it('a short document is deflated here, at once', () => {
    const { given, got } = deflateAll(DEFLATE_THREAD_PAGES - 1);
    given.forEach((bytes, i) => expect(Buffer.compare(got[i]!, deflateSync(bytes)), `page ${i}`).toBe(0));
  });

  it('the thread stopped with pages given to it: they are deflated here, none lost', async () => {
    const { given, got, deflater } = deflateAll(DEFLATE_THREAD_PAGES + 50);
    await stopDeflateThread();
    await deflater.finished();
    given.forEach((bytes, i) => expect(Buffer.compare(got[i]!, deflateSync(bytes)), `page ${i}`).toBe(0));
    // A later long document starts the thread again.
    const again = deflateAll(DEFLATE_THREAD_PAGES);
    await again.deflater.finished();
    expect(again.got.filter(Boolean)).toHaveLength(DEFLATE_THREAD_PAGES);
  });

  it('a long table starts the thread before it is laid out; a short one does not', async () => {
    await stopDeflateThread();
    startDeflateThreadFor(LONG_DOCUMENT_ROWS - 1, true);
    expect(deflateThreadRunning()).toBe(false);
    startDeflateThreadFor(LONG_DOCUMENT_ROWS, true);
    expect(deflateThreadRunning()).toBe(true);
    await stopDeflateThread();
  });

  it('what the thread has not begun when the document is done is deflated here; the thread then skips it', async () => {
    await stopDeflateThread();
    // A new thread takes 30–50 ms to start: every chunk is still waiting when the pages are done.
    const { given, got, deflater } = deflateAll(DEFLATE_THREAD_PAGES + 50);
    await deflater.finished();
    given.forEach((bytes, i) => expect(Buffer.compare(got[i]!, deflateSync(bytes)), `page ${i}`).toBe(0));
    // The thread, started meanwhile, finds the chunks taken and leaves them (a page handed its bytes
    // twice would throw in `done`), and it answers a later document as before.
    const again = deflateAll(DEFLATE_THREAD_PAGES);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(again.got.filter(Boolean).length).toBeGreaterThan(0);
    await again.deflater.finished();
    again.given.forEach((bytes, i) => expect(Buffer.compare(again.got[i]!, deflateSync(bytes)), `page ${i}`).toBe(0));
  });
});
