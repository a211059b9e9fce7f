// The bundled CLI (dist/bundle/cli.cjs, built by scripts/bundle.mjs), loaded with V8's code cache:
// what bin/yoshiki.js runs, and what each batch worker thread runs (bin/batch-worker.js), so that a
// worker too reads one compiled script instead of ~550 module files.
import { isAscii } from 'node:buffer';
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getHeapCodeStatistics } from 'node:v8';
import vm from 'node:vm';

const main = new URL('../dist/app/cli/main.js', import.meta.url);
const bundle = new URL('../dist/bundle/cli.cjs', import.meta.url);
const modified = (url) => {
  try {
    return statSync(url).mtimeMs;
  } catch {
    return -1;
  }
};

/** The compiled CLI's entry (dist/app/cli/main.js), run when the bundle is not usable. */
export const unbundled = main;

/** Whether the bundle is there and no older than the compiled files: a bundle left from an earlier build is never run. */
export const bundleUsable = () => modified(bundle) >= modified(main) && modified(main) >= 0;

/**
 * The bundle's exports, compiled with the code V8 compiled for it in an earlier run (V8's code cache, kept in
 * the user's cache folder; src/base/cache.ts): Node 20 keeps none for ES modules, and compiling the
 * bundle's 6 MB was a fifth of a cold one-case render. The cache is used only for this very bundle
 * (it starts with the SHA-1 the build wrote on the bundle's first line) and this Node (its file is
 * named by Node's version; V8 itself also refuses a cache of another V8, other flags or a source of
 * another length); `keep()` writes one that did not fit anew, and writes it again after a run that
 * compiled much more of the bundle than the run it came from.
 */
export async function loadBundle() {
  const file = fileURLToPath(bundle);
  const bytes = readFileSync(file);
  const { cacheFolder, sha1, writeCacheFile } = await import('../dist/base/cache.js');
  // Its first line, written by the build: `// <SHA-1 of the rest>`.
  const hash = /^\/\/ ([0-9a-f]{40})\n/.exec(bytes.toString('latin1', 0, 44))?.[1];
  const folder = hash && cacheFolder();
  const cacheFile = folder && join(folder, 'v8', `cli-${sha1(file)}-${process.version}-${process.arch}.bin`);
  let cachedData;
  let cachedBytecode = -1;
  try {
    const cached = readFileSync(cacheFile);
    if (cached.toString('latin1', 0, 40) === hash) [cachedData, cachedBytecode] = [cached.subarray(44), cached.readUInt32BE(40)];
  } catch {
    // No cache yet (or none allowed): compiled from the source, and cached after the run.
  }
  // esbuild writes ASCII only (other characters escaped): read as Latin-1 it is the same text, without UTF-8 decoding's 6 MB pass.
  const source = isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file, cachedData });
  if (script.cachedDataRejected) cachedBytecode = -1;
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file));
  // Kept again when this run compiled a quarter more than the run the cache came from: a `--help`
  // or a batch's main thread (its cases render in worker threads) compiles little of what a render
  // needs, and a cache made by one would otherwise stay.
  const keep = () => {
    const bytecode = getHeapCodeStatistics().bytecode_and_metadata_size;
    if (!cacheFile || (cachedBytecode >= 0 && bytecode <= cachedBytecode * 1.25)) return;
    const header = Buffer.alloc(44);
    header.write(hash, 0, 'latin1');
    header.writeUInt32BE(Math.min(bytecode, 0xffffffff), 40);
    writeCacheFile(cacheFile, Buffer.concat([header, script.createCachedData()]));
  };
  return { exports: module.exports, keep };
}
