#!/usr/bin/env node
// Entry point of the `yoshiki` command: runs the compiled CLI in dist/ (built by `npm pack` for the
// package, by `npm run build` in a clone) — bundled (dist/bundle/cli.cjs, scripts/bundle.mjs) when
// the bundle is there and no older than the compiled files: a bundle left from an earlier build is
// never run.
import { isAscii } from 'node:buffer';
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getHeapCodeStatistics } from 'node:v8';
import vm from 'node:vm';

// A reader that stops early (`yoshiki forms | head`, `yoshiki render cases/ | head`) closes the
// pipe: that ends the output, quietly, instead of an unhandled EPIPE with a stack trace — and only
// the output: a batch goes on rendering every case (it died part-way when the process exited here).
for (const stream of [process.stdout, process.stderr])
  stream.on('error', (e) => {
    if (e.code !== 'EPIPE') throw e;
    stream.write = () => true;
  });

const main = new URL('../dist/app/cli/main.js', import.meta.url);
const bundle = new URL('../dist/bundle/cli.cjs', import.meta.url);
const modified = (url) => {
  try {
    return statSync(url).mtimeMs;
  } catch {
    return -1;
  }
};

/**
 * The bundle, compiled with the code V8 compiled for it in an earlier run (V8's code cache, kept in
 * the user's cache folder; src/base/cache.ts): Node 20 keeps none for ES modules, and compiling the
 * bundle's 6 MB was a fifth of a cold one-case render. The cache is used only for this very bundle
 * (it starts with the SHA-1 the build wrote on the bundle's first line) and this Node (its file is
 * named by Node's version; V8 itself also refuses a cache of another V8, other flags or a source of
 * another length); one that does not fit is written anew after the run, and one is written again
 * after a run that compiled much more of the CLI than the run it came from.
 */
async function loadBundle() {
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
  // or a batch (whose cases render in worker threads) compiles little of what a render needs, and a
  // cache made by one would otherwise stay.
  const keep = () => {
    const bytecode = getHeapCodeStatistics().bytecode_and_metadata_size;
    if (!cacheFile || (cachedBytecode >= 0 && bytecode <= cachedBytecode * 1.25)) return;
    const header = Buffer.alloc(44);
    header.write(hash, 0, 'latin1');
    header.writeUInt32BE(Math.min(bytecode, 0xffffffff), 40);
    writeCacheFile(cacheFile, Buffer.concat([header, script.createCachedData()]));
  };
  return { runCli: module.exports.runCli, keep };
}

const useBundle = modified(bundle) >= modified(main) && modified(main) >= 0;
let cli;
try {
  cli = useBundle ? await loadBundle() : await import(main.href);
} catch (e) {
  const missing = useBundle ? e.code === 'ENOENT' : e.code === 'ERR_MODULE_NOT_FOUND' && String(e.message).includes(main.pathname);
  if (!missing) throw e;
  process.stderr.write('yoshiki はまだビルドされていません。npm run build を実行してください。 / yoshiki is not built yet: run npm run build.\n');
  process.exit(2);
}
const args = process.argv.slice(2);
cli.runCli(args).then((code) => {
  cli.keep?.();
  process.exitCode = code;
});
