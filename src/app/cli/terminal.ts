/**
 * How the command line writes for a person at a terminal: colour (picocolors) and lines wrapped to
 * the window. Nothing of it reaches a pipe or a file: there the text is plain and unwrapped, one
 * message a line, for grep and for logs.
 *
 * Wrapping uses the layout's own line breaking (src/typeset/kinsoku.ts: UAX #14 opportunities with
 * 禁則), measured in terminal columns (string-width): English breaks between words, never inside one
 * ("Af|fairs"), Japanese between characters but never before 「。」「、」「）」 or after 「「」, and a
 * number, date or code stays whole. wrap-ansi would cut Japanese anywhere.
 */
import pc from 'picocolors';
import stringWidth from 'string-width';
import { breakLines } from '../../typeset/kinsoku.js';

/** Where the command writes: a process stream, or a writer the tests collect the text with. */
export interface Output {
  write(text: string): unknown;
  /** A terminal gets colour, wrapped lines and the redrawn progress bar; anything else plain lines. */
  isTTY?: boolean;
  /** The terminal's width in columns. */
  columns?: number;
  /** A terminal's own answer (Node's: NO_COLOR, FORCE_COLOR, TERM=dumb …). */
  hasColors?(): boolean;
}

export type Colors = ReturnType<typeof pc.createColors>;

/** How one output stream is written: its colours (or none) and the width lines wrap at (none: unwrapped). */
export interface Style {
  paint: Colors;
  width?: number;
}

/** The narrowest a wrapped message gets, however narrow the window: a column of 3 characters helps no one. */
const MIN_TEXT_WIDTH = 20;

/**
 * Colour only on a terminal, and never with NO_COLOR set (no-color.org: present and not empty);
 * FORCE_COLOR turns it on for a pipe too (a CI log that shows colours). Lines wrap one column short
 * of the window, so a character some terminals draw wide (→, …) never pushes a line over.
 */
export function styleOf(out: Output, env: NodeJS.ProcessEnv = process.env): Style {
  const forced = env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  const color = !env.NO_COLOR && (forced || (out.isTTY === true && (out.hasColors?.() ?? true)));
  const width = out.isTTY && out.columns ? out.columns - 1 : undefined;
  return { paint: pc.createColors(color), width };
}

/** A style with no colour and no wrapping: text for JSON's neighbours, tests and logs. */
export const PLAIN: Style = { paint: pc.createColors(false) };

const widths = new Map<string, number>();
/** A grapheme's width in columns; an ambiguous one (○ → …) counted wide, as a Japanese terminal may draw it. */
const columns = (g: string): number => {
  let w = widths.get(g);
  if (w === undefined) widths.set(g, (w = stringWidth(g, { ambiguousIsNarrow: false })));
  return w;
};

/** Terminal columns a string takes (colour codes take none). */
export const displayWidth = (text: string): number => stringWidth(text, { ambiguousIsNarrow: false });

/** A piece of a line with its colour: a file:line:col in cyan, a code dimmed. */
export type Span = string | { text: string; paint: (s: string) => string };
const spanText = (s: Span) => (typeof s === 'string' ? s : s.text);

/**
 * `prefix` then `text`, the text wrapped to the style's width with every further line indented
 * under its first character (a hanging indent): "    エラー: …" continues under the message, not
 * under "エラー". The prefix may be coloured; the text's spans are coloured after wrapping, so a
 * colour code never counts as width and a coloured span cut by a line end is coloured on both lines.
 */
export function hanging(prefix: string, text: Span | Span[], style: Style): string {
  const spans = Array.isArray(text) ? text : [text];
  const plain = spans.map(spanText).join('');
  const indent = displayWidth(prefix);
  // A hyphen inside a word is wrapped as U+2011 NON-BREAKING HYPHEN (the same length): a form,
  // code or option (ill-registration, --no-color) stays whole; UAX #14 would break after it.
  const glued = plain.replace(/(?<=[\p{L}\p{N}])-(?=[\p{L}\p{N}])/gu, '\u2011');
  const lines = style.width === undefined ? [glued] : breakLines(glued, Math.max(style.width - indent, MIN_TEXT_WIDTH), columns);
  // Each line is a slice of the text (less the spaces at a break): find it, and colour what of each span it holds.
  let at = 0;
  const painted = lines.map((line) => {
    const start = glued.indexOf(line, at);
    at = start + line.length;
    return paintSlice(spans, start, at);
  });
  return prefix + painted.join(`\n${' '.repeat(indent)}`);
}

function paintSlice(spans: Span[], from: number, to: number): string {
  let out = '';
  let offset = 0;
  for (const span of spans) {
    const text = spanText(span);
    const piece = text.slice(Math.max(from - offset, 0), Math.max(to - offset, 0));
    if (piece) out += typeof span === 'string' ? piece : span.paint(piece);
    offset += text.length;
  }
  return out;
}
