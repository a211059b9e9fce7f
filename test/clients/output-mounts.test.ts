/**
 * A full disk and a read-only output folder are said as what they are, not as a bug in yoshiki
 * (issue 21 §12): the output folder is a small tmpfs of its own (a mount namespace, `unshare -m`),
 * 48 KB for the full disk, remounted read-only for the other. Needs a user that may mount in its own
 * namespace (root in CI's container); skipped, with the reason, elsewhere.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, tempDir, YOSHIKI } from '../helpers.js';

const probe = tempDir('mount-probe-');
const mayMount = spawnSync('unshare', ['-m', 'sh', '-c', `mount -t tmpfs -o size=16k tmpfs ${probe}`]).status === 0;

/** `yoshiki render <case> -o <out>` with `out` mounted as `mount` says, in a namespace of its own. */
function renderInto(fixture: string, mount: string) {
  const dir = tempDir('mounted-');
  const out = join(dir, 'out');
  mkdirSync(out);
  // What is left in the mounted folder is listed from inside the namespace, after the run.
  const r = spawnSync('unshare', ['-m', 'sh', '-c', `${mount.replaceAll('OUT', out)} || exit 9; "$@"; s=$?; echo "LEFT:$(ls -A ${out} | tr '\\n' ' ')"; exit $s`, 'sh',
    process.execPath, YOSHIKI, 'render', join(FIXTURES, `${fixture}.yaml`), '-o', out], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, NO_COLOR: '1' } });
  return { ...r, left: /^LEFT:(.*)$/m.exec(r.stdout)?.[1].trim() };
}

/** Refused with the words given, and as the folder's trouble, never as yoshiki's. */
function expectSaid(r: { status: number | null; stdout: string; stderr: string }, ja: string, en: string): void {
  expect(r.status).toBe(1);
  expect(r.stdout).toContain(ja);
  expect(r.stdout).toContain(en);
  expect(r.stdout + r.stderr).not.toMatch(/Internal error|内部エラー|^\s+at /m);
}

describe.skipIf(!mayMount)('output folders that cannot take the documents (needs unshare -m and mount)', () => {
  it('a full disk: "the disk is full", exit 1, nothing left behind', () => {
    const r = renderInto('ruling-submission', 'mount -t tmpfs -o size=48k tmpfs OUT');
    expectSaid(r, 'ディスクがいっぱいで', 'The disk is full');
    expect(r.left).toBe(''); // no half-written set, no hidden folder
  });

  it('a read-only folder: "read-only file system", exit 1', () => {
    const r = renderInto('ill-receipt', 'mount -t tmpfs -o size=1m tmpfs OUT && mount -o remount,ro OUT');
    expectSaid(r, '読み取り専用の場所', 'is on a read-only file system');
  });
});
