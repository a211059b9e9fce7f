/** A problem with a case, said in Japanese and English, pointing at the field it concerns. */
export type FieldPath = (string | number)[];

export interface Bilingual {
  ja: string;
  en: string;
}

export interface Problem extends Bilingual {
  severity: 'error' | 'warning';
  /** Path of the field in the case file (empty: the whole file). */
  path: FieldPath;
  /** How to fix it, when there is something to say. */
  hint?: Bilingual;
  /**
   * A warning's stable code, `<catalogue>.<key>` (e.g. `ruling.diligence-bodies-not-asked`): what a
   * case lists under `acknowledged` to settle it. Every warning has one; an error's is for reference only.
   */
  code?: string;
  /** Filled in by the pipeline from the YAML positions. */
  file?: string;
  line?: number;
  column?: number;
}

/**
 * Adds every item of a list to another. `push(...list)` passes each item as an argument, and a list
 * of some hundred thousand (a problem per row of a long works CSV) overflows the stack.
 */
export function append<T>(to: T[], list: readonly T[]): T[] {
  for (const item of list) to.push(item);
  return to;
}

export const error = (path: FieldPath, ja: string, en: string, hint?: Bilingual): Problem => ({
  severity: 'error', path, ja, en, hint,
});

export const warning = (code: string, path: FieldPath, ja: string, en: string, hint?: Bilingual): Problem => ({
  severity: 'warning', code, path, ja, en, hint,
});

export const pathText = (path: FieldPath) =>
  path.reduce<string>((s, k) => (typeof k === 'number' ? `${s}[${k}]` : s ? `${s}.${k}` : k), '');

/** Drops repeats of the same message on the same field (a rule may find one fault twice). */
export function dedupeProblems(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.path.join('.')}|${p.en}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

/**
 * What a pure rule (src/law/rules) found, as data. The rules sit below the forms and own no words:
 * the form that calls a rule words its findings from its message catalogue, by `code`.
 */
export interface Finding<C extends string = string, P = Record<string, unknown>> {
  code: C;
  severity: Problem['severity'];
  path: FieldPath;
  params: P;
}

/** Drops repeats of the same finding on the same field, as dedupeProblems does for worded ones. */
export function dedupeFindings<F extends Finding>(findings: F[]): F[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.path.join('.')}|${f.code}|${JSON.stringify(f.params)}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

/** An exception while checking or rendering is a bug in yoshiki, never the user's mistake: say so. */
export function internalProblem(file: string, e: unknown): Problem {
  return {
    severity: 'error', path: [], file,
    ja: `yoshiki の内部エラーです（ケースファイルの誤りではありません）: ${(e as Error)?.message ?? e}`,
    en: `Internal error in yoshiki (not a mistake in your case file): ${(e as Error)?.message ?? e}`,
    hint: { ja: 'お手数ですが、このケースファイルを添えて報告してください。', en: 'Please report it with this case file.' },
  };
}
