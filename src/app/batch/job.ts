/**
 * One case of a batch, from its file to its written documents: what a worker does, and what a
 * single-case run does in the main thread. The outcome is small and plain (it crosses threads):
 * the problems, the files written and their pages, never the rendered bytes.
 */
import { realpathSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';
import { internalProblem, type Problem } from '../../base/problem.js';
import { render, renderFile, type Format, type RenderResult } from '../../pipeline/api.js';
import type { Session } from '../../pipeline/session.js';
import { OutputError, writeFilesAtomically } from '../../pipeline/write.js';

export interface RenderTask {
  /** The case file, or what names a case read from elsewhere (standard input: "<stdin>"). */
  file: string;
  /** A case not read from `file`: its bytes and name (out/<name>/); the files it names are read from the current folder. */
  bytes?: Uint8Array;
  name?: string;
  out: string;
  formats: Format[];
  /** The batch's date, so every case of one run agrees on "today" even across midnight. */
  today: string;
  /** Fallback fonts from the command line (absolute paths). */
  fonts?: string[];
  /** `--allow-files-outside`: the case's files may lie outside its folder. */
  allowFilesOutside?: boolean;
}

export interface CaseOutcome {
  file: string;
  /** The case's name, the folder under out/ its documents went to. */
  name: string;
  form: string | null;
  ok: boolean;
  problems: Problem[];
  /** The codes of the warnings the case acknowledged (counted in its report). */
  settled?: string[];
  written: string[];
  pages: number;
}

/** `session`: the worker's (or the single-case run's) fonts and templates, shared by every case it renders. */
export async function renderTask(task: RenderTask, session: Session): Promise<CaseOutcome> {
  const outcome: CaseOutcome = { file: task.file, name: task.name ?? task.file, form: null, ok: false, problems: [], written: [], pages: 0 };
  try {
    const options = { today: task.today, fonts: task.fonts, formats: task.formats, session, allowFilesOutside: task.allowFilesOutside };
    const result: RenderResult = task.bytes ? await render(task.bytes, { ...options, file: task.file, name: task.name })
      : await renderFile(task.file, options);
    Object.assign(outcome, { name: result.name, form: result.form, ok: result.ok, problems: result.problems, settled: result.settled });
    if (!result.ok) return outcome;
    const dir = resolve(task.out, result.name);
    if (!task.bytes) refuseCaseFolder(dir, task.file);
    outcome.written = writeFilesAtomically(dir, result.files.map((f) => ({ path: f.name, bytes: f.bytes })));
    outcome.pages = result.pages;
  } catch (e) {
    // A folder that cannot be written, or a bug in yoshiki, fails this case only; what was written
    // before stays as it was (the folder is swapped in whole, see write.ts).
    outcome.ok = false;
    outcome.problems = [...outcome.problems, e instanceof OutputError ? outputProblem(task.file, e) : internalProblem(task.file, e)];
  }
  return outcome;
}

/**
 * The case's documents never go into the folder holding the case file, or one around it:
 * `render letters/letters.yaml -o .` would swap the folder of the case and its pictures away and
 * back (write.ts), with every other file the clerk keeps there.
 */
function refuseCaseFolder(dir: string, caseFile: string): void {
  let own: string;
  let target: string;
  try {
    own = realpathSync(dirname(resolve(caseFile)));
    target = realpathSync(dir);
  } catch {
    return; // a folder that does not exist yet holds no case
  }
  if (own === target || own.startsWith(`${target}${sep}`))
    throw new OutputError(`出力先「${dir}」はケースファイルのあるフォルダ（またはそれを含むフォルダ）です。-o で別の出力先を指定してください。`,
      `The output folder "${dir}" is the folder that holds the case file (or holds that folder). Name another output folder with -o.`);
}

/** The output folder's trouble, at the case file (its documents were not written). */
function outputProblem(file: string, e: OutputError): Problem {
  return { severity: 'error', path: [], file, ja: e.ja, en: e.message,
    hint: { ja: 'ケースファイルの誤りではありません。出力先を確かめてください。', en: 'Not a mistake in the case file: check the output folder.' } };
}
