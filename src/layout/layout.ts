/**
 * Lays the blocks of a document out on pages, in two steps. `measure` turns each block into what
 * it takes — its lines already broken with 禁則, a table's column widths and each cell's lines —
 * once; `arrange` places the measured blocks on pages: keeping headings with what follows (through
 * a chain of headings), moving a table row whole to the next page when it fits there, splitting
 * only a row taller than a page (its identifying cells repeated, marked （続き）). The result is a
 * list of drawing operations per page, from the bottom left of the page, which the PDF writer only
 * writes: text and rules in whole hundredths of a point (see Hundredths), pictures in points.
 */
import {
  fitImage, fitPage, MM, pageSizePt, runsOf, unhandledBlock, type Block, type Box, type DocumentModel, type Image, type KeyValue,
  type Paragraph, type PdfPages, type Run, type Table,
} from '../model/document.js';
import { STYLE } from '../model/style.js';
import type { FontBook, FontChain } from '../typeset/fonts.js';
import { breakLines, minContentWidth, type Measure } from '../typeset/kinsoku.js';
import { breakLinesBalanced } from '../typeset/last-line.js';

/**
 * A length in whole hundredths of a point (100 = 1 pt), rounded as the PDF writer writes it (to a
 * hundredth, which no printer resolves). A whole number is kept in an object unboxed, a fraction as
 * a heap number of its own: the 350,000 operations of a 10,000-work table cost 210–250 ms to make
 * with fractions, 75–95 ms with whole numbers.
 */
export type Hundredths = number;

/** Points to whole hundredths of a point (+ 0: a -0 would be a fraction to V8). */
export const hundredths = (points: number): Hundredths => Math.round(points * 100) + 0;

export type DrawOp =
  /** `font`: the face of the document's font chain that draws the text (0, IPAex Mincho, when absent). */
  | { op: 'text'; x: Hundredths; y: Hundredths; size: Hundredths; text: string; font?: number; bold?: boolean }
  | { op: 'rect'; x: Hundredths; y: Hundredths; w: Hundredths; h: Hundredths; lineWidth: Hundredths }
  | { op: 'line'; x1: Hundredths; y1: Hundredths; x2: Hundredths; y2: Hundredths; lineWidth: Hundredths }
  /** In points: the picture's matrix is written to 6 decimals (and pictures are few). */
  | { op: 'image'; x: number; y: number; w: number; h: number; image: Image }
  /** Page `index` of a PDF the user gave, drawn into the box; in points, as an image. */
  | { op: 'pdfPage'; x: number; y: number; w: number; h: number; source: PdfPages; index: number };

export interface PagePlan {
  width: number;
  height: number;
  ops: DrawOp[];
}

/** `fonts`: the session's font book, whose chain for the document's fonts measures and draws it. */
export function layoutDocument(doc: DocumentModel, fonts: FontBook): PagePlan[] {
  const frame = new Frame(doc, fonts.chain(doc.fonts));
  const measured = doc.blocks.map((b) => measure(b, frame));
  return new Arrangement(frame, measured).run();
}

/** Width a hanging label occupies: its own width plus a gap, rounded up to half an em. */
export function hangWidth(labelWidth: number, em: number): number {
  const step = em * STYLE.hang.step;
  return Math.ceil((labelWidth + em * STYLE.hang.gap) / step) * step;
}

/** The page's text area and the document's measures, shared by both steps. */
class Frame {
  readonly width: number;
  readonly height: number;
  readonly top: number;
  readonly bottom: number;
  readonly left: number;
  readonly right: number;
  readonly em: number;
  /** A body line's height. */
  readonly lh: number;
  readonly fonts: FontChain;

  constructor(readonly doc: DocumentModel, fonts: FontChain) {
    this.fonts = fonts;
    const size = pageSizePt(doc.page);
    this.width = size.width;
    this.height = size.height;
    const [t, r, b, l] = doc.page.marginsMm.map((m) => m * MM);
    this.top = t;
    this.bottom = this.height - b;
    this.left = l;
    this.right = this.width - r;
    this.em = doc.fontSize;
    this.lh = doc.fontSize * doc.lineHeight;
  }

  get textWidth(): number {
    return this.right - this.left;
  }

  measureText(text: string, size: number): number {
    return this.fonts.textWidth(text, size);
  }

  wrap(text: string, width: number, size: number, firstIndent = 0): string[] {
    return breakLines(text, width, this.fonts.measureAt(size), firstIndent);
  }
}

// ── Step 1: measure ────────────────────────────────────────────────────────────────────────────

/** A paragraph's lines, each with the runs it holds (a run cut where a line breaks). */
interface MeasuredParagraph {
  kind: 'paragraph';
  block: Paragraph;
  size: number;
  lineHeight: number;
  x0: number;
  textX: number;
  firstIndent: number;
  lines: Run[][];
}
interface MeasuredKeyValue { kind: 'keyValue'; block: KeyValue; x0: number; valueX: number; rows: { key: string; lines: string[] }[] }
interface MeasuredTable {
  kind: 'table';
  block: Table;
  size: number;
  lineH: number;
  pad: number;
  xs: number[];
  widths: number[];
  header: string[][];
  headerH: number;
  rows: string[][][];
}
type Measured =
  | MeasuredParagraph
  | MeasuredKeyValue
  | MeasuredTable
  | { kind: 'box'; block: Box }
  | { kind: 'image'; block: Image }
  | { kind: 'pdfPages'; block: PdfPages }
  | { kind: 'pageBreak' };

function measure(block: Block, f: Frame): Measured {
  switch (block.kind) {
    case 'paragraph': return measureParagraph(block, f);
    case 'keyValue': return measureKeyValue(block, f);
    case 'table': return measureTable(block, f);
    case 'box': return { kind: 'box', block };
    case 'image': return { kind: 'image', block };
    case 'pdfPages': return { kind: 'pdfPages', block };
    case 'pageBreak': return { kind: 'pageBreak' };
    default: return unhandledBlock(block);
  }
}

function measureParagraph(p: Paragraph, f: Frame): MeasuredParagraph {
  const runs = runsOf(p);
  // Wrapped as if all of it were at its largest run's size, so a larger run never overflows.
  const size = Math.max(p.size ?? f.doc.fontSize, ...runs.map((r) => r.size ?? 0));
  const lineHeight = Math.max(f.lh, size * f.doc.lineHeight);
  const x0 = f.left + (p.at ?? 0) * f.textWidth + (p.indent ?? 0) * f.em;
  const labelWidth = p.label ? hangWidth(f.measureText(p.label, size), f.em) : 0;
  const textX = x0 + labelWidth;
  const firstIndent = (p.firstLine ?? 0) * f.em;
  const text = runs.map((r) => r.text).join('');
  const strings = text === '' ? [''] : breakLinesBalanced(text, f.right - textX, f.fonts.measureAt(size), firstIndent, STYLE.shortestLastLine);
  return { kind: 'paragraph', block: p, size, lineHeight, x0, textX, firstIndent, lines: runsPerLine(runs, text, strings) };
}

/**
 * Cuts the runs where the lines break. The lines are the text in order, less the spaces dropped at
 * breaks, so each is found from where the one before ended. A fill run (a line to sign on) has no
 * text: it goes with the last line.
 */
function runsPerLine(runs: Run[], text: string, lines: string[]): Run[][] {
  if (!runs.some((r) => r.underline || r.bold || r.size || r.lang || r.fill)) return lines.map((line) => [{ text: line }]);
  const starts: number[] = [];
  let offset = 0;
  for (const r of runs) starts.push((offset += r.text.length) - r.text.length);
  let cursor = 0;
  const out = lines.map((line) => {
    const from = text.indexOf(line, cursor);
    const to = from + line.length;
    cursor = to;
    const pieces: Run[] = [];
    runs.forEach((r, i) => {
      const a = Math.max(from, starts[i]);
      const b = Math.min(to, starts[i] + r.text.length);
      if (b > a) pieces.push({ ...r, text: text.slice(a, b) });
    });
    return pieces.length ? pieces : [{ text: '' }];
  });
  const fills = runs.filter((r) => r.fill && r.text === '');
  out[out.length - 1].push(...fills);
  return out;
}

/**
 * Rows of key and value set from `left`: when the longest row would wrap there, the block moves
 * left (never past the margin) so a name, title or address is not broken mid-word in a narrow block.
 */
function measureKeyValue(kv: KeyValue, f: Frame): MeasuredKeyValue {
  const keyWidth = kv.keyWidth * f.em;
  const x0 = keyValueStart(kv, f.textWidth, f.em, (t) => f.measureText(t, f.em)) + f.left;
  const valueX = x0 + keyWidth;
  return { kind: 'keyValue', block: kv, x0, valueX, rows: kv.rows.map((row) => ({ key: row.key, lines: f.wrap(row.value, f.right - valueX, f.em) })) };
}

/** Where a key–value block starts, from the left margin: at `left`, or as far left as its longest line needs. */
export function keyValueStart(kv: KeyValue, textWidth: number, em: number, width: (text: string) => number): number {
  const longest = Math.max(0, ...kv.rows.flatMap((r) => r.value.split('\n').map(width)));
  const wanted = kv.left * textWidth;
  return Math.max(0, Math.min(wanted, textWidth - kv.keyWidth * em - longest));
}

export function tableTextSize(t: Table, fontSize: number): number {
  return t.size ?? fontSize * STYLE.table.sizeScale;
}

/**
 * Column widths in points: each column its share of `total`, except that a `fit` column gets at
 * least what its widest unbreakable piece needs (a 「10000」 in the No. column, a date), taken from
 * the others in proportion to their shares.
 */
export function columnWidths(t: Table, total: number, size: number, advance: Measure): number[] {
  const shares = t.columns.map((c) => c.width * total);
  const pad = 2 * STYLE.table.padding;
  const measure: Measure = (g: string) => advance(g) * size;
  const unit = advance.unit;
  if (unit) measure.unit = (code) => unit(code) * size;
  // Half a point to spare: the line breaker compares sums of floating-point widths.
  const needs = t.columns.map((c, i) => (c.fit ? widestPiece(t.rows, i, measure) + pad + 0.5 : 0));
  const extra = shares.reduce((sum, w, i) => sum + Math.max(0, needs[i] - w), 0);
  if (extra === 0) return shares;
  const givers = shares.reduce((sum, w, i) => sum + (t.columns[i].fit ? 0 : w), 0);
  return shares.map((w, i) => (t.columns[i].fit ? Math.max(w, needs[i]) : w - (extra * w) / givers));
}

/** The widest unbreakable piece of column i's cells: a loop, where spreading 100,000 rows' widths into Math.max overflows the stack. */
function widestPiece(rows: string[][], i: number, measure: Measure): number {
  let widest = 0;
  for (const row of rows) widest = Math.max(widest, minContentWidth(row[i] ?? '', measure));
  return widest;
}

function measureTable(t: Table, f: Frame): MeasuredTable {
  const size = tableTextSize(t, f.doc.fontSize);
  const lineH = size * STYLE.table.lineHeight;
  const pad = STYLE.table.padding;
  const widths = columnWidths(t, f.textWidth, size, f.fonts.measureAt(1));
  const xs: number[] = [];
  widths.reduce((x, w) => (xs.push(x), x + w), f.left);
  const wrapped = widths.map(() => new Map<string, string[]>());
  const cellLines = (row: string[]) => row.map((cell, c) => wrapCell(wrapped[c], cell ?? '', (text) => f.wrap(text, widths[c] - 2 * pad, size)));
  const header = t.headerRow !== false ? cellLines(t.columns.map((c) => c.header)) : [];
  const headerH = header.length ? tallest(header) * lineH + 2 * pad : 0;
  return { kind: 'table', block: t, size, lineH, pad, xs, widths, header, headerH, rows: t.rows.map(cellLines) };
}

/**
 * A cell's lines, broken once per column for each distinct text: a big table repeats its cells (a
 * 10,000-work evidence table has one public-notice text in every row, and a hundred 照会 texts),
 * and breaking them again was two thirds of its layout. The lines are the same for the same text,
 * width and size (breakLines is a pure function of them); the arrays are shared between rows and
 * never changed (arrange only reads and slices them).
 */
function wrapCell(column: Map<string, string[]>, text: string, wrap: (text: string) => string[]): string[] {
  let lines = column.get(text);
  if (lines === undefined) column.set(text, (lines = wrap(text)));
  return lines;
}

/** The most lines a cell of the row has (at least 1): a loop, asked twice for each row, where a spread made an array each time. */
function tallest(cells: string[][]): number {
  let most = 1;
  for (const lines of cells) if (lines.length > most) most = lines.length;
  return most;
}

// ── Step 2: arrange ────────────────────────────────────────────────────────────────────────────

class Arrangement {
  private readonly pages: PagePlan[] = [];
  private page!: PagePlan;
  /** Distance from the top of the page to the next free line. */
  private y = 0;

  constructor(private readonly f: Frame, private readonly blocks: Measured[]) {}

  run(): PagePlan[] {
    this.newPage();
    this.blocks.forEach((m, i) => this.place(m, i));
    if (this.f.doc.pageNumbers && this.pages.length > 1) this.numberPages();
    return this.pages;
  }

  private place(m: Measured, i: number): void {
    switch (m.kind) {
      case 'paragraph': return this.paragraph(m, this.startHeight(i));
      case 'keyValue': return this.keyValue(m);
      case 'box': return this.box(m.block);
      case 'table': return this.table(m);
      case 'pageBreak': return this.newPage();
      case 'image': return this.image(m.block);
      case 'pdfPages': return this.pdfPages(m.block);
      default: return unhandledBlock(m);
    }
  }

  private newPage(): void {
    this.page = { width: this.f.width, height: this.f.height, ops: [] };
    this.pages.push(this.page);
    this.y = this.f.top;
  }

  private ensure(space: number): void {
    if (this.y + space > this.f.bottom && this.y > this.f.top) this.newPage();
  }

  /**
   * Text whose line starts `top` below the page top, centred in a body line's height (a larger
   * title line keeps its extra height below it).
   */
  private text(x: number, top: number, size: number, text: string, bold?: boolean): void {
    if (text === '') return;
    this.drawText(x, this.f.height - (top + (this.f.lh - size) / 2 + size * STYLE.ascent), size, text, bold);
  }

  /**
   * A line of text at a baseline (PDF coordinates). A character the first font lacks is drawn from
   * the next font that has it, run by run; only then are widths needed here (a caller that wants
   * the line's width measures it: a table's lines, most of a long document, never do).
   */
  private drawText(x: number, y: number, size: number, text: string, bold?: boolean): void {
    // One face (no font named: most documents) draws the line as it is, without cutting it into
    // runs: an array, an object and an iterator less for each of a 10,000-work table's 270,000 lines.
    const hy = hundredths(y);
    const hsize = hundredths(size);
    if (this.f.fonts.faces.length === 1) {
      const hx = hundredths(x);
      this.page.ops.push(bold ? { op: 'text', x: hx, y: hy, size: hsize, text, bold } : { op: 'text', x: hx, y: hy, size: hsize, text });
      return;
    }
    const runs = this.f.fonts.runs(text);
    for (let i = 0; i < runs.length; i++) {
      const run = runs[i];
      // Each run's x is summed in points and rounded once, as the writer rounded it.
      const op: DrawOp = { op: 'text', x: hundredths(x), y: hy, size: hsize, text: run.text };
      if (run.face !== 0) op.font = run.face;
      if (bold) op.bold = true;
      this.page.ops.push(op);
      if (i < runs.length - 1) x += this.f.fonts.textWidth(run.text, size);
    }
  }

  /** How much room block i needs at once: all of a kept chain of headings and the start of what follows. */
  private startHeight(i: number): number {
    const m = this.blocks[i];
    if (!m) return 0;
    switch (m.kind) {
      case 'paragraph': {
        const p = m.block;
        const before = (p.before ?? 0) * this.f.lh;
        const whole = m.lines.length <= STYLE.keep.paragraphLines;
        const own = before + Math.min(m.lines.length, STYLE.keep.paragraphLines) * m.lineHeight;
        // A kept heading takes with it what the next block will itself ask for: its first lines, or
        // the next heading of the chain and what that one asks for.
        if (!p.keepWithNext || !whole || this.blocks[i + 1]?.kind === 'pageBreak') return own;
        return own + (p.after ?? 0) * this.f.lh + this.startHeight(i + 1);
      }
      case 'table': {
        const first = m.rows.length ? tallest(m.rows[0]) : 1;
        return (m.block.before ?? 0) * this.f.lh + m.headerH + Math.min(first, STYLE.keep.rowLines) * m.lineH + 2 * m.pad;
      }
      case 'keyValue': return (m.block.before ?? 0) * this.f.lh + this.f.lh;
      case 'box': return m.block.heightMm * MM;
      case 'image': case 'pdfPages': case 'pageBreak': return 0;
      default: return unhandledBlock(m);
    }
  }

  /** `need`: the room to find on this page first, its space before included (see startHeight). */
  private paragraph(m: MeasuredParagraph, need: number): void {
    const p = m.block;
    this.y += (p.before ?? 0) * this.f.lh;
    this.ensure(need - (p.before ?? 0) * this.f.lh);
    m.lines.forEach((line, n) => {
      this.ensure(m.lineHeight);
      if (n === 0 && p.label) this.text(m.x0, this.y, m.size, p.label);
      this.line(m, line, n);
      this.y += m.lineHeight;
    });
    this.y += (p.after ?? 0) * this.f.lh;
  }

  /** One line of a paragraph, run by run: bold, underlined and fill runs drawn as they say. */
  private line(m: MeasuredParagraph, runs: Run[], n: number): void {
    const p = m.block;
    const widths = runs.map((r) => this.f.measureText(r.text, r.size ?? m.size));
    const w = widths.reduce((sum, rw) => sum + rw, 0);
    let x = p.align === 'center' ? (this.f.left + this.f.right - w) / 2
      : p.align === 'right' ? this.f.right - w
      : m.textX + (n === 0 ? m.firstIndent : 0);
    runs.forEach((r, i) => {
      const size = r.size ?? m.size;
      this.text(x, this.y, size, r.text, r.bold);
      const end = r.fill ? this.f.right : x + (r.text === '' ? 0 : widths[i]);
      if (r.underline || r.fill) {
        // The rule sits a little below the baseline, as a pen would underline.
        const y = this.f.height - (this.y + (this.f.lh - size) / 2 + size * STYLE.ascent + size * STYLE.underline.drop);
        const start = r.fill ? x + m.size * STYLE.underline.fillGap : x;
        const hy = hundredths(y);
        this.page.ops.push({ op: 'line', x1: hundredths(start), y1: hy, x2: hundredths(end), y2: hy, lineWidth: hundredths(STYLE.fillRule) });
      }
      x = end;
    });
  }

  private keyValue(m: MeasuredKeyValue): void {
    this.y += (m.block.before ?? 0) * this.f.lh;
    for (const row of m.rows) {
      row.lines.forEach((line, i) => {
        this.ensure(this.f.lh);
        if (i === 0) this.text(m.x0, this.y, this.f.em, row.key);
        this.text(m.valueX, this.y, this.f.em, line);
        this.y += this.f.lh;
      });
    }
  }

  private box(s: Box): void {
    const f = this.f;
    const w = s.widthMm * MM;
    const h = s.heightMm * MM;
    this.ensure(h);
    const x = f.left;
    const top = this.y;
    this.page.ops.push({ op: 'rect', x: hundredths(x), y: hundredths(f.height - top - h), w: hundredths(w), h: hundredths(h), lineWidth: hundredths(STYLE.box.rule) });
    const inset = STYLE.box.insetMm * MM;
    for (const line of s.lines) {
      const lineTop = line.place === 'top' ? top + inset - (f.lh - line.size) / 2
        : line.place === 'middle' ? top + h / 2 - f.lh / 2
        : top + h - f.lh + (f.lh - line.size) / 2 - inset;
      this.text(x + (w - f.measureText(line.text, line.size)) / 2, lineTop, line.size, line.text);
    }
    if (s.beside) {
      // Set at the right margin, wrapped in the room the box leaves.
      const room = f.right - (x + w + STYLE.box.besideGapMm * MM);
      f.wrap(s.beside, room, f.em).forEach((line, i) =>
        this.text(f.right - f.measureText(line, f.em), top + i * f.lh, f.em, line));
    }
    this.y = top + h + f.lh * STYLE.box.after;
  }

  private table(m: MeasuredTable): void {
    const t = m.block;
    const f = this.f;
    this.ensure(this.startHeight(this.blocks.indexOf(m)));
    this.y += (t.before ?? 0) * f.lh;
    const withHeader = m.header.length > 0;
    const startPage = () => {
      this.newPage();
      if (withHeader) this.row(m, m.header, true);
    };
    if (withHeader) this.row(m, m.header, true);
    // Lines a row may take on a page of its own, under the heading row.
    const capacity = Math.floor((f.bottom - f.top - m.headerH - 2 * m.pad) / m.lineH);
    const fits = () => Math.floor((f.bottom - this.y - 2 * m.pad) / m.lineH);
    const atPageTop = () => this.y <= f.top + m.headerH + 0.01;
    m.rows.forEach((cells, r) => {
      const needed = tallest(cells);
      if (needed <= fits()) return this.row(m, cells, false);
      // A row that fits on a page moves there whole.
      if (needed <= capacity && !atPageTop()) {
        startPage();
        return this.row(m, cells, false);
      }
      this.splitRow(m, r, cells, capacity, fits, atPageTop, startPage);
    });
    this.y += f.lh * STYLE.table.after;
  }

  /**
   * A row taller than a whole page: as much as fits here, the rest on the next pages, each
   * continuation carrying the row's identifying cells (No. and title) marked （続き）.
   */
  private splitRow(m: MeasuredTable, r: number, cells: string[][], capacity: number, fits: () => number,
    atPageTop: () => boolean, startPage: () => void): void {
    if (fits() < STYLE.keep.rowLines && !atPageTop()) startPage();
    const identifying = m.block.columns.map((c, i) => (c.identifies ? i : -1)).filter((i) => i >= 0);
    const lastId = identifying[identifying.length - 1];
    const repeated = identifying.map((c) => this.f.wrap(`${m.block.rows[r][c] ?? ''}${c === lastId ? '（続き）' : ''}`, m.widths[c] - 2 * m.pad, m.size));
    // Repeating them must leave room to go on, or the row would never end.
    const repeat = tallest(repeated) < capacity / 2;
    let remaining = cells;
    for (;;) {
      const room = fits();
      if (tallest(remaining) <= room || room < 1) {
        this.row(m, remaining, false); // the end of the row (or a heading taller than the page: nothing better to do)
        return;
      }
      this.row(m, remaining.map((l) => l.slice(0, room)), false);
      remaining = remaining.map((l, c) => {
        const rest = l.slice(room);
        const k = identifying.indexOf(c);
        return repeat && k >= 0 && rest.length === 0 ? repeated[k] : rest;
      });
      startPage();
    }
  }

  private row(m: MeasuredTable, lines: string[][], header: boolean): void {
    const f = this.f;
    const h = tallest(lines) * m.lineH + 2 * m.pad;
    lines.forEach((cellText, c) => {
      this.page.ops.push({ op: 'rect', x: hundredths(m.xs[c]), y: hundredths(f.height - this.y - h), w: hundredths(m.widths[c]), h: hundredths(h),
        lineWidth: hundredths(header ? STYLE.table.headerRule : STYLE.table.bodyRule) });
      const align = header ? 'center' : m.block.columns[c].align ?? 'left';
      cellText.forEach((line, i) => {
        if (line === '') return;
        // Only centred and right-aligned lines need their width (most cells are set left).
        const x = align === 'left' ? m.xs[c] + m.pad
          : align === 'center' ? m.xs[c] + (m.widths[c] - f.measureText(line, m.size)) / 2
          : m.xs[c] + m.widths[c] - m.pad - f.measureText(line, m.size);
        const baseline = this.y + m.pad + i * m.lineH + (m.lineH - m.size) / 2 + m.size * STYLE.ascent;
        this.drawText(x, f.height - baseline, m.size, line);
      });
    });
    this.y += h;
  }

  /** The caption, then the picture as large as the rest of the page allows, centred, never enlarged past 2×. */
  private image(img: Image): void {
    const f = this.f;
    if (this.y > f.top + (f.bottom - f.top) * STYLE.imageNewPageAt) this.newPage();
    const caption = measureParagraph({ kind: 'paragraph', text: img.caption, after: STYLE.image.captionAfter }, f);
    this.paragraph(caption, caption.lines.length * caption.lineHeight);
    const roomW = f.right - f.left;
    const roomH = f.bottom - this.y;
    const { w, h } = fitImage(img, roomW, roomH);
    this.page.ops.push({ op: 'image', x: f.left + (roomW - w) / 2, y: f.height - this.y - h, w, h, image: img });
    this.y += h;
  }

  /** Each page of the PDF on a page of its own, under the caption, as large as the room allows. */
  private pdfPages(source: PdfPages): void {
    const f = this.f;
    source.pages.forEach((size, index) => {
      if (this.y > f.top) this.newPage();
      const count = source.pages.length > 1 ? `（${index + 1}/${source.pages.length}）` : '';
      const caption = measureParagraph({ kind: 'paragraph', text: `${source.caption}${count}`, after: STYLE.image.captionAfter }, f);
      this.paragraph(caption, caption.lines.length * caption.lineHeight);
      const roomW = f.right - f.left;
      const { w, h } = fitPage(size, roomW, f.bottom - this.y);
      this.page.ops.push({ op: 'pdfPage', x: f.left + (roomW - w) / 2, y: f.height - this.y - h, w, h, source, index });
      this.y += h;
    });
  }

  private numberPages(): void {
    const f = this.f;
    const n = this.pages.length;
    const size = f.doc.fontSize * STYLE.pageNumber.sizeScale;
    this.pages.forEach((page, i) => {
      const label = `${i + 1} / ${n}`;
      page.ops.push({ op: 'text', x: hundredths((f.width - f.measureText(label, size)) / 2), y: hundredths((f.height - f.bottom) / 2), size: hundredths(size), text: label });
    });
  }
}
