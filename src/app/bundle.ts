/**
 * What the bundle (dist/bundle/cli.cjs, scripts/bundle.mjs) exports: the CLI for bin/yoshiki.js,
 * and a batch worker's task for bin/batch-worker.js, so that the workers run the same one script
 * (read with V8's code cache) as the command that started them.
 */
export { runCli } from './cli/main.js';
export { default as renderInWorker } from './batch/worker.js';
export { setWorkerScript } from './batch/pool.js';
