#!/usr/bin/env node
/**
 * The hostile pass (issue 21): every input of test/hostile/corpus.mjs run as a user runs yoshiki —
 * the built command (npm run build first), a process each — within 10 s, its peak memory measured
 * (GNU time) and its file accesses watched (strace), each result put in one class:
 *
 *   clean       exit 1 (2 for bad usage) with the problem at its place, nothing written
 *   success     exit 0 and the documents written (or the check passed)
 *   hang        over 10 s of CPU time, or still running after 60 s (killed)
 *   crash       a stack trace, a signal or an exit status yoshiki does not give
 *   internal    yoshiki blaming itself (内部エラー / Internal error)
 *   oom         over 500 MB, or V8 out of memory
 *   oob-read    a file opened outside the case's folder (the canaries) without --allow-files-outside
 *   oob-write   a file written, renamed or removed outside the output folder
 *   formula     a CSV cell or workbook cell written that a spreadsheet would run
 *   lying       a message without its place, echoing control characters, or not the one expected;
 *               a success that wrote nothing; a refusal that wrote something
 *   wrong-success / wrong-refusal   the other answer than the right one
 *
 *   node test/hostile/run.mjs [--only <regex>] [--jobs 2] [--keep] [--out results.json]
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parse as parseCsv } from 'csv-parse/sync';
import { context, corpus, makeOutside } from './corpus.mjs';

const YOSHIKI = new URL('../../bin/yoshiki.js', import.meta.url).pathname;
/**
 * 10 s of CPU time: the machine is shared (a load of 10–15 on 2 cores makes wall time meaningless),
 * so the limit is on the CPU the run used; the wall clock stops a run only at 60 s.
 */
const LIMIT_CPU_S = 10;
const WALL_MS = Number(process.env.HOSTILE_WALL_MS ?? 60_000);
const LIMIT_MB = 500;
const TRACED = 'openat,open,creat,rename,renameat,renameat2,unlink,unlinkat,mkdir,mkdirat,rmdir,symlink,symlinkat,link,linkat,truncate';

const { values } = parseArgs({ options: { only: { type: 'string' }, jobs: { type: 'string', default: '2' }, keep: { type: 'boolean' }, out: { type: 'string' } } });
const root = mkdtempSync(join(tmpdir(), 'yoshiki-hostile-'));
const outside = join(root, 'outside');
makeOutside(outside);
const entries = corpus().filter((e) => !values.only || new RegExp(values.only).test(`${e.cat}/${e.id}`));

/** A folder's names; none for what is not a folder. */
function namesIn(dir) {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** Every file under a folder with its size and time, to see what changed. */
function snapshot(dir) {
  const seen = new Map();
  const walk = (d) => {
    for (const n of namesIn(d)) {
      const p = join(d, n);
      const st = lstatSync(p);
      seen.set(p, `${st.size}/${st.mtimeMs}/${st.mode}`);
      if (st.isDirectory()) walk(p);
    }
  };
  walk(dir);
  return seen;
}
const changed = (before, after) => [...new Set([...before.keys(), ...after.keys()])].filter((k) => before.get(k) !== after.get(k));

/** A path as the kernel saw it, links resolved as far as they exist. */
function real(path) {
  let p = path;
  const tail = [];
  for (;;) {
    try {
      return join(realpathSync(p), ...tail.reverse());
    } catch {
      if (p === dirname(p)) return path;
      tail.push(p.slice(dirname(p).length + 1));
      p = dirname(p);
    }
  }
}

/** What the process opened for reading and what it changed, from strace's lines. */
function accesses(trace, cwd) {
  const reads = [];
  const writes = [];
  if (!existsSync(trace)) return { reads, writes };
  for (const line of readFileSync(trace, 'utf8').split('\n')) {
    const m = /^\d+\s+(\w+)\((.*)\)\s+=\s+(-?\d+)/.exec(line);
    if (!m || Number(m[3]) < 0) continue;
    const [, call, argText] = m;
    const paths = [...argText.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((p) => resolve(cwd, p[1].replace(/\\x([0-9a-f]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16))).replace(/\\n/g, '\n').replace(/\\(.)/g, '$1')));
    if (/^open/.test(call) && !/O_WRONLY|O_RDWR|O_CREAT|O_TRUNC/.test(argText)) reads.push(...paths.map(real));
    else if (/^open|^creat/.test(call)) writes.push(...paths.map(real));
    else writes.push(...paths.map(real));
  }
  return { reads, writes };
}

const under = (path, dir) => path === dir || path.startsWith(`${dir}/`);

/** Each output CSV's and workbook's cells that a spreadsheet would run as a formula. */
function liveFormulas(out) {
  const found = [];
  const walk = (d) => {
    for (const n of namesIn(d)) {
      const p = join(d, n);
      let st;
      try {
        st = statSync(p);
      } catch {
        continue;
      }
      if (st.isDirectory()) walk(p);
      else if (n.endsWith('.csv')) {
        let text = readFileSync(p);
        text = text[0] === 0xef ? text.subarray(3).toString() : new TextDecoder('shift_jis').decode(text).includes('\uFFFD') ? text.toString() : new TextDecoder('shift_jis').decode(text);
        let rows = [];
        try {
          rows = parseCsv(text, { relax_column_count: true, relax_quotes: true });
        } catch {
          found.push(`${n}: unreadable`);
        }
        for (const row of rows) for (const c of row) if (/^[=+\-@\t\r]/.test(c) && !/^-?\d[\d,.]*$/.test(c)) found.push(`${n}: ${JSON.stringify(c.slice(0, 40))}`);
      } else if (n.endsWith('.xlsx')) {
        const r = spawnSync('unzip', ['-p', p, 'xl/worksheets/*.xml'], { encoding: 'utf8', maxBuffer: 1 << 28 });
        for (const f of (r.stdout ?? '').match(/<f[ >][^<]*<\/f>/g) ?? []) found.push(`${n}: ${f.slice(0, 60)}`);
      }
    }
  };
  walk(out);
  return found;
}

/** --json: every line is one JSON object, and each error has its line. */
function jsonLocated(stdout) {
  try {
    return stdout.trim().split('\n').every((l) => JSON.parse(l).errors.every((e) => e.line > 0));
  } catch {
    return false;
  }
}

const filesUnder = (dir) => [...snapshot(dir).entries()].filter(([p]) => { try { return lstatSync(p).isFile(); } catch { return false; } }).map(([p]) => p);

async function runOne(entry, index) {
  const dir = join(root, String(index).padStart(3, '0'));
  const c = context(dir);
  let how;
  try {
    how = entry.make(c) ?? {};
  } catch (e) {
    return { cat: entry.cat, id: entry.id, expect: entry.expect, cls: 'not-made', exit: 0, ms: 0, maxMb: 0, why: [String(e).slice(0, 200)], message: '' };
  }
  if (how.fifo) {
    const fifo = join(dir, how.fifo);
    if (existsSync(fifo)) unlinkSync(fifo);
    spawnSync('mkfifo', [fifo]);
  }
  const args = how.args ?? ['render', 'case/case.yaml', '-o', 'out'];
  const outAt = args.indexOf('-o');
  const outDir = resolve(dir, outAt >= 0 ? args[outAt + 1] ?? 'out' : 'out');
  if (how.wrap) mkdirSync(c.out, { recursive: true });
  const before = { outside: snapshot(outside), case: snapshot(c.case), out: snapshot(c.out) };
  const trace = join(dir, 'strace.txt');
  const timing = join(dir, 'time.txt');
  let command = [process.execPath, YOSHIKI, ...args];
  if (how.wrap) {
    const mount = how.wrap === 'full' ? 'mount -t tmpfs -o size=48k tmpfs out' : 'mount -t tmpfs -o size=1m tmpfs out && mount -o remount,ro out';
    command = ['unshare', '-m', 'sh', '-c', `${mount} && exec "$@"`, 'sh', ...command];
  }
  command = ['strace', '-f', '-qq', '--seccomp-bpf', '-e', `trace=${TRACED}`, '-o', trace, '/usr/bin/time', '-f', 'MAXRSS=%M CPU=%U+%S', '-o', timing, ...command];
  const stdinFd = how.stdin === 'zero' ? openSync('/dev/zero', 'r') : 'pipe';
  const start = performance.now();
  const child = spawn(command[0], command.slice(1), { cwd: dir, detached: true, stdio: [stdinFd, 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1', CI: '' } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => { if (stdout.length < 1 << 20) stdout += d; });
  child.stderr.on('data', (d) => { if (stderr.length < 1 << 20) stderr += d; });
  if (child.stdin) {
    child.stdin.on('error', () => {});
    child.stdin.end(how.stdin ?? '');
  }
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    try {
      process.kill(-child.pid, 'SIGKILL'); // its own process group: this run's processes only
    } catch {}
  }, WALL_MS);
  // No address-space limit (V8 and WebAssembly reserve gigabytes they never touch): the group's
  // resident memory is watched instead, and a run past 2 GB is stopped before it troubles the machine.
  let overMemory = false;
  const watch = setInterval(() => {
    const rss = spawnSync('ps', ['-o', 'rss=', '-g', String(child.pid)], { encoding: 'utf8' }).stdout.split('\n').reduce((a, b) => a + (Number(b) || 0), 0);
    if (rss > 2 * 1024 * 1024) {
      overMemory = true;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {}
    }
  }, 250);
  const [status, signal] = await new Promise((done) => child.on('close', (code, sig) => done([code, sig])));
  clearTimeout(timer);
  clearInterval(watch);
  const ms = Math.round(performance.now() - start);
  const timeText = existsSync(timing) ? readFileSync(timing, 'utf8') : '';
  const cpu = /CPU=([\d.]+)\+([\d.]+)/.exec(timeText);
  const cpuS = cpu ? Number(cpu[1]) + Number(cpu[2]) : 0;
  const maxMb = Math.round(Number(/MAXRSS=(\d+)/.exec(timeText)?.[1] ?? 0) / 1024);
  const exit = Number(/Command exited with non-zero status (\d+)/.exec(timeText)?.[1] ?? (/signal/.test(timeText) ? -1 : status));
  const killedBy = /Command terminated by signal (\d+)/.exec(timeText)?.[1];
  const output = stdout + stderr;
  const { reads, writes } = accesses(trace, dir);
  const after = { outside: snapshot(outside), case: snapshot(c.case), out: snapshot(c.out) };
  const realOut = real(outDir);
  const why = [];
  let cls;
  const outsideReal = real(outside);
  const readOut = reads.filter((p) => under(p, outsideReal));
  const allowedWrites = [realOut, real(c.out), trace, timing];
  const wroteOut = writes.filter((p) => !allowedWrites.some((a) => under(p, a)) && !/^\/dev\/(null|tty|pts)|^\/proc\/self\/|^\/dev\/full$/.test(p));
  const outsideChanged = [...changed(before.outside, after.outside), ...changed(before.case, after.case).filter((p) => !p.endsWith('/case') && !(how.fifo && p === join(dir, how.fifo)))];
  const newOut = changed(before.out, after.out).filter((p) => { try { return lstatSync(p).isFile(); } catch { return false; } });
  const formulas = exit === 0 ? liveFormulas(realOut) : [];
  const located = how.json ? jsonLocated(stdout) : /^ {2}\S[^\n]*?(?::\d+(?::\d+)?)?(?: {2}|$)/m.test(stdout) && /エラー|Error/.test(output);
  const control = !how.json && /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202e]/.test(output);
  if (timedOut || cpuS > LIMIT_CPU_S) cls = 'hang';
  else if (overMemory || maxMb > LIMIT_MB || /heap out of memory|Fatal process OOM|Allocation failed/i.test(output)) cls = 'oom';
  else if (/^\s+at .*[:(]\d+:\d+\)?$/m.test(output) || /node:internal|Uncaught|Unhandled/.test(output) || killedBy || signal || ![0, 1, 2].includes(exit)) cls = 'crash';
  else if (/Internal error|内部エラー/.test(output)) cls = 'internal';
  else if (readOut.length && !how.outsideAllowed) (cls = 'oob-read'), why.push(...readOut);
  else if (wroteOut.length || outsideChanged.length) (cls = 'oob-write'), why.push(...wroteOut, ...outsideChanged);
  else if (formulas.length) (cls = 'formula'), why.push(...formulas);
  else if (control) (cls = 'lying'), why.push('control characters printed raw');
  else if (exit === 0) {
    if (entry.expect === 'refuse' || entry.expect === 'usage') cls = 'wrong-success';
    else if (args[0] === 'render' && !filesUnder(realOut).length) (cls = 'lying'), why.push('success, nothing written');
    else cls = 'success';
  } else if (exit === 2) {
    cls = entry.expect === 'usage' || entry.expect === 'any' ? 'clean' : 'wrong-refusal';
  } else {
    if (entry.expect === 'ok') cls = 'wrong-refusal';
    else if (entry.expect === 'usage') cls = 'wrong-refusal';
    else if (newOut.length && !how.wrap && !how.batch) (cls = 'lying'), why.push(`refused, but wrote ${newOut.length} files`);
    else if (!located) (cls = 'lying'), why.push('no place in the message');
    else if (entry.says && !entry.says.test(output)) (cls = 'lying'), why.push(`expected ${entry.says}`);
    else cls = 'clean';
  }
  const firstError = (/^ {2}\S.*\n.*(?:エラー|Error)[^\n]*/m.exec(stdout)?.[0] ?? output.split('\n').find((l) => /エラー|Error|error/.test(l)) ?? output.slice(0, 200)).replace(/\s+/g, ' ').slice(0, 300);
  if (!values.keep && cls !== 'hang') rmSync(dir, { recursive: true, force: true });
  return { cat: entry.cat, id: entry.id, expect: entry.expect, cls, exit, ms, cpuS, maxMb, why: why.slice(0, 5), message: firstError,
    ...(['clean', 'success'].includes(cls) ? {} : { output: output.slice(0, 3000) }) };
}

const results = [];
let next = 0;
await Promise.all(Array.from({ length: Number(values.jobs) }, async () => {
  while (next < entries.length) {
    const i = next++;
    const r = await runOne(entries[i], i);
    results[i] = r;
    const flag = ['clean', 'success'].includes(r.cls) ? ' ' : '✗';
    console.log(`${flag} ${r.cls.padEnd(13)} ${String(r.exit).padStart(3)} ${String(r.ms).padStart(6)}ms ${(r.cpuS ?? 0).toFixed(1).padStart(5)}s ${String(r.maxMb).padStart(4)}MB  ${r.cat}/${r.id}${r.why.length ? `  ${r.why.join(' | ').slice(0, 200)}` : ''}`);
  }
}));

const tally = {};
for (const r of results) tally[r.cls] = (tally[r.cls] ?? 0) + 1;
console.log(`\n${results.length} inputs:`, JSON.stringify(tally));
if (values.out) writeFileSync(values.out, JSON.stringify({ tally, results }, null, 1));
if (!values.keep) rmSync(root, { recursive: true, force: true });
else console.log(`kept in ${root}`);
process.exitCode = results.every((r) => ['clean', 'success'].includes(r.cls)) ? 0 : 1;
