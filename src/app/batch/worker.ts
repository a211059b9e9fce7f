/**
 * A batch worker thread (piscina). Each worker loads the pipeline once, so the 7.8 MB font is parsed
 * once per worker and then serves every case the worker is given.
 */
import { renderTask } from './job.js';

export default renderTask;
