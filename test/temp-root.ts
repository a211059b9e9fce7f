/**
 * vitest's global setup: one temporary folder for the whole run, handed to the test workers in
 * YOSHIKI_TEST_TMP (tempDir in helpers.ts makes its folders inside), and removed when the run ends.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'yoshiki-test-'));
  process.env.YOSHIKI_TEST_TMP = root;
  return () => rmSync(root, { recursive: true, force: true });
}
