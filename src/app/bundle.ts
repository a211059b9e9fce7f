/**
 * What the bundle (dist/bundle/cli.cjs, scripts/bundle.mjs) exports: the CLI for bin/yoshiki.js,
 * a batch worker's task for bin/batch-worker.js and the second thread's for bin/side-worker.js, so
 * that the workers run the same one script (read with V8's code cache) as the command that started
 * them.
 */
import { setWorkerScript as setBatchWorkerScript } from './batch/pool.js';
import { setSideThreadScript } from '../pipeline/side-thread.js';

export { runCli } from './cli/main.js';
export { default as renderInWorker } from './batch/worker.js';
export { serveSideThread } from '../pipeline/side-worker.js';

/**
 * Where the bundle's worker threads start (bin/yoshiki.js gives bin/batch-worker.js): a batch's
 * workers, and beside it bin/side-worker.js, the second thread of a large case
 * (src/pipeline/side-thread.ts).
 */
export function setWorkerScript(url: URL): void {
  setBatchWorkerScript(url);
  setSideThreadScript(new URL('./side-worker.js', url));
}
