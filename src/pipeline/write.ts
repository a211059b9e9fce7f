/**
 * Atomic output: every file of a case is rendered in memory first, then each is written to a
 * temporary name beside its destination and renamed over it, so a reader never sees half a file
 * and a failed case leaves nothing behind. A run killed between the two steps leaves only hidden
 * temporary files, which the next write into that folder removes.
 */
import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';

/** `.application.pdf.<pid>-<thread>.tmp`: the writing process is named so a live one's files are left alone. */
const TEMP = /^\..+\.(\d+)-\d+\.tmp$/;
const tempName = (path: string) => `.${path}.${process.pid}-${threadId}.tmp`;

export function writeFilesAtomically(dir: string, files: { path: string; bytes: Uint8Array }[]): string[] {
  mkdirSync(dir, { recursive: true });
  removeStaleTemps(dir);
  const temps: string[] = [];
  try {
    for (const f of files) {
      const temp = join(dir, tempName(f.path));
      temps.push(temp);
      writeFileSync(temp, f.bytes);
    }
  } catch (e) {
    for (const t of temps) rmSync(t, { force: true });
    throw e;
  }
  return files.map((f, i) => {
    const target = join(dir, f.path);
    renameSync(temps[i], target);
    return target;
  });
}

/** Temporary files of writers that no longer run (a killed batch). */
function removeStaleTemps(dir: string): void {
  for (const name of readdirSync(dir)) {
    const pid = TEMP.exec(name)?.[1];
    if (pid && !isRunning(Number(pid))) rmSync(join(dir, name), { force: true });
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
