/**
 * The commands and their options, declared once: node:util's parseArgs reads the command line from
 * this table and `--help` is written from it, in Japanese and English. parseArgs runs non-strict
 * and the options are checked here, so a mistake is said in both languages with the closest option
 * ("--fromat": did you mean --format?) rather than in Node's English error.
 */
import { parseArgs } from 'node:util';
import { closest, distance } from 'fastest-levenshtein';
import { hanging, PLAIN, type Style } from './terminal.js';

export interface OptionSpec {
  name: string;
  short?: string;
  /** A string option's value, as help shows it: <dir>. None: a flag. */
  value?: string;
  multiple?: boolean;
  ja: string;
  en: string;
}

export interface CommandSpec {
  name: string;
  /** What follows the command: <case.yaml | dir | ->... */
  args: string;
  ja: string;
  en: string;
  options: OptionSpec[];
  examples: string[];
}

/** A mistake on the command line: exit 2 with the words and the command's usage. */
export class UsageError extends Error {
  constructor(message: string, readonly command?: CommandSpec) {
    super(message);
  }
}

const HELP: OptionSpec = { name: 'help', short: 'h', ja: 'この説明を表示します。', en: 'Shows this help.' };
const QUIET: OptionSpec = { name: 'quiet', short: 'q', ja: 'エラーのあるケースだけを表示します（進み具合・注意・まとめは出しません）。',
  en: 'Prints only the cases with errors (no progress, warnings or summary).' };
const FONT: OptionSpec = { name: 'font', value: '<file>', multiple: true, ja: 'IPAex明朝にない文字に使うフォント（繰り返し指定できます）。',
  en: 'A font for characters IPAex Mincho lacks (may be repeated).' };
const OUTSIDE: OptionSpec = { name: 'allow-files-outside', ja: 'ケースファイルのフォルダの外のファイル（画像・PDF・一覧・フォント）も読みます（既定: フォルダの中だけ）。',
  en: 'Reads files the case names outside its folder too (pictures, PDFs, lists, fonts; default: inside only).' };
const CASES = '<case.yaml | dir | ->...';

export const COMMANDS: CommandSpec[] = [
  { name: 'render', args: CASES, ja: 'ケースファイルから書類（PDF・DOCX など）を作ります。「-」は標準入力から読みます。',
    en: 'Renders case files into their documents (PDF, DOCX …). "-" reads a case from standard input.',
    options: [
      { name: 'out', short: 'o', value: '<dir>', ja: '書き出し先のフォルダ（既定: out）。各ケースは out/<ケース名>/ に。', en: 'The folder to write into (default: out), each case in out/<case-name>/.' },
      { name: 'format', value: '<list>', ja: '作る形式をカンマ区切りで: pdf,docx,csv,xlsx,txt（既定: すべて）。', en: 'The formats to write, comma-separated: pdf,docx,csv,xlsx,txt (default: all).' },
      { name: 'jobs', short: 'j', value: '<n>', ja: '同時に作るケースの数（既定: CPU のコア数）。', en: 'Cases rendered at once (default: one per core).' },
      FONT, OUTSIDE,
      { name: 'json', ja: '終わりに結果を JSON で出します（ケースごとの書いたファイル・問題・ページ数、秒数）。', en: 'Prints the result as JSON at the end (files written per case, problems, pages, seconds).' },
      QUIET, HELP,
    ],
    examples: ['yoshiki render mycase.yaml', 'yoshiki render cases/ -o out --format pdf', 'cat mycase.yaml | yoshiki render - --json'] },
  { name: 'check', args: CASES, ja: 'ケースファイルを確かめ、手数料や期限などを計算します。何も書き出しません。',
    en: 'Checks case files and works out fees, deadlines and the like, writing nothing.',
    options: [
      { name: 'json', ja: 'ケースごとに1行の JSON で出します。', en: 'Prints one JSON object per case, one per line.' },
      FONT, OUTSIDE, QUIET, HELP,
    ],
    examples: ['yoshiki check mycase.yaml', 'yoshiki check cases/ --json'] },
  ...(['open', 'preview'] as const).map((name): CommandSpec => ({
    name, args: '[case.yaml]',
    ja: name === 'open'
      ? 'ブラウザでケースを編集します: 左に入力欄、右に書類。打つたびに確かめて作り直し、保存・ダウンロード・印刷ができます。ファイルを指定しなければ、書類を選んで新しく始めます。Ctrl-C で終了。'
      : 'open と同じです（ブラウザでケースを編集し、書類を見ます）。',
    en: name === 'open'
      ? 'Edits a case in the browser: the form on the left, the papers on the right, checked and made again as you type; save, download, print. Without a file, choose a form and start a new case. Ctrl-C stops it.'
      : 'The same as open (edit a case in the browser and see its papers).',
    options: [
      { name: 'port', value: '<n>', ja: '待ち受けるポート（既定: 4649）。0 は空いている番号。', en: 'The port to listen on (default: 4649); 0 picks a free one.' },
      HELP,
    ],
    examples: [`yoshiki ${name} mycase.yaml`, ...(name === 'open' ? ['yoshiki open'] : [])],
  })),
  { name: 'new', args: '<form>', ja: 'その書類のひな形のケースファイルを出します（-o でファイルに。上書きはしません）。',
    en: 'Prints a starter case file for a form (-o writes it to a file, never over one).',
    options: [
      { name: 'out', short: 'o', value: '<case.yaml>', ja: '書き出すファイル。', en: 'The file to write.' },
      QUIET, HELP,
    ],
    examples: ['yoshiki new ruling -o mycase.yaml'] },
  { name: 'forms', args: '', ja: '作れる書類の一覧です。', en: 'Lists the forms and their documents.',
    options: [{ name: 'json', ja: 'JSON で出します。', en: 'Prints them as JSON.' }, HELP],
    examples: ['yoshiki forms', 'yoshiki forms --json'] },
  { name: 'schema', args: '<form>', ja: 'その書類の JSON Schema を出します（エディタの補完とチェック用）。',
    en: 'Prints the JSON Schema of a form, for editors to complete and check case files.',
    options: [HELP],
    examples: ['yoshiki schema ruling > ruling.schema.json'] },
];

export const commandNamed = (name: string) => COMMANDS.find((c) => c.name === name);

/** The closest of `known` to `given`, if it is close enough to be a slip of the fingers. */
export function nearest(given: string, known: string[]): string | undefined {
  if (known.length === 0) return undefined;
  const best = closest(given, known);
  return distance(given, best) <= Math.max(2, Math.floor(best.length / 3)) ? best : undefined;
}

export type Parsed = { values: Record<string, string | boolean | string[] | undefined>; positionals: string[] };

/** The command's options and arguments; a mistake is a UsageError in both languages. */
export function parseCommand(spec: CommandSpec, args: string[]): Parsed {
  const options = Object.fromEntries(spec.options.map((o) => [o.name, {
    type: o.value ? 'string' as const : 'boolean' as const, ...(o.short ? { short: o.short } : {}), ...(o.multiple ? { multiple: true } : {}),
  }]));
  const { values, positionals, tokens } = parseArgs({ args, options, allowPositionals: true, strict: false, tokens: true });
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const option = spec.options.find((o) => o.name === token.name);
    if (!option) throw unknownOption(spec, token.rawName);
    if (option.value && token.value === undefined)
      throw new UsageError(`${token.rawName} には値が要ります（${option.value}）。 / ${token.rawName} needs a value (${option.value}).`, spec);
    if (!option.value && token.value !== undefined)
      throw new UsageError(`${token.rawName} は値をとりません。 / ${token.rawName} takes no value.`, spec);
  }
  return { values: values as Parsed['values'], positionals };
}

function unknownOption(spec: CommandSpec, raw: string): UsageError {
  const names = spec.options.flatMap((o) => [`--${o.name}`, ...(o.short ? [`-${o.short}`] : [])]);
  const guess = raw.startsWith('--') ? nearest(raw, names.filter((n) => n.startsWith('--'))) : undefined;
  const hint = guess ? `「${guess}」ではありませんか。 / Did you mean ${guess}?` : `yoshiki ${spec.name} --help で使えるオプションを確かめてください。 / See yoshiki ${spec.name} --help.`;
  return new UsageError(`「${raw}」というオプションは ${spec.name} にはありません。 / ${spec.name} has no option ${raw}.\n${hint}`, spec);
}

/** Where an option's words start in `--help`. */
const HELP_COLUMN = 24;

/** `yoshiki <command> --help`: what it does, its usage, each option in Japanese and English, examples. */
export function commandHelp(spec: CommandSpec, style: Style = PLAIN): string {
  const { paint } = style;
  const pad = ' '.repeat(HELP_COLUMN);
  const option = (o: OptionSpec) => {
    const names = `${o.short ? `-${o.short}, ` : '    '}--${o.name}${o.value ? ` ${o.value}` : ''}`;
    // A long option name has a line of its own; the words start under the others'.
    const fits = 2 + names.length < HELP_COLUMN;
    const head = fits ? '' : `  ${paint.bold(names)}\n`;
    const prefix = fits ? `  ${paint.bold(names)}${' '.repeat(HELP_COLUMN - 2 - names.length)}` : pad;
    return `${head}${hanging(prefix, o.ja, style)}\n${hanging(pad, o.en, style)}`;
  };
  return [
    hanging(`${paint.bold(`yoshiki ${spec.name}`)} — `, spec.ja, style),
    hanging('  ', spec.en, style),
    '',
    '使い方 / Usage:',
    hanging('  ', `yoshiki ${spec.name}${spec.args ? ` ${spec.args}` : ''}${spec.options.length > 1 ? ' [options]' : ''}`, style),
    '',
    'オプション / Options:',
    ...spec.options.map(option),
    '',
    '例 / Examples:',
    ...spec.examples.map((e) => hanging('  ', e, style)),
    '',
  ].join('\n');
}

/** `yoshiki --help`: the commands, each with what it does, and where to read more. */
export function overallHelp(style: Style = PLAIN): string {
  const { paint } = style;
  return [
    hanging(`${paint.bold('yoshiki')} — `, '様式: ケースファイルから書類を作ります / case files to paperwork', style),
    '',
    '使い方 / Usage:',
    ...COMMANDS.flatMap((c) => [paint.bold(`  yoshiki ${c.name}${c.args ? ` ${c.args}` : ''}`), hanging('      ', c.ja, style), hanging('      ', c.en, style)]),
    '',
    '  yoshiki <command> --help   コマンドごとの説明 / help on a command',
    '  yoshiki --version          版 / the version',
    '',
  ].join('\n');
}
