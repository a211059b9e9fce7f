/**
 * A batch worker thread's task (piscina; bundled, bin/batch-worker.js calls it). Each worker has a
 * session of its own, made for its first case, so the 7.8 MB font is parsed and the templates
 * compiled once per worker, then serve every case the worker is given. Made on first use, not when
 * the module is evaluated: the bundle that holds this module is also the CLI's main thread.
 */
import { Session } from '../../pipeline/session.js';
import { renderTask, type RenderTask } from './job.js';

let session: Session | undefined;

export default (task: RenderTask) => renderTask(task, (session ??= new Session()));
