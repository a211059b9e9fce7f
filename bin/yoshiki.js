#!/usr/bin/env node
// Entry point of the `yoshiki` command: runs the compiled CLI in dist/ (built by `npm pack` for the
// package, by `npm run build` in a clone) — bundled (dist/bundle/cli.cjs, scripts/bundle.mjs) when
// the bundle is there and no older than the compiled files: a bundle left from an earlier build is
// never run.
import { bundleUsable, loadBundle, unbundled } from './bundle.js';

// A reader that stops early (`yoshiki forms | head`, `yoshiki render cases/ | head`) closes the
// pipe: that ends the output, quietly, instead of an unhandled EPIPE with a stack trace — and only
// the output: a batch goes on rendering every case (it died part-way when the process exited here).
for (const stream of [process.stdout, process.stderr])
  stream.on('error', (e) => {
    if (e.code !== 'EPIPE') throw e;
    stream.write = () => true;
  });

const useBundle = bundleUsable();
let cli;
try {
  if (useBundle) {
    const { exports, keep } = await loadBundle();
    // Its batch workers run the bundle too (bin/batch-worker.js), not the compiled files.
    exports.setWorkerScript(new URL('./batch-worker.js', import.meta.url));
    cli = { runCli: exports.runCli, keep };
  } else cli = await import(unbundled.href);
} catch (e) {
  const missing = useBundle ? e.code === 'ENOENT' : e.code === 'ERR_MODULE_NOT_FOUND' && String(e.message).includes(unbundled.pathname);
  if (!missing) throw e;
  process.stderr.write('yoshiki はまだビルドされていません。npm run build を実行してください。 / yoshiki is not built yet: run npm run build.\n');
  process.exit(2);
}
const args = process.argv.slice(2);
cli.runCli(args).then((code) => {
  cli.keep?.();
  process.exitCode = code;
});
