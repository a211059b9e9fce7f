#!/usr/bin/env node
// Entry point of the `yoshiki` command: runs the compiled CLI in dist/ (built by `npm pack` for the
// package, by `npm run build` in a clone).

// A reader that stops early (`yoshiki forms | head`, `yoshiki render cases/ | head`) closes the
// pipe: that ends the output, quietly, instead of an unhandled EPIPE with a stack trace — and only
// the output: a batch goes on rendering every case (it died part-way when the process exited here).
for (const stream of [process.stdout, process.stderr])
  stream.on('error', (e) => {
    if (e.code !== 'EPIPE') throw e;
    stream.write = () => true;
  });

const main = new URL('../dist/app/cli/main.js', import.meta.url);
let runCli;
try {
  ({ runCli } = await import(main.href));
} catch (e) {
  if (e.code !== 'ERR_MODULE_NOT_FOUND' || !String(e.message).includes(main.pathname)) throw e;
  process.stderr.write('yoshiki はまだビルドされていません。npm run build を実行してください。 / yoshiki is not built yet: run npm run build.\n');
  process.exit(2);
}
runCli(process.argv.slice(2)).then((code) => { process.exitCode = code; });
