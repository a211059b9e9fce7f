/**
 * vitest's global setup: one temporary folder for the whole run, handed to the test workers in
 * YOSHIKI_TEST_TMP (tempDir in helpers.ts makes its folders inside) with yoshiki's cache folder
 * (YOSHIKI_CACHE) inside it, and removed when the run ends, after the run's LibreOffice is stopped
 * (test/libreoffice.ts; YOSHIKI_TEST_PID tells its watchdog which process the run is).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stopLibreOffices } from './libreoffice.js';

export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'yoshiki-test-'));
  process.env.YOSHIKI_TEST_TMP = root;
  process.env.YOSHIKI_TEST_PID = String(process.pid);
  // yoshiki's cache (src/base/cache.ts) in the run's folder, not the user's: every run starts without one.
  process.env.YOSHIKI_CACHE = join(root, 'cache');
  return () => {
    stopLibreOffices(root);
    rmSync(root, { recursive: true, force: true });
  };
}
