#!/usr/bin/env node
// Entry point of the `yoshiki` command: runs the compiled CLI (npm install builds it into dist/).
import { runCli } from '../dist/app/cli/main.js';

runCli(process.argv.slice(2)).then((code) => { process.exitCode = code; });
