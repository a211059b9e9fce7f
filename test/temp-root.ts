/**
 * vitest's global setup: one temporary folder for the whole run, handed to the test workers in
 * YOSHIKI_TEST_TMP (tempDir in helpers.ts makes its folders inside) with yoshiki's cache folder
 * (YOSHIKI_CACHE) inside it, and removed when the run ends.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'yoshiki-test-'));
  process.env.YOSHIKI_TEST_TMP = root;
  // yoshiki's cache (src/base/cache.ts) in the run's folder, not the user's: every run starts without one.
  process.env.YOSHIKI_CACHE = join(root, 'cache');
  return () => rmSync(root, { recursive: true, force: true });
}
