/**
 * Renders many cases on all cores: a piscina pool of worker threads, one task per case. A case that
 * fails, or even a worker that dies, fails that case alone; the others go on. A single case runs
 * in this thread (starting a worker costs more than it saves); `--jobs 1` over many cases uses one
 * worker, so one and many workers run with the same heap settings and compare fairly.
 */
import { availableParallelism, freemem } from 'node:os';
import { internalProblem } from '../../base/problem.js';
import type { Session } from '../../pipeline/session.js';
import { renderTask, type CaseOutcome, type RenderTask } from './job.js';

export const defaultJobs = () => availableParallelism();

/**
 * A worker rendering a large ruling case (the 2,000-work example, its DOCX included) peaks near
 * 400 MB: more workers than the free memory holds swap or die, and more than the cores only wait.
 * `--jobs 64` took 4 GB on 2 cores and was no faster than 2.
 */
const WORKER_PEAK_BYTES = 400 * 1024 * 1024;

/** The workers a batch starts: what was asked, but no more than the cases, the cores and the free memory hold (at least one). */
export function workersFor(requested: number, cases: number, cores = availableParallelism(), free = freemem()): number {
  return Math.max(1, Math.min(requested, cases, cores, Math.floor(free / WORKER_PEAK_BYTES)));
}

// Run from the sources (vitest runs the tests on src/, the CLI in-process), this file is pool.ts
// and no worker.js lies beside it; a worker thread cannot load TypeScript, so it takes the compiled
// one in dist/ (npm test builds it first).
let worker = import.meta.url.endsWith('.ts')
  ? new URL('../../../dist/app/batch/worker.js', import.meta.url)
  : new URL('./worker.js', import.meta.url);

/** The workers' script instead of the compiled worker.js: a bundled CLI's own (bin/batch-worker.js), which runs the bundle. */
export function setWorkerScript(url: URL): void {
  worker = url;
}

/** `session`: for a single case, rendered here in the main thread; each worker thread has its own. */
export async function renderAll(tasks: RenderTask[], jobs: number, onDone: (outcome: CaseOutcome) => void, session: Session): Promise<void> {
  const threads = workersFor(jobs, tasks.length);
  if (tasks.length <= 1) {
    for (const task of tasks) onDone(await renderTask(task, session));
    return;
  }
  const { Piscina } = await import('piscina');
  const pool = new Piscina<RenderTask, CaseOutcome>({
    filename: worker.href,
    minThreads: threads,
    maxThreads: threads,
    // A roomier young generation: rendering makes many short-lived objects, and fewer collections
    // leave more of each core to the work (measured: about 5% less time on 2 cores).
    resourceLimits: { maxYoungGenerationSizeMb: 96 },
  });
  try {
    // Every case is queued at once; the pool hands the next to whichever worker frees up first.
    await Promise.all(tasks.map((task) => pool.run(task).then(onDone, (e: unknown) => onDone(crashed(task, e)))));
  } finally {
    await pool.destroy();
  }
}

function crashed(task: RenderTask, e: unknown): CaseOutcome {
  return { file: task.file, name: task.name ?? task.file, form: null, ok: false, problems: [internalProblem(task.file, e)], written: [], pages: 0 };
}
