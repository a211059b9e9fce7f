// Batch throughput (bench/batch.mjs): 1,000 mixed cases rendered by the CLI with --jobs 1 and with
// one worker per core, and one ruling case warm. Its rows in the bench's table; `npm run bench --
// --only batch` runs it alone, `node bench/batch.mjs [N]` prints its own lines.
import { availableParallelism } from 'node:os';
import { batchBench } from './batch.mjs';

export const order = 90;

export async function run({ log }) {
  const { n, one, all, warm } = await batchBench(1000, log);
  const perSecond = (r) => r.cases / (r.ms / 1000);
  const row = (engine, r) => ({ workload: `batch, ${n} mixed cases`, engine, seconds: r.ms / 1000, cpu: r.cpu, pages: r.pages,
    value: `${perSecond(r).toFixed(1)} cases/s, ${(r.cpu / r.cases).toFixed(3)} CPU s/case` });
  const cores = availableParallelism();
  return [
    row('yoshiki --jobs 1', one),
    { ...row(`yoshiki, ${cores} workers`, all), target: '≥ 70 cases/s', met: perSecond(all) >= 70 },
    { workload: 'one ruling case, warm process, every format', engine: 'yoshiki', seconds: warm.all / 1000, value: `${warm.pdf.toFixed(1)} ms PDF only` },
  ];
}
