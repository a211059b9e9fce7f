/** The second thread's script when the CLI runs unbundled (and under vitest): see side-worker.ts. */
import { serveSideThread } from './side-worker.js';

serveSideThread();
