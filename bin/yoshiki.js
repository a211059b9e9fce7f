#!/usr/bin/env node
// Entry point of the `yoshiki` command: runs the compiled CLI (npm install builds it into dist/).
import { runCli } from '../dist/app/cli/main.js';

// A reader that stops early (`yoshiki forms | head`) closes the pipe: that ends the output, quietly,
// as it does for every Unix tool, instead of an unhandled EPIPE with a stack trace.
for (const stream of [process.stdout, process.stderr])
  stream.on('error', (e) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });

runCli(process.argv.slice(2)).then((code) => { process.exitCode = code; });
