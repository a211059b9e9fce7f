/**
 * The pipeline, one case at a time: parse → validate → derive → compose → render → write.
 * Each stage returns problems rather than throwing; an exception here is a bug in yoshiki.
 */
import { basename, dirname, extname, resolve } from 'node:path';
import { closest } from 'fastest-levenshtein';
import { insideFolder, namedPath, outsideProblem, type CaseFolder } from '../input/named-file.js';
import { readCaseBytes, readCaseFile } from '../input/parse.js';
import { error, pathText, warning, type FieldPath, type Problem } from '../base/problem.js';
import { UnusableFile } from '../base/bounded-file.js';
import { BeforeDatedData } from '../law/dated.js';
import { locate, validate } from '../input/validate.js';
import { INPUT_CODES } from '../input/codes.js';
import { inSheetCell } from '../input/sheet.js';
import { composeDocuments, type FormContext, type Loaded } from '../forms/kit/plugin.js';
import { formCodes } from '../forms/kit/messages.js';
import { formatsOf, isPaper, OUTPUT_FORMATS, type Bundle, type DocumentModel, type Output, type OutputFormat } from '../model/document.js';
import type { FontChain, Typeface } from '../typeset/fonts.js';
import { defaultSession, type Session } from './session.js';
import { addDays, eraDate, todayIso } from '../base/format.js';
import { mayExtendCluster } from '../base/clusters.js';
import { writeFilesAtomically } from './write.js';
import { missingAgencyForms } from './agency-forms.js';
import type { Named } from './official.js';
import type { PdfPart } from '../export/pdf-join.js';
import { renderOutput, type RenderedFile, type RenderOptions } from './render-output.js';
import { sideThreadFor } from './side-thread.js';

export type { RenderedFile, RenderOptions } from './render-output.js';

export const FORMATS = OUTPUT_FORMATS;
export type Format = OutputFormat;

/**
 * A bundle's parts as PDFs, joined: the PDF each part is written as on its own (the document it was
 * saved from, when `saved` kept it), rendered for it if it was not.
 */
async function renderBundle(bundle: Bundle, outputs: Output[], saved: Map<string, PdfPart>, session: Session): Promise<Omit<RenderedFile, 'path'>> {
  const parts: PdfPart[] = [];
  for (const name of bundle.parts) {
    const part = outputs.find((o): o is DocumentModel => o.name === name && isPaper(o));
    if (!part) continue;
    let made = saved.get(name);
    if (!made) {
      const file = await renderOutput(part, 'pdf', () => session.fonts());
      made = file.document ?? file.bytes;
    }
    parts.push(made);
  }
  const { joinPdfs } = await import('../export/pdf-join.js');
  return joinPdfs(parts, bundle.title);
}

export interface CaseResult {
  file: string;
  /** The case's name: its file name without extension, and the folder its documents go to. */
  name: string;
  form: string | null;
  ok: boolean;
  problems: Problem[];
  /** The codes of the warnings the case's `acknowledged` settled, one per warning: counted, not printed. */
  settled?: string[];
  facts: Record<string, unknown>;
  documents: Output[];
  /** The session it was checked in, whose fonts and templates render its documents (none when checking failed early). */
  session?: Session;
}

export interface CheckOptions {
  /** Fallback fonts named on the command line (absolute paths), tried after the case's own. */
  fonts?: string[];
  /** The session's forms, fonts and templates (default: the process's, see defaultSession). */
  session?: Session;
  /** The case's bytes when they do not come from `file` (standard input, the library API); `file` then only names it. */
  bytes?: Uint8Array;
  /** The folder the files the case names are read from (default: the case file's folder). */
  baseDir?: string;
  /** Files the case names may lie outside its folder (`--allow-files-outside`; default: inside only). */
  allowFilesOutside?: boolean;
  /** The case's name, its output folder (default: the file's name without extension). */
  name?: string;
}

export async function checkCase(file: string, today = todayIso(), options: CheckOptions = {}): Promise<CaseResult> {
  const result = await checkCaseFully(file, today, options);
  return { ...result, problems: firstProblems(result.problems, file) };
}

/**
 * The problems a clerk is shown: the first 100 and a line saying how many more — a list of 20,000
 * (a pasted column of empty works) helps nobody and took seconds to print. Errors come first, so
 * a cut never hides an error behind warnings.
 */
export const MAX_LISTED_PROBLEMS = 100;

function firstProblems(problems: Problem[], file: string): Problem[] {
  if (problems.length <= MAX_LISTED_PROBLEMS) return problems;
  const ordered = [...problems.filter((p) => p.severity === 'error'), ...problems.filter((p) => p.severity !== 'error')];
  const more = ordered.length - MAX_LISTED_PROBLEMS;
  const errors = ordered.slice(MAX_LISTED_PROBLEMS).some((p) => p.severity === 'error');
  return [...ordered.slice(0, MAX_LISTED_PROBLEMS), {
    severity: errors ? 'error' : 'warning', path: [], file,
    ja: `ほかに${more.toLocaleString('en')}件の問題があります（最初の${MAX_LISTED_PROBLEMS}件だけを示しました）。`,
    en: `…and ${more.toLocaleString('en')} more problems (only the first ${MAX_LISTED_PROBLEMS} are listed).`,
    hint: { ja: '上の問題を直してから、もう一度確かめてください。', en: 'Fix the problems above, then check again.' },
  }];
}

async function checkCaseFully(file: string, today: string, options: CheckOptions): Promise<CaseResult> {
  const name = options.name ?? basename(file, extname(file));
  const session = options.session ?? defaultSession();
  const result: CaseResult = { file, name, form: null, ok: false, problems: [], facts: {}, documents: [], session };
  const badName = unusableCaseName(file, name);
  if (badName) return { ...result, problems: [badName] };
  const read = options.bytes ? readCaseBytes(file, options.bytes) : readCaseFile(file);
  if (!read.ok) return { ...result, problems: read.problems };
  const parsed = read.parsed;
  const data = parsed.data as Record<string, unknown>;

  const formId = data.form;
  // form: ｄｅｐｏｓｉｔ (full width) is form: deposit, as the schema reads it.
  const formKey = typeof formId === 'string' ? formId.normalize('NFKC').trim() : undefined;
  const plugin = formKey === undefined ? undefined : await session.form(formKey);
  if (!plugin) return { ...result, problems: [locate(unknownForm(formId, session.formIds()), parsed)] };
  result.form = plugin.id;

  const valid = validate(plugin.schema, parsed);
  // How the text was read (a value cut short by ` #`) may be what explains an error: said beside it.
  if (!valid.ok) return { ...result, problems: valid.notes.length ? byPlace([...valid.problems, ...valid.notes]) : valid.problems };
  const farOff = farFutureDate((valid.value as { date?: unknown }).date, today);
  if (farOff) return { ...result, problems: [locate(farOff, parsed)] };

  const caseDir = resolve(options.baseDir ?? dirname(resolve(file)));
  const ctx: FormContext = { caseFile: file, caseDir, folder: { dir: caseDir, anywhere: options.allowFilesOutside }, today, templates: session.templates };
  const loaded: Loaded<unknown> = plugin.load ? await plugin.load(valid.value, ctx) : { value: valid.value, problems: [] };
  // A problem is placed in the file it concerns: a CSV row and column, or the case file's line.
  const place = (p: Problem): Problem => {
    if (p.file) return p;
    const spot = loaded.spot?.(p.path);
    if (!spot) return locate(p, parsed);
    const { sheet, ...at } = spot;
    return { ...(sheet === undefined ? p : inSheetCell(p, sheet, at.line ?? 1, at.column ?? 1)), ...at };
  };
  // Fonts load here, when a case is checked, not when the CLI starts (fontkit alone takes about a second).
  const book = await session.fonts();
  const fonts = fontFilesOf(valid.value as { fonts?: string[] }, ctx.folder, options.fonts ?? [], (file) => book.typeface(file));
  const chain = book.chain(fonts.files);
  const glyphs = [...undrawableCharacters(parsed.data, [], chain), ...undrawableCharacters(loaded.text, [], chain)];
  const acknowledged = (valid.value as { acknowledged?: string[] }).acknowledged ?? [];
  const unknownCodes = unknownAcknowledgements(acknowledged, [...formCodes(plugin), ...Object.values(INPUT_CODES)]).map((p) => locate(p, parsed));
  const named = (valid.value as { official_forms?: Record<string, Named> }).official_forms;
  // Reading and filling an agency's form brings pdf-lib: loaded only for a case that names one.
  const official = named ? await import('./official.js') : undefined;
  const agencyForms = official && named ? await official.readOfficialForms(named, ctx.folder) : { read: [], problems: [] };
  const readProblems = [...valid.notes, ...fonts.problems, ...loaded.problems, ...glyphs, ...agencyForms.problems].map(place);
  if (readProblems.some((p) => p.severity === 'error')) return { ...result, problems: [...readProblems, ...unknownCodes] };

  try {
    const derivation = plugin.derive(loaded.value, ctx);
    const found = [...readProblems, ...derivation.problems.map(place)];
    let documents: Output[] = [];
    if (!found.some((p) => p.severity === 'error')) {
      documents = inLanguage(withFonts(composeDocuments(plugin, loaded.value, derivation.derived, ctx), fonts.files), plugin.language);
      found.push(...missingAgencyForms(documents, named).map(place));
      if (official) found.push(...official.applyOfficialForms(plugin, documents, agencyForms.read, chain).map(place));
    }
    const settling = settle([...found, ...unknownCodes], acknowledged);
    const problems = [...settling.problems, ...settling.stale.map((p) => locate(p, parsed))];
    const ok = !problems.some((p) => p.severity === 'error');
    return { ...result, ok, problems, settled: settling.settled, facts: derivation.facts, documents: ok ? documents : [] };
  } catch (e) {
    if (!(e instanceof BeforeDatedData)) throw e;
    return { ...result, problems: [...readProblems, locate(beforeData(e, parsed.data), parsed), ...unknownCodes] };
  }
}

/**
 * A case dated before the first entry of a dated table its rules need (src/law/dated.ts): an error
 * at the field holding that date — the case's date, or another (a publication date) — naming the
 * first day yoshiki knows the rules for, never an internal error. A date no field holds is today's.
 */
function beforeData(e: BeforeDatedData, data: unknown): Problem {
  const path = fieldHolding(data, e.date) ?? ['date'];
  const field = fieldHolding(data, e.date) ? pathText(path) : '';
  const [date, earliest] = [e.date, e.earliest].map((d) => ({ ja: eraDate(d), en: d }));
  return {
    ...error(path,
      `${field || '今日の日付'}（${date.ja}）は、yoshiki がこの書類の決まりを知っている最初の日（${earliest.ja}）より前です。それより前の決まりはデータにありません。`,
      `The date ${date.en}${field ? ` (${field})` : ' (today)'} is before ${earliest.en}, the first day yoshiki knows this form's rules for; it has no data on the rules before it.`,
      { ja: `日付を確かめてください（${earliest.ja}以降の日付なら、その日の決まりで作ります）。`, en: `Check the date (from ${earliest.en} on, the papers follow the rules of their day).` }),
    code: PIPELINE_CODES.beforeData,
  };
}

/** The path of the case's field whose value is `date`: `date` itself first, else the first found. */
function fieldHolding(data: unknown, date: string, path: FieldPath = []): FieldPath | undefined {
  if (data === date) return path;
  if (path.length === 0 && (data as { date?: unknown } | null)?.date === date) return ['date'];
  if (!data || typeof data !== 'object') return undefined;
  for (const [k, v] of Object.entries(data)) {
    const found = fieldHolding(v, date, [...path, Array.isArray(data) ? Number(k) : k]);
    if (found) return found;
  }
  return undefined;
}

/** Problems of one file in the order of its lines (those of the whole file first). */
const byPlace = (problems: Problem[]) =>
  problems.map((p, i) => ({ p, i })).sort((a, b) => (a.p.line ?? 0) - (b.p.line ?? 0) || a.i - b.i).map(({ p }) => p);

/**
 * Papers are dated when they are prepared or sent: a date more than a year after today is a slip
 * (9999-12-31, 2062 for 2026), and the rules of a year yoshiki has no data for would be guessed.
 */
const LONGEST_DATE_AHEAD_DAYS = 366;

function farFutureDate(date: unknown, today: string): Problem | undefined {
  const latest = addDays(today, LONGEST_DATE_AHEAD_DAYS);
  if (typeof date !== 'string' || date <= latest) return undefined;
  return error(['date'], `日付（${date}）が1年以上先です。書類を作る日か送る日を書いてください（${latest} まで）。`,
    `The date (${date}) is more than a year ahead: write the day the papers are made or sent (until ${latest}).`,
    { ja: '年の打ち間違いがないか確かめてください。', en: 'Check the year for a typo.' });
}

/**
 * The case's documents go into a folder named after the case file, inside the output folder: a name
 * that is empty, `.` or `..`, hidden, or holds control characters would put them elsewhere or out
 * of sight (a file named `...yaml` wrote into the parent of -o).
 */
function unusableCaseName(file: string, name: string): Problem | undefined {
  // eslint-disable-next-line no-control-regex
  if (name && !name.startsWith('.') && !/[\u0000-\u001f\u007f]/.test(name)) return undefined;
  return { severity: 'error', path: [], file,
    ja: `ケースファイルの名前「${JSON.stringify(name).slice(1, -1)}」からは出力フォルダの名前を作れません（空・「.」で始まる・制御文字を含む名前は使えません）。`,
    en: `The case file's name "${JSON.stringify(name).slice(1, -1)}" cannot name its output folder (empty, starting with ".", or holding control characters).`,
    hint: { ja: 'ケースファイルの名前を、例えば「申請-2026.yaml」のように変えてください。', en: 'Rename the case file, e.g. "application-2026.yaml".' } };
}

/** Renders every document of a checked case in memory, in each of its formats that `formats` lists. */
export async function renderDocuments(checked: CaseResult, formats: Format[], options: RenderOptions & { sideThread?: boolean } = {}): Promise<RenderedFile[]> {
  if (!checked.ok) return [];
  const session = checked.session ?? defaultSession();
  const fonts = () => session.fonts();
  const rendered = new Map<string, RenderedFile>();
  // The PDFs a bundle binds, kept as they were made (the document in memory) until it is bound.
  const bound = new Set(formats.includes('pdf') ? checked.documents.flatMap((o) => (o.kind === 'bundle' ? o.parts : [])) : []);
  const saved = new Map<string, PdfPart>();
  // Papers and sheets first; a bundle then binds the PDFs already made.
  const jobs = checked.documents.flatMap((output) => (output.kind === 'bundle' ? []
    : formatsOf(output).filter((format) => formats.includes(format)).map((format) => ({ output, format }))));
  // A large case's other formats are made on a second thread meanwhile (side-thread.ts).
  const side = sideThreadFor(jobs, options.sideThread);
  try {
    for (const { output, format } of jobs) {
      if (side?.takes(format)) continue;
      const { document, ...made } = await renderOutput(output, format, fonts, options);
      rendered.set(`${output.name}.${format}`, { path: `${output.name}.${format}`, ...made });
      if (format === 'pdf' && bound.has(output.name)) saved.set(output.name, document ?? made.bytes);
    }
    for (const output of checked.documents)
      if (output.kind === 'bundle' && formats.includes('pdf'))
        rendered.set(`${output.name}.pdf`, { path: `${output.name}.pdf`, ...await renderBundle(output, checked.documents, saved, session) });
    for (const file of await side?.files() ?? []) rendered.set(file.path, file);
  } finally {
    side?.close();
  }
  // In the order the form declares its documents.
  return checked.documents.flatMap((o) => formatsOf(o).flatMap((f) => rendered.get(`${o.name}.${f}`) ?? []));
}

/** Renders every document of a checked case and writes them all, or nothing. */
export async function renderCase(checked: CaseResult, outDir: string, formats: Format[]): Promise<string[]> {
  if (!checked.ok) return [];
  return writeFilesAtomically(resolve(outDir, checked.name), await renderDocuments(checked, formats));
}

/** The pipeline's own warnings: about the case's `acknowledged` list itself, never settled by it. */
export const PIPELINE_CODES = { stale: 'case.acknowledged-not-raised', error: 'case.acknowledged-error', beforeData: 'case.date-before-data' } as const;

/** A code in `acknowledged` that no catalogue of the form has is an error at its entry, with the closest code. */
function unknownAcknowledgements(acknowledged: string[], known: string[]): Problem[] {
  const codes = new Set(known);
  return acknowledged.flatMap((code, i) => {
    if (codes.has(code)) return [];
    // The same key in another catalogue (copyright. for ruling.), else the nearest spelling.
    const key = code.slice(code.indexOf('.') + 1);
    const guess = known.find((k) => k.endsWith(`.${key}`)) ?? (known.length ? closest(code, known) : undefined);
    return [error(['acknowledged', i],
      `「${code}」という注意のコードはありません。`,
      `There is no warning code "${code}".`,
      guess
        ? { ja: `「${guess}」の書き間違いではありませんか。コードは yoshiki check が注意ごとに示します。`, en: `Did you mean "${guess}"? yoshiki check shows each warning's code.` }
        : { ja: 'この書類の注意にはコードがありません。', en: 'This form has no warning codes.' })];
  });
}

/**
 * Moves the warnings whose code the case acknowledges out of the problems, keeping one code per
 * settled warning. An acknowledged code no warning raised is a warning of its own at its entry
 * (stale, or naming an error: errors are never settled).
 */
function settle(problems: Problem[], acknowledged: string[]): { problems: Problem[]; settled: string[]; stale: Problem[] } {
  const listed = new Set(acknowledged);
  const settled = problems.filter((p) => p.severity === 'warning' && p.code && listed.has(p.code)).map((p) => p.code!);
  const raised = new Set(settled);
  const errors = new Set(problems.flatMap((p) => (p.severity === 'error' && p.code ? [p.code] : [])));
  const unknownAt = new Set(problems.flatMap((p) => (p.path[0] === 'acknowledged' && p.severity === 'error' ? [p.path[1]] : [])));
  const stale = acknowledged.flatMap((code, i) => {
    if (raised.has(code) || unknownAt.has(i)) return [];
    if (errors.has(code))
      return [warning(PIPELINE_CODES.error, ['acknowledged', i],
        `「${code}」はこのケースではエラーです。エラーは確認済みにできません。`,
        `"${code}" is an error in this case: errors cannot be acknowledged.`,
        { ja: 'エラーを直し、この行を消してください。', en: 'Fix the error and remove this entry.' })];
    return [warning(PIPELINE_CODES.stale, ['acknowledged', i],
      `「${code}」の注意はこのケースでは出ていません。`,
      `No "${code}" warning was raised by this case.`,
      { ja: 'ケースを直して不要になったなら、この行を消してください。', en: 'If the case no longer needs it, remove this entry.' })];
  });
  return { problems: problems.filter((p) => !(p.severity === 'warning' && p.code && listed.has(p.code))), settled, stale };
}

export function unknownForm(formId: unknown, known: string[]): Problem {
  if (formId === undefined)
    return error(['form'], '「form:」がありません。どの書類を作るかを書いてください。', 'The case has no "form:". Say which paperwork to make.',
      { ja: `使える form: ${known.join(', ')}`, en: `Known forms: ${known.join(', ')}` });
  const guess = typeof formId === 'string' ? closest(formId, known) : known[0];
  return error(['form'], `「${String(formId)}」という form はありません。`, `There is no form "${String(formId)}".`,
    { ja: `使える form: ${known.join(', ')}（「${guess}」ではありませんか）`, en: `Known forms: ${known.join(', ')} (did you mean "${guess}"?)` });
}

/**
 * The fallback fonts: the case's (relative to it), then the command line's. A file that is missing
 * or not a font the PDF can embed is an error at its entry, and is left out of the chain.
 */
function fontFilesOf(value: { fonts?: string[] }, folder: CaseFolder, fromCommandLine: string[], typeface: (file: string) => Typeface): { files: string[]; problems: Problem[] } {
  const files: string[] = [];
  const problems: Problem[] = [];
  const named = [
    ...(value.fonts ?? []).map((f, i) => ({ file: namedPath(folder, f), given: f, path: ['fonts', i] as FieldPath, where: {}, inCase: true })),
    ...fromCommandLine.map((f) => ({ file: f, given: f, path: [] as FieldPath, where: { file: f }, inCase: false })),
  ];
  for (const font of named) {
    if (font.inCase && !insideFolder(folder, font.file)) {
      const outside = outsideProblem(font.given, { ja: 'フォント', en: 'The font' });
      problems.push({ ...error(font.path, outside.problem.ja, outside.problem.en, outside.hint), ...font.where });
      continue;
    }
    try {
      typeface(font.file); // parsed now (and kept for rendering), so a bad file is reported here
      files.push(font.file);
    } catch (e) {
      const missing = e instanceof UnusableFile && e.missing;
      const why = { ja: e instanceof UnusableFile ? e.ja : (e as Error).message, en: (e as Error).message };
      problems.push({
        ...error(font.path,
          missing ? `フォント「${font.given}」が見つかりません。` : `「${font.given}」はフォントとして読めません（${why.ja}）。`,
          missing ? `The font "${font.given}" does not exist.` : `"${font.given}" cannot be read as a font (${why.en}).`,
          { ja: 'TrueType（.ttf）か OpenType（.otf）のファイルを、ケースファイルからの相対パスで指定してください。',
            en: 'Name a TrueType (.ttf) or OpenType (.otf) file, relative to the case file.' }),
        ...font.where,
      });
    }
  }
  return { files, problems };
}

/** The fallback fonts, set on the composed objects like the language (a copy would compose lazy blocks now). */
function withFonts(outputs: Output[], fonts: string[]): Output[] {
  if (fonts.length) for (const o of outputs) if (isPaper(o)) o.fonts = fonts;
  return outputs;
}

/** The papers are in their form's language. Set on the composed objects, not copies: a copy would compose lazy blocks now. */
function inLanguage(outputs: Output[], language: 'ja' | 'en' | undefined): Output[] {
  if (language) for (const o of outputs) if (isPaper(o)) o.language = language;
  return outputs;
}

/**
 * The longest value of one field: a title, a name or one evidence cell. 20,000 characters are ten
 * pages of one cell; a value that long is a paste gone wrong, and laying it out would only make
 * pages nobody files.
 */
export const MAX_FIELD_CHARACTERS = 20_000;
/**
 * The most code points one character may hold: a letter and 30 combining marks, as Unicode's
 * Stream-Safe Text Format allows (UAX #15 §13); a "character" of a million marks hung the layout.
 */
const MAX_CLUSTER_CODE_POINTS = 31;
const clusters = new Intl.Segmenter('ja', { granularity: 'grapheme' });

function overlongText(value: string, path: FieldPath): Problem | undefined {
  if (value.length > MAX_FIELD_CHARACTERS)
    return error(path, `長すぎます（${value.length.toLocaleString('en')}文字、上限${MAX_FIELD_CHARACTERS.toLocaleString('en')}文字）。`,
      `This value is too long (${value.length.toLocaleString('en')} characters; the limit is ${MAX_FIELD_CHARACTERS.toLocaleString('en')}).`,
      { ja: '別のものが貼り付けられていないか確かめ、要点に絞ってください。', en: 'Check that nothing else was pasted in, and keep to the point.' });
  // Only marks, joiners, emoji modifiers and Hangul jamo extend a cluster: most values skip the segmenter.
  if (!mayExtendCluster(value)) return undefined;
  for (const { segment, index } of clusters.segment(value)) {
    const codePoints = [...segment].length;
    if (codePoints > MAX_CLUSTER_CODE_POINTS)
      return error(path, `${index + 1}文字目に、結合文字が${codePoints - 1}個も重なった文字があります（上限${MAX_CLUSTER_CODE_POINTS - 1}個）。`,
        `Character ${index + 1} carries ${codePoints - 1} combining marks (the limit is ${MAX_CLUSTER_CODE_POINTS - 1}).`,
        { ja: '文字化けか貼り付けの誤りです。その部分を打ち直してください。', en: 'This is garbled or mis-pasted text: type that part again.' });
  }
  return undefined;
}

/**
 * Every string the user wrote must be drawable: a character no font has is an error, not a blank box.
 * Walked with one path, copied only for a problem, and one list: a path and a list per value were a
 * fifth of the check's walk over 10,000 works' 70,000 cells.
 */
function undrawableCharacters(value: unknown, path: FieldPath, chain: FontChain, problems: Problem[] = []): Problem[] {
  if (typeof value === 'string') {
    const problem = undrawableText(value, path, chain);
    if (problem) problems.push(problem);
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      path.push(i);
      undrawableCharacters(value[i], path, chain, problems);
      path.pop();
    }
  } else if (value && typeof value === 'object') {
    for (const k of Object.keys(value)) {
      path.push(k);
      undrawableCharacters((value as Record<string, unknown>)[k], path, chain, problems);
      path.pop();
    }
  }
  return problems;
}

/** The problem with one string, its path copied if there is one. */
function undrawableText(value: string, at: FieldPath, chain: FontChain): Problem | undefined {
  const unprintable = overlongText(value, at);
  if (unprintable) return { ...unprintable, path: [...at] };
  const damaged = chain.damaged(value);
  if (damaged.length > 0) {
    const path = [...at];
    const list = damaged.map((d) => `「${d.char}」(U+${d.char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')})`).join('、');
    return error(path, `フォント「${damaged[0].face}」の字形が壊れていて描けない文字があります: ${list}`,
      `The font "${damaged[0].face}" is damaged: its glyphs for ${list} cannot be drawn.`,
      { ja: 'フォントを入手し直すか、別のフォントを fonts: か --font で指定してください。', en: 'Get the font again, or name another with fonts: or --font.' });
  }
  const missing = chain.missing(value);
  if (missing.length === 0) return undefined;
  const list = missing.map((ch) => `「${ch}」(U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')})`).join('、');
  const names = chain.faces.map((f) => f.name);
  return error([...at],
    names.length === 1 ? `埋め込みフォント（IPAex明朝）にない文字があります: ${list}` : `どのフォント（${names.join('、')}）にもない文字があります: ${list}`,
    names.length === 1 ? `The embedded font (IPAex Mincho) cannot draw: ${list}` : `No font (${names.join(', ')}) can draw: ${list}`,
    { ja: '別の字体（常用の字形など）に置き換えるか、その文字のあるフォントを fonts: か --font で加えてください。',
      en: 'Replace it with a character the font has (a common form of the kanji, for instance), or add a font that has it with fonts: or --font.' });
}
