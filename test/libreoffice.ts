/**
 * One LibreOffice for the whole test run (per font setting), instead of one start per conversion.
 *
 * `soffice --convert-to` started with the profile of a LibreOffice already running hands its files
 * to that one over the profile's pipe, waits until they are written and exits: a conversion then
 * costs a tenth of a second instead of a start (1.5–3 s of a core here; the suite started
 * LibreOffice 7 times). What converts is the same LibreOffice, the same command line and filters.
 * The running one is kept open by a document it holds (a one-line text file): with no document
 * open, LibreOffice quits after the first conversion handed to it.
 *
 * Started by the first test that needs it (a lock folder in the run's temporary folder: one start
 * even when both workers ask at once), stopped when the run ends (test/temp-root.ts), and by a
 * watchdog shell if the run dies without its teardown.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const POLL = new Int32Array(new SharedArrayBuffer(4));
const sleep = (ms: number) => Atomics.wait(POLL, 0, 0, ms);
const KEEP = 'keep.txt';

/** Whether the process `pid` runs (a zombie does not). */
function processRuns(pid: number): boolean {
  try {
    return existsSync('/proc/self/stat') ? readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '')[0] !== 'Z' : (process.kill(pid, 0), true);
  } catch {
    return false;
  }
}

/**
 * Whether the process `pid`, or a process of the group it leads, still runs. A zombie does not:
 * nothing may reap LibreOffice once its parent shell has gone, and a zombie still answers kill(0).
 * The process itself counts too: just started, it may not have made its group yet (setsid).
 */
function groupRuns(pgid: number): boolean {
  if (!existsSync('/proc/self/stat')) {
    try {
      process.kill(-pgid, 0);
      return true;
    } catch {
      return false;
    }
  }
  return readdirSync('/proc').some((pid) => {
    if (!/^\d+$/.test(pid)) return false;
    try {
      // pid (comm) state ppid pgrp …: comm may hold spaces and parentheses, so read after its last ')'.
      const [state, , pgrp] = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ');
      return (Number(pgrp) === pgid || Number(pid) === pgid) && state !== 'Z';
    } catch {
      return false;
    }
  });
}

/**
 * The profile (a file: URL) of the run's LibreOffice for this environment, started if it is not
 * running yet; undefined outside a vitest run (no run folder to keep it in).
 */
export function libreOfficeSession(env: Record<string, string>): string | undefined {
  const root = process.env.YOSHIKI_TEST_TMP;
  if (!root) return undefined;
  const dir = join(root, `lo-${createHash('sha256').update(JSON.stringify(env)).digest('hex').slice(0, 12)}`);
  try {
    mkdirSync(dir);
    start(dir, env);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  waitReady(dir);
  return `file://${join(dir, 'profile')}`;
}

/**
 * LibreOffice, headless, holding the keep file open, under a watchdog shell: in a session (and
 * process group) of its own, whose id is written beside. Started through a shell that exits at once,
 * so the test worker that asked first keeps no child it would have to wait for.
 */
function start(dir: string, env: Record<string, string>): void {
  writeFileSync(join(dir, KEEP), 'keeps the test run\'s LibreOffice open\n');
  const args = [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--norestore', join(dir, KEEP)];
  // The watchdog: LibreOffice goes when the test run's process goes, even one killed before its teardown.
  const main = process.env.YOSHIKI_TEST_PID ?? String(process.pid);
  const watchdog = `"$@" & lo=$!; while kill -0 ${main} 2>/dev/null && kill -0 $lo 2>/dev/null; do sleep 1; done; kill $lo 2>/dev/null; wait`;
  const started = spawnSync('sh', ['-c', 'setsid sh -c "$0" sh soffice "$@" </dev/null >/dev/null 2>&1 & echo $!', watchdog, ...args], {
    encoding: 'utf8', env: { ...process.env, ...env },
  });
  if (started.status !== 0) throw new Error(`LibreOffice did not start: ${started.stderr}`);
  writeFileSync(join(dir, 'pid'), started.stdout.trim());
}

/** Until LibreOffice holds the keep file (its lock file appears: it is up, its pipe open); 90 s at most. */
function waitReady(dir: string): void {
  const lock = join(dir, `.~lock.${KEEP}#`);
  for (let waited = 0; !existsSync(lock); waited += 50) {
    const pidFile = join(dir, 'pid');
    const pid = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8')) : 0;
    // The watchdog shell (the pid) lives as long as LibreOffice does: only it is read here, not all of /proc.
    if (pid && !processRuns(pid)) throw new Error(`LibreOffice (profile ${dir}) stopped before it was ready`);
    if (waited > 90_000) throw new Error(`LibreOffice (profile ${dir}) not ready after 90 s`);
    sleep(50);
  }
}

/** Stops every LibreOffice the run started (the whole process group), waiting up to 10 s for each. */
export function stopLibreOffices(root: string): void {
  if (!existsSync(root)) return;
  for (const name of readdirSync(root).filter((n) => n.startsWith('lo-'))) {
    const pidFile = join(root, name, 'pid');
    if (!existsSync(pidFile)) continue;
    const pid = Number(readFileSync(pidFile, 'utf8'));
    try {
      process.kill(-pid, 'SIGTERM');
    } catch {
      continue;
    }
    for (let waited = 0; groupRuns(pid) && waited < 10_000; waited += 50) sleep(50);
    if (groupRuns(pid)) spawnSync('kill', ['-KILL', `-${pid}`]);
  }
}
