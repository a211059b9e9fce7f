// What every workload of `npm run bench` shares (the convention is in bench/bench.mjs): running a
// command as a child process and measuring it (wall time, CPU time, peak memory), the median of
// several runs, and reading a PDF back with pdf.js to count its pages, check that its text is all
// there in order, and count 禁則 (kinsoku) faults on its lines.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const FONT = `${ROOT}fonts/ipaexm.ttf`;

const TIME = '/usr/bin/time';
const MARK = '@@bench-time@@';

/**
 * Runs `command args` to its end and measures it: wall seconds, CPU seconds (user + system, all
 * threads) and peak resident memory in MB. GNU time (Debian's `time` package) reports the memory
 * of the largest process of the tree; without it the CPU time comes from /proc/self/stat (reaped
 * children) and the memory is unknown. A child that prints a JSON object as its last stdout line
 * (the in-process runs: their own timing) has it parsed as `report`. Throws with the child's
 * stderr when it fails.
 */
export function measure(command, args, { cwd, env } = {}) {
  const gnuTime = existsSync(TIME);
  const cpuBefore = childrenCpu();
  const start = performance.now();
  const r = spawnSync(gnuTime ? TIME : command, gnuTime ? ['-f', `${MARK}%U %S %M`, command, ...args] : args,
    { cwd, env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'pipe'] });
  const wall = (performance.now() - start) / 1000;
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${r.status ?? r.signal}):\n${(r.stderr ?? r.error?.message ?? '').slice(-3000)}`);
  let cpu = childrenCpu() - cpuBefore;
  let rssMb;
  const timed = gnuTime ? new RegExp(`${MARK}([\\d.]+) ([\\d.]+) (\\d+)`).exec(r.stderr) : null;
  if (timed) {
    cpu = Number(timed[1]) + Number(timed[2]);
    rssMb = Number(timed[3]) / 1024;
  }
  return { wall, cpu, rssMb, report: lastJson(r.stdout), stdout: r.stdout };
}

/** CPU seconds of this process's reaped children (Linux /proc: cutime + cstime, in clock ticks). */
function childrenCpu() {
  const fields = readFileSync('/proc/self/stat', 'utf8').replace(/^.*\) /, '').split(' ');
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

function lastJson(stdout) {
  const last = stdout.trim().split('\n').pop() ?? '';
  if (!last.startsWith('{')) return undefined;
  try {
    return JSON.parse(last);
  } catch {
    return undefined;
  }
}

/** Runs `once()` `runs` times; the run of median `key` (its other numbers with it), memory the peak of all. */
export function median(runs, once, key = (r) => r.seconds) {
  const all = [];
  for (let i = 0; i < runs; i++) all.push(once(i));
  all.sort((a, b) => key(a) - key(b));
  const peak = Math.max(...all.map((r) => r.rssMb ?? 0));
  return { ...all[Math.floor(all.length / 2)], rssMb: peak || undefined, runs };
}

/** In a child of an in-process run: what the parent reads back (seconds and CPU of the timed part). */
export function timedSince(start, cpuStart) {
  const cpu = process.cpuUsage(cpuStart);
  return { seconds: (performance.now() - start) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
}

/**
 * Reads a PDF back with pdf.js: its pages, whether `rows` (the table rows it should hold, each an
 * array of cell texts) are all there in order, and its 禁則 faults. Lines are rebuilt from pdf.js's text items:
 * pieces on one baseline that touch (less than half an em apart) are one line, a wider gap starts
 * another (the next table cell; cells are at least 6 pt apart in every engine here, 3 pt of
 * padding each side). A fault is a line that starts with a character 行頭禁則 forbids there
 * (NO_LINE_START: 」。、）ー・ small kana …), one that ends with an opener (NO_LINE_END: 「（【 …),
 * or a number cut across two lines of one cell (「2,」/「000」, 「20」/「26年」).
 */
export async function readBack(bytes, rows = []) {
  const { NO_LINE_END, NO_LINE_START } = await import('../dist/typeset/kinsoku.js');
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), verbosity: 0, useSystemFonts: false, isEvalSupported: false }).promise;
  const faults = [];
  let stream = '';
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    const lines = pageLines((await page.getTextContent()).items);
    page.cleanup();
    for (const line of lines) {
      stream += line.text;
      const visible = line.text.trim();
      const first = visible[0];
      const last = visible[visible.length - 1];
      if (NO_LINE_START.has(first)) faults.push({ page: p, kind: 'start', text: visible });
      if (NO_LINE_END.has(last)) faults.push({ page: p, kind: 'end', text: visible });
    }
    for (const [a, b] of cellLinePairs(lines))
      if (/[0-9０-９][,.，．:：/／]?$/.test(a.text.trim()) && /^[0-9０-９]/.test(b.text.trim())) faults.push({ page: p, kind: 'number', text: `${a.text.trim()} / ${b.text.trim()}` });
  }
  const pages = doc.numPages;
  await doc.destroy();
  return { pages, bytes: bytes.length, ...completeness(stream, rows, await lookalikeMap()), faults };
}

/** The page's lines, in the order pdf.js reads them: { text, x, y (baseline), end, size }. */
function pageLines(items) {
  const lines = [];
  let line;
  for (const item of items) {
    if (!item.str || !item.str.trim()) continue;
    const [a, b, , , x, y] = item.transform;
    const size = Math.hypot(a, b) || item.height;
    const touches = line && Math.abs(line.y - y) < 0.2 * size && x - line.end < 0.5 * size && x >= line.x;
    if (touches) {
      line.text += item.str;
      line.end = Math.max(line.end, x + item.width);
    } else lines.push((line = { text: item.str, x, y, end: x + item.width, size }));
  }
  return lines;
}

/** Pairs of lines of one cell, each with the one right below it: overlapping across, one line apart (0.8–2.2 em). */
function cellLinePairs(lines) {
  const byY = [...lines].sort((p, q) => q.y - p.y);
  const pairs = [];
  for (let i = 0; i < byY.length; i++) {
    const a = byY[i];
    let best;
    for (let j = i + 1; j < byY.length; j++) {
      const b = byY[j];
      const dy = a.y - b.y;
      if (dy > 2.2 * a.size) break;
      if (dy < 0.8 * a.size || b.x > a.end || b.end < a.x) continue;
      if (!best || b.y > best.y) best = b;
    }
    if (best) pairs.push([a, best]);
  }
  return pairs;
}

/**
 * Whether each row's cells are found in `stream` in order. A row is found when each cell follows the
 * one before it whole, at most a few hundred characters on (what may lie between: the heading row
 * repeated at a page top, a page number). A row split over pages has its cells' first parts, the
 * heading row, then their rests: then each cell's characters must appear in order within the row's
 * own length and a little more. Else the cells are looked for whole further on, and what is not
 * found is missing. Spaces are left out and both sides NFKC-normalised, and `canonical` maps
 * characters Chromium's text layer gives as radical lookalikes (力 as ⼒ U+2F12, 民 as ⺠ U+2EA0,
 * the same glyph in IPAex Mincho) back; `lookalikes` counts them.
 */
function completeness(stream, rows, canonical) {
  const norm = (s) => s.normalize('NFKC').replace(/\s+/g, '');
  let lookalikes = 0;
  stream = norm(stream).replace(/[\u2e80-\u2fdf]/g, (c) => (canonical.has(c) ? (lookalikes++, canonical.get(c)) : c));
  const GAP = 400;
  let at = 0;
  let missing = 0;
  let count = 0;
  const examples = [];
  const miss = (want) => {
    missing++;
    if (examples.length < 3) examples.push(want.slice(0, 40));
  };
  for (const row of rows) {
    const wants = row.map(norm).filter(Boolean);
    count += wants.length;
    const close = closeInOrder(stream, wants, at, GAP);
    if (close >= 0) {
      at = close;
      continue;
    }
    const window = wants.reduce((n, w) => n + w.length, 0) + GAP;
    const ends = wants.map((w) => inOrder(stream, w, at, window));
    if (ends.every((e) => e >= 0)) {
      at = Math.max(...ends);
      continue;
    }
    for (const want of wants) {
      const whole = stream.indexOf(want, at);
      if (whole >= 0) at = whole + want.length;
      else miss(want);
    }
  }
  return { cells: count, missing, examples, lookalikes };
}

/** Where the last of `wants` ends when each is found whole, at most `gap` after the one before; -1 if not. */
function closeInOrder(stream, wants, at, gap) {
  for (const want of wants) {
    const whole = stream.indexOf(want, at);
    if (whole < 0 || whole - at > gap) return -1;
    at = whole + want.length;
  }
  return at;
}

/** Where `want`'s characters end when found in order in `stream` from `from`, within `window` characters; -1 if not. */
function inOrder(stream, want, from, window) {
  const stop = Math.min(stream.length, from + window);
  const start = from;
  for (let i = start, k = 0; i < stop; i++) if (stream[i] === want[k] && ++k === want.length) return i + 1;
  return -1;
}

/** Radicals (U+2E80–2FDF) to the ideograph IPAex Mincho draws with the same glyph. */
async function lookalikeMap() {
  const fontkit = (await import('@pdf-lib/fontkit')).default;
  const font = fontkit.create(readFileSync(FONT));
  const byGlyph = new Map();
  for (let c = 0x4e00; c <= 0x9fff; c++) if (font.hasGlyphForCodePoint(c)) byGlyph.set(font.glyphForCodePoint(c).id, String.fromCodePoint(c));
  const map = new Map();
  for (let c = 0x2e80; c <= 0x2fdf; c++) {
    const ideograph = font.hasGlyphForCodePoint(c) && byGlyph.get(font.glyphForCodePoint(c).id);
    if (ideograph) map.set(String.fromCodePoint(c), ideograph);
  }
  return map;
}

/**
 * A workload run by itself (`node bench/workload-<name>.mjs [sizes…]`): its rows as JSON lines, in a
 * temporary folder removed afterwards, the median of 3 runs; `npm run bench` runs it through bench.mjs.
 */
export async function runAlone(moduleUrl, name, run) {
  if (process.argv[1] !== fileURLToPath(moduleUrl)) return;
  const sizes = process.argv.slice(2).filter((a) => /^\d+$/.test(a)).map(Number);
  const tmp = mkdtempSync(join(tmpdir(), `yoshiki-bench-${name}-`));
  try {
    const rows = await run({ runs: 3, sizes: sizes.length ? sizes : undefined, tmp, log: (line) => process.stderr.write(`${line}\n`) });
    for (const r of rows) process.stdout.write(`${JSON.stringify(r)}\n`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
