#!/usr/bin/env node
// Entry point of the `yoshiki` command: runs the compiled CLI (npm install builds it into dist/).
import { main } from '../dist/app/cli/main.js';

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (e) => {
    process.stderr.write(`yoshiki の内部エラーです / Internal error in yoshiki: ${e?.message ?? e}\n`);
    process.exitCode = 1;
  },
);
