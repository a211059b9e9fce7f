// The second thread of a large case's render (src/pipeline/side-thread.ts) started by a bundled
// CLI: it runs the same bundle with the same code cache (bin/bundle.js), not the compiled module
// files (src/pipeline/side-entry.ts is what runs unbundled).
import { loadBundle } from './bundle.js';

const { exports } = await loadBundle();
exports.serveSideThread();
