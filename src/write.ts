/**
 * Atomic output: every file of a case is rendered in memory first, then each is written to a
 * temporary name beside its destination and renamed over it, so a reader never sees half a file
 * and a failed case leaves nothing behind.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function writeFilesAtomically(dir: string, files: { path: string; bytes: Uint8Array }[]): string[] {
  mkdirSync(dir, { recursive: true });
  const temps: string[] = [];
  try {
    for (const f of files) {
      const temp = join(dir, `.${f.path}.${process.pid}.tmp`);
      writeFileSync(temp, f.bytes);
      temps.push(temp);
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
