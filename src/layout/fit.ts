/**
 * Fits a value into its box on an official form: at the size the map or field gives, else smaller
 * in half points down to the stated least size, lines broken at the box's width (禁則 as in every
 * paper) when the box wraps. What does not fit at the least size is reported, never cut off: the
 * pipeline makes it an error naming the field.
 */
import { STYLE } from '../model/style.js';
import type { FieldValues, OfficialForm, Placement, Rect } from '../model/official-form.js';
import type { FontChain } from '../typeset/fonts.js';
import { breakLines, splitGraphemes, type Measure } from '../typeset/kinsoku.js';

/** A line of a fitted value: its text and where its baseline starts (points, the shown page). */
export interface FittedLine { text: string; x: number; y: number }

/**
 * A run of text on an official form, in points (not the layout's hundredths: a form's few values are
 * written with their own text matrix). `font`: the face of the chain that draws it (0 when absent).
 */
export interface OverlayText { op: 'text'; x: number; y: number; size: number; text: string; font?: number }

export type Fit =
  | { ok: true; size: number; lines: FittedLine[] }
  /**
   * At the least size: how many lines, the width and height they need against the room inside the
   * box (one cell's width in a comb field), and in a comb field how many characters for its cells.
   */
  | { ok: false; size: number; lines: number; width: number; height: number; room: { width: number; height: number }; characters?: number };

export type FitStyle = Pick<Placement, 'box' | 'size' | 'minSize' | 'align' | 'valign' | 'wrap' | 'lineHeight' | 'padding' | 'cells'>;

/** Sizes are tried in half points: finer steps change nothing a reader sees. */
const STEP = 0.5;
/** Rounding slack (points): a line measured 0.001 pt wider than its box still fits. */
const EPSILON = 0.01;

/** The sizes to try, largest first: the given size, then down by half points to the least. */
export function sizesToTry(size: number, minSize: number): number[] {
  const sizes = [size];
  for (let s = Math.floor(size / STEP) * STEP; s > minSize; s -= STEP) if (s < size) sizes.push(s);
  if (minSize < size) sizes.push(minSize);
  return sizes;
}

/** `advance`: a grapheme's width at 1 pt. */
export function fitText(text: string, style: FitStyle, advance: Measure): Fit {
  const width = (line: string) => splitGraphemes(line).reduce((w, g) => w + advance(g), 0);
  const cells = style.cells;
  // A comb field's room is one cell: each grapheme sits alone in its own.
  const room = { width: (cells ? style.box.w / cells : style.box.w) - 2 * style.padding, height: style.box.h - 2 * style.padding };
  const graphemes = cells ? splitGraphemes(text) : [];
  const tooMany = cells !== undefined && (graphemes.length > cells || text.includes('\n'));
  let last: Extract<Fit, { ok: false }> | undefined;
  for (const size of sizesToTry(style.size, style.minSize)) {
    const lines = cells ? [text] : style.wrap ? breakLines(text, room.width / size, advance) : text.split('\n');
    const widest = Math.max(0, ...(cells ? graphemes : lines).map((l) => width(l) * size));
    const height = size + (lines.length - 1) * size * style.lineHeight;
    if (!tooMany && widest <= room.width + EPSILON && height <= room.height + EPSILON)
      return { ok: true, size, lines: place(lines, size, style, width) };
    last = { ok: false, size, lines: lines.length, width: widest, height, room, ...(tooMany ? { characters: graphemes.length } : {}) };
  }
  return last!;
}

function place(lines: string[], size: number, s: FitStyle, width: (line: string) => number): FittedLine[] {
  const { box, padding } = s;
  const height = size + (lines.length - 1) * size * s.lineHeight;
  const top = s.valign === 'top' ? box.y + box.h - padding : s.valign === 'bottom' ? box.y + padding + height : box.y + (box.h + height) / 2;
  // The first baseline sits the font's ascent below the text's top: the em box is then centred in a middle box.
  const baseline = (i: number) => top - size * STYLE.ascent - i * size * s.lineHeight;
  if (s.cells) {
    const cell = box.w / s.cells;
    return splitGraphemes(lines[0]).map((g, i) => ({ text: g, x: box.x + i * cell + (cell - width(g) * size) / 2, y: baseline(0) }));
  }
  return lines.map((text, i) => {
    const w = width(text) * size;
    const x = s.align === 'left' ? box.x + padding : s.align === 'right' ? box.x + box.w - padding - w : box.x + (box.w - w) / 2;
    return { text, x, y: baseline(i) };
  });
}

/** A value that does not fit its box: the placement, and the fit at the least size. */
export interface Overflow { placement: Placement; text: string; fit: Extract<Fit, { ok: false }> }

/** What goes on the official form's pages: each page's text, and the boxes (outlined in the preview). */
export interface OverlayPlan {
  /** Text operations per 0-based page, in the page's shown coordinates. */
  pages: Map<number, OverlayText[]>;
  /** Every placement's box, by page, with the value's name: drawn only when outlines are asked for. */
  boxes: { page: number; box: Rect; label: string }[];
  overflows: Overflow[];
  /** The PDF's own fields that receive something: flattened when written (the others stay fillable). */
  flatten: Set<string>;
}

/** The text a placement shows: the value, its mark when ticked, nothing when empty or false. */
export function shownText(p: Placement, value: string | boolean | undefined): string {
  if (value === true) return p.mark;
  return typeof value === 'string' ? value : '';
}

/** Fits every placement's value, in the faces of `chain` (IPAex Mincho, then the case's fonts). */
export function layoutOverlay(form: OfficialForm, values: FieldValues, chain: FontChain): OverlayPlan {
  const plan: OverlayPlan = { pages: new Map(), boxes: [], overflows: [], flatten: new Set() };
  for (const p of form.placements) {
    plan.boxes.push({ page: p.page, box: p.box, label: p.value });
    const value = values[p.value];
    const text = shownText(p, value);
    if (text === '') continue;
    // A tick is centred in its box whatever the map says of text.
    const style = value === true ? { ...p, align: 'center' as const, valign: 'middle' as const, wrap: false, cells: undefined } : p;
    const fit = fitText(text, style, (g) => chain.advance(g));
    if (!fit.ok) {
      plan.overflows.push({ placement: p, text, fit });
      continue;
    }
    if (p.acroField) plan.flatten.add(p.acroField);
    const ops = plan.pages.get(p.page) ?? [];
    plan.pages.set(p.page, ops);
    for (const line of fit.lines) ops.push(...textOps(line, fit.size, chain));
  }
  return plan;
}

/** A line as text operations, one per run of the face that draws it (a character IPAex lacks comes from the next font). */
function textOps(line: FittedLine, size: number, chain: FontChain): OverlayText[] {
  const ops: OverlayText[] = [];
  let x = line.x;
  for (const run of chain.runs(line.text)) {
    ops.push(run.face ? { op: 'text', x, y: line.y, size, text: run.text, font: run.face } : { op: 'text', x, y: line.y, size, text: run.text });
    x += chain.textWidth(run.text, size);
  }
  return ops;
}
