#!/usr/bin/env node
// Entry point of the `yoshiki` command: runs the compiled CLI (npm install builds it into dist/),
// bundled (dist/bundle/, scripts/bundle.mjs) when the bundle is there and no older than the
// compiled files — a bundle left from an earlier build is never run.
import { statSync } from 'node:fs';

const main = new URL('../dist/app/cli/main.js', import.meta.url);
const bundle = new URL('../dist/bundle/cli.mjs', import.meta.url);
const modified = (url) => {
  try {
    return statSync(url).mtimeMs;
  } catch {
    return -1;
  }
};
const { runCli } = await import((modified(bundle) >= modified(main) ? bundle : main).href);

// A reader that stops early (`yoshiki forms | head`) closes the pipe: that ends the output, quietly,
// as it does for every Unix tool, instead of an unhandled EPIPE with a stack trace.
for (const stream of [process.stdout, process.stderr])
  stream.on('error', (e) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });

runCli(process.argv.slice(2)).then((code) => { process.exitCode = code; });
