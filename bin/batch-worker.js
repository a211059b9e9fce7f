// A batch worker thread (piscina) started by a bundled CLI: it runs the same bundle with the same
// code cache (bin/bundle.js), not the ~550 compiled module files (src/app/batch/worker.ts is what
// it calls). The code cache is kept after the worker's first case, which compiles the rendering
// that a batch's main thread never runs.
import { loadBundle } from './bundle.js';

const { exports, keep } = await loadBundle();
let first = true;

export default async (task) => {
  const outcome = await exports.renderInWorker(task);
  if (first) {
    first = false;
    keep();
  }
  return outcome;
};
