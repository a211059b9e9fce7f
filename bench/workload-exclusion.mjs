// Filling the NDL's list for a transmission-exclusion request (bench/exclusion.mjs): a 30,000-row
// XLSX list and 40 items, from the case file to the filled copy in memory. Its rows in the bench's
// table; `node bench/exclusion.mjs [rows items runs]` prints its own lines.
import { exclusionBench } from './exclusion.mjs';

export const order = 80;

export async function run({ runs, log }) {
  const { rows, items, median, peak } = await exclusionBench(30_000, 40, runs, log);
  return [{
    workload: `NDL list, ${rows.toLocaleString('en')}-row XLSX, ${items} items filled`, engine: 'yoshiki',
    seconds: median.ms / 1000, rssMb: peak, value: `${(median.bytes / 1024).toFixed(0)} KB filled list`,
    target: '< 5 s, < 400 MB', met: median.ms < 5000 && peak < 400,
  }];
}
