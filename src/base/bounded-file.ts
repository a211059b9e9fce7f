/**
 * Reads a file a user named, never more than a limit: open first, then ask the open file what it is
 * (fstat), then read at most the limit. Checking a path and reading it afterwards (stat, then
 * readFile) let `/dev/zero` grow without end, a FIFO block for ever and a sparse 1.9 GB "font" be
 * read whole; asking the descriptor itself leaves no gap between the check and the read.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

export type BoundedRead =
  | { ok: true; bytes: Uint8Array }
  /** missing: no such file; unreadable: no permission or a read error; not-file: a folder, device, FIFO or socket; too-large: over the limit; link: a symbolic link where none is followed. */
  | { ok: false; reason: 'missing' | 'unreadable' | 'not-file' | 'too-large' | 'link'; size?: number };

/** `noFollow`: a link at `path` itself is refused ('link'), not read through (the editor's case file). */
export function readBounded(path: string, limit: number, { noFollow = false } = {}): BoundedRead {
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO for reading otherwise waits for a writer that may never come.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | (noFollow ? constants.O_NOFOLLOW : 0));
  } catch (e) {
    const code = (e as { code?: string }).code;
    return { ok: false, reason: code === 'ENOENT' ? 'missing' : code === 'ELOOP' && noFollow ? 'link' : 'unreadable' };
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return { ok: false, reason: 'not-file' };
    if (st.size > limit) return { ok: false, reason: 'too-large', size: st.size };
    return readUpTo(fd, st.size, limit);
  } catch {
    return { ok: false, reason: 'unreadable' };
  } finally {
    closeSync(fd);
  }
}

/**
 * The first bytes of a regular file, to tell what it is; nothing for a file that cannot be opened
 * or is not a regular file (opened without blocking, as readBounded: a FIFO named by a case waited
 * for ever here before).
 */
export function readHead(path: string, bytes: number): Uint8Array {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch {
    return new Uint8Array(0);
  }
  try {
    if (!fstatSync(fd).isFile()) return new Uint8Array(0);
    const head = Buffer.alloc(bytes);
    return head.subarray(0, readSync(fd, head, 0, bytes, 0));
  } catch {
    return new Uint8Array(0);
  } finally {
    closeSync(fd);
  }
}

/** Reads to the end, but stops one byte past the limit: a file that grows while read is still refused. */
function readUpTo(fd: number, expected: number, limit: number): BoundedRead {
  // One byte more than expected: a file of the size fstat gave fills it short of its end, and is
  // read without growing the buffer (a copy of the whole file, 7.8 MB for the font).
  let buffer = Buffer.allocUnsafe(Math.min(limit + 1, Math.max(expected + 1, 64 * 1024)));
  let length = 0;
  for (;;) {
    if (length === buffer.length) {
      if (length > limit) return { ok: false, reason: 'too-large', size: length };
      const grown = Buffer.allocUnsafe(Math.min(limit + 1, buffer.length * 2));
      buffer.copy(grown, 0, 0, length);
      buffer = grown;
    }
    const n = readSync(fd, buffer, length, buffer.length - length, null);
    if (n === 0) break;
    length += n;
  }
  if (length > limit) return { ok: false, reason: 'too-large', size: length };
  return { ok: true, bytes: new Uint8Array(buffer.buffer, buffer.byteOffset, length) };
}

/** A file that cannot be used, with why in both languages (e.g. a font: the pipeline puts it at the file's entry). */
export class UnusableFile extends Error {
  constructor(readonly ja: string, en: string, readonly missing = false) {
    super(en);
  }
}
