/**
 * A case's output folder holds exactly the documents of its last successful render, and never
 * half a file. Every file is rendered in memory first, then written into a new hidden folder beside
 * the case's (`.name.<pid>-<thread>.new`); the new folder is swapped in by renames, so a reader sees
 * the old set or the new one, never a mix (before, a failed rename left old and new files side by
 * side, and a document a case no longer makes — the power of attorney after the agent was removed —
 * stayed). Files yoshiki did not write are never removed: the folder's manifest (`.yoshiki-files`)
 * lists what yoshiki wrote, and anything else in the old folder moves into the new one.
 *
 * A run killed part-way leaves only hidden folders of a process that no longer runs; the next write
 * of that case removes them, or puts the old set back if the kill fell between the two renames.
 */
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { threadId } from 'node:worker_threads';

/** The manifest of a case folder: the files yoshiki wrote there, one name per line. */
export const MANIFEST = '.yoshiki-files';
/** `.name.<pid>-<thread>.new|old`: the writing process is named so a live one's folders are left alone. */
const SWAP = /^\.(.+)\.(\d+)-\d+\.(new|old)$/;
/** The temporary files of yoshiki before the folder swap (`.application.pdf.<pid>-<thread>.tmp`). */
const OLD_TEMP = /^\..+\.(\d+)-\d+\.tmp$/;

/** A folder or file that cannot be written, said as what it is (the disk is full, the folder read-only…). */
export class OutputError extends Error {
  constructor(readonly ja: string, en: string) {
    super(en);
  }
}

export function writeFilesAtomically(dir: string, files: { path: string; bytes: Uint8Array }[]): string[] {
  try {
    return swapIn(dir, files);
  } catch (e) {
    if (e instanceof OutputError) throw e;
    throw outputError(e, dir);
  }
}

function swapIn(dir: string, files: { path: string; bytes: Uint8Array }[]): string[] {
  const parent = dirname(dir);
  const name = basename(dir);
  mkdirSync(parent, { recursive: true });
  recoverKilledSwaps(parent, name, dir);
  if (existsSync(dir) && !lstatSync(dir).isDirectory())
    throw new OutputError(`出力先「${dir}」にはフォルダではないもの（ファイルかリンク）があります。移すか、-o で別の出力先を指定してください。`,
      `"${dir}" is a file or a link, not a folder, so the case's documents cannot go there. Move it, or name another output folder with -o.`);

  const tag = `${process.pid}-${threadId}`;
  const fresh = join(parent, `.${name}.${tag}.new`);
  rmSync(fresh, { recursive: true, force: true });
  mkdirSync(fresh);
  try {
    for (const f of files) writeFileSync(join(fresh, f.path), f.bytes);
    writeFileSync(join(fresh, MANIFEST), `${files.map((f) => f.path).join('\n')}\n`);
    if (existsSync(dir)) keepUsersFiles(dir, fresh, new Set(files.map((f) => f.path)));
  } catch (e) {
    rmSync(fresh, { recursive: true, force: true });
    throw e;
  }
  if (existsSync(dir)) {
    const old = join(parent, `.${name}.${tag}.old`);
    renameSync(dir, old);
    renameSync(fresh, dir);
    rmSync(old, { recursive: true, force: true });
  } else {
    renameSync(fresh, dir);
  }
  return files.map((f) => join(dir, f.path));
}

/**
 * Moves into the new folder what yoshiki did not write in the old one: a file not in its manifest
 * and not replaced by a new document. Without a manifest (a folder written before there was one),
 * every file the new set does not replace is kept.
 */
function keepUsersFiles(dir: string, fresh: string, written: Set<string>): void {
  const manifest = join(dir, MANIFEST);
  const ours = existsSync(manifest) ? new Set(readFileSync(manifest, 'utf8').split('\n').filter(Boolean)) : new Set<string>();
  for (const entry of readdirSync(dir)) {
    if (entry === MANIFEST || ours.has(entry) || written.has(entry)) continue;
    const pid = OLD_TEMP.exec(entry)?.[1];
    if (pid && !isRunning(Number(pid))) continue; // a killed writer's temporary file: left behind with the old folder
    renameSync(join(dir, entry), join(fresh, entry));
  }
}

/** Hidden folders of writers that no longer run: the old set goes back if the kill fell between the renames. */
function recoverKilledSwaps(parent: string, name: string, dir: string): void {
  for (const entry of readdirSync(parent)) {
    const m = SWAP.exec(entry);
    if (!m || m[1] !== name || isRunning(Number(m[2]))) continue;
    if (m[3] === 'old' && !existsSync(dir)) renameSync(join(parent, entry), dir);
    else rmSync(join(parent, entry), { recursive: true, force: true });
  }
}

function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as { code?: string }).code === 'EPERM'; // alive, but another user's
  }
}

/** The system's reason, in the clerk's words (a full disk is not a bug in yoshiki). */
function outputError(e: unknown, dir: string): OutputError {
  const code = (e as { code?: string }).code;
  switch (code) {
    case 'ENOSPC': case 'EDQUOT':
      return new OutputError(`ディスクがいっぱいで「${dir}」に書き込めません。空きを作ってからやり直してください。`, `The disk is full: nothing could be written to "${dir}". Free some space and run again.`);
    case 'EROFS':
      return new OutputError(`「${dir}」は読み取り専用の場所で、書き込めません。-o で別の出力先を指定してください。`, `"${dir}" is on a read-only file system. Name another output folder with -o.`);
    case 'EACCES': case 'EPERM':
      return new OutputError(`「${dir}」に書き込む権限がありません。-o で別の出力先を指定してください。`, `You may not write to "${dir}". Name another output folder with -o.`);
    case 'ENOTDIR': case 'ENOENT': case 'EEXIST': case 'EISDIR': case 'EINVAL':
      return new OutputError(`出力先「${dir}」にフォルダを作れません（${code}）。-o で普通のフォルダを指定してください。`, `No folder can be made at "${dir}" (${code}). Name an ordinary folder with -o.`);
    default:
      return new OutputError(`「${dir}」に書き込めませんでした（${code ?? (e as Error).message}）。`, `Writing to "${dir}" failed (${code ?? (e as Error).message}).`);
  }
}
