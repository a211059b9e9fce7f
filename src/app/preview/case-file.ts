/**
 * The editor's case file on disk: read without following a link (a case replaced by a symbolic
 * link to another file is said, never shown: issue 21 §13), written atomically (a new file beside
 * it, then one rename), and a save refused when the file changed since it was read (edited in a
 * text editor meanwhile) unless the clerk chose to keep their own.
 */
import { randomBytes } from 'node:crypto';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { readBounded } from '../../base/bounded-file.js';
import type { Problem } from '../../base/problem.js';
import { MAX_CASE_BYTES } from '../../input/parse.js';

export type DiskCase = { ok: true; bytes: Uint8Array } | { ok: false; problem: Problem };

export function readDiskCase(file: string): DiskCase {
  const read = readBounded(file, MAX_CASE_BYTES, { noFollow: true });
  if (read.ok) return read;
  const said = {
    link: ['ケースファイルがシンボリックリンクに置き換えられています。リンクの先は読みません。', 'The case file was replaced by a symbolic link: yoshiki does not read through it.',
      'リンクを消し、ケースファイルそのものを置いてください（または保存して置き換えてください）。', 'Remove the link and put the case file itself there (or save to replace it).'],
    missing: ['ケースファイルがなくなりました（消されたか、移されました）。', 'The case file is gone (deleted or moved).',
      '保存すると、いまの内容で作り直します。', 'Save to write it again with what the page holds.'],
    'too-large': [`ケースファイルが大きすぎます（上限${MAX_CASE_BYTES}バイト）。`, `The case file is too large (the limit is ${MAX_CASE_BYTES} bytes).`,
      '多数の著作物は works_file の CSV に書いてください。', 'Put many works in a CSV named by works_file.'],
    'not-file': ['ケースファイルが普通のファイルではなくなりました。', 'The case file is no longer a regular file.', 'ケースファイルを置き直してください。', 'Put the case file back.'],
    unreadable: ['ケースファイルを読めません。', 'The case file cannot be read.', '読み取りの権限を確かめてください。', 'Check that you may read it.'],
  }[read.reason];
  return { ok: false, problem: { severity: 'error', path: [], file, ja: said[0], en: said[1], hint: { ja: said[2], en: said[3] } } };
}

/** Whether two reads of the disk hold the same case (both missing or unreadable alike counts as the same). */
export function sameDisk(a: DiskCase, b: DiskCase): boolean {
  if (a.ok && b.ok) return Buffer.compare(Buffer.from(a.bytes), Buffer.from(b.bytes)) === 0;
  return !a.ok && !b.ok && a.problem.en === b.problem.en;
}

/**
 * Writes the case: the new text goes into a hidden file beside it (created, never opened through a
 * link), then one rename puts it in place — a reader sees the old file or the new, never half. A
 * link that stood at the case's path is replaced, its target left alone.
 */
export function writeCaseAtomically(file: string, text: string): void {
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
  try {
    writeFileSync(temp, text, { flag: 'wx', mode: 0o644 });
    renameSync(temp, file);
  } catch (e) {
    rmSync(temp, { force: true });
    throw e;
  }
}
