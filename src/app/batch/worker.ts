/**
 * A batch worker thread (piscina). Each worker has a session of its own, so the 7.8 MB font is
 * parsed and the templates compiled once per worker, then serve every case the worker is given.
 */
import { Session } from '../../pipeline/session.js';
import { renderTask, type RenderTask } from './job.js';

const session = new Session();

export default (task: RenderTask) => renderTask(task, session);
