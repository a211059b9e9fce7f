/**
 * Lays the blocks of a document out on pages: line breaking with 禁則, hanging labels, tables whose
 * rows continue on the next page under a repeated header. The result is a list of drawing
 * operations per page, in PDF points from the bottom left, which the PDF writer turns into bytes.
 */
import {
  fitImage, MM, pageSizePt, type Block, type DocumentModel, type Image, type KeyValue, type Paragraph, type SignatureLine,
  type StampBox, type Table,
} from '../model/document.js';
import { breakLines } from '../typeset/kinsoku.js';
import { fontChain, type FontChain } from '../typeset/fonts.js';

export type DrawOp =
  /** `font`: the face of the document's font chain that draws the text (0, IPAex Mincho, when absent). */
  | { op: 'text'; x: number; y: number; size: number; text: string; font?: number }
  | { op: 'rect'; x: number; y: number; w: number; h: number; lineWidth: number }
  | { op: 'line'; x1: number; y1: number; x2: number; y2: number; lineWidth: number }
  | { op: 'image'; x: number; y: number; w: number; h: number; image: Image };

export interface PagePlan {
  width: number;
  height: number;
  ops: DrawOp[];
}

/** Where the baseline sits in a line box, as a fraction of the font size from the box top. */
const ASCENT = 0.88;

export function layoutDocument(doc: DocumentModel): PagePlan[] {
  return new Layout(doc).run();
}

class Layout {
  private readonly pages: PagePlan[] = [];
  private page!: PagePlan;
  /** Distance from the top of the page to the next free line. */
  private y = 0;
  private readonly width: number;
  private readonly height: number;
  private readonly top: number;
  private readonly bottom: number;
  private readonly left: number;
  private readonly right: number;
  private readonly em: number;
  private readonly lh: number;
  private readonly fonts: FontChain;

  constructor(private readonly doc: DocumentModel) {
    this.fonts = fontChain(doc.fonts);
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

  run(): PagePlan[] {
    this.newPage();
    this.doc.blocks.forEach((block, i) => this.block(block, this.doc.blocks[i + 1]));
    if (this.doc.pageNumbers && this.pages.length > 1) this.numberPages();
    return this.pages;
  }

  private newPage(): void {
    this.page = { width: this.width, height: this.height, ops: [] };
    this.pages.push(this.page);
    this.y = this.top;
  }

  private ensure(space: number): void {
    if (this.y + space > this.bottom && this.y > this.top) this.newPage();
  }

  private text(x: number, top: number, size: number, text: string): void {
    if (text === '') return;
    this.drawText(x, this.height - (top + (this.lh - size) / 2 + size * ASCENT), size, text);
  }

  /** A line of text at a baseline (PDF coordinates). */
  private drawText(x: number, y: number, size: number, text: string): void {
    // A character the first font lacks is drawn from the next font that has it, run by run.
    for (const run of this.fonts.runs(text)) {
      this.page.ops.push(run.face === 0 ? { op: 'text', x, y, size, text: run.text } : { op: 'text', x, y, size, text: run.text, font: run.face });
      x += this.fonts.textWidth(run.text, size);
    }
  }

  private textWidth(text: string, size: number): number {
    return this.fonts.textWidth(text, size);
  }

  private block(block: Block, next: Block | undefined): void {
    switch (block.kind) {
      case 'paragraph': return this.paragraph(block, next);
      case 'keyValue': return this.keyValue(block);
      case 'stampBox': return this.stampBox(block);
      case 'table': return this.table(block);
      case 'signatureLine': return this.signatureLine(block);
      case 'pageBreak': return this.newPage();
      case 'image': return this.image(block);
    }
  }

  private wrap(text: string, width: number, size: number, firstIndent = 0): string[] {
    return breakLines(text, width, (g) => this.fonts.advance(g) * size, firstIndent);
  }

  private paragraph(p: Paragraph, next: Block | undefined): void {
    const size = p.size ?? this.doc.fontSize;
    const lineHeight = Math.max(this.lh, size * this.doc.lineHeight);
    const x0 = this.left + (p.indent ?? 0) * this.em;
    const labelWidth = p.label ? hangWidth(this.textWidth(p.label, size), this.em) : 0;
    const textX = x0 + labelWidth;
    const firstIndent = (p.firstLine ?? 0) * this.em;
    const lines = p.text === '' ? [''] : this.wrap(p.text, this.right - textX, size, firstIndent);
    this.y += (p.before ?? 0) * this.lh;
    // A heading kept with what follows needs room for itself and the start of what follows: a line,
    // or a table's heading and first row.
    const keep = !p.keepWithNext || !next || next.kind === 'pageBreak' ? 0
      : next.kind === 'table' ? this.tableStart(next).height : lineHeight;
    this.ensure(Math.min(lines.length, 6) * lineHeight + keep);
    lines.forEach((line, i) => {
      this.ensure(lineHeight);
      if (i === 0 && p.label) this.text(x0, this.y, size, p.label);
      const w = this.textWidth(line, size);
      const indent = i === 0 ? firstIndent : 0;
      const x = p.align === 'center' ? (this.left + this.right - w) / 2
        : p.align === 'right' ? this.right - w
        : textX + indent;
      this.text(x, this.y, size, line);
      this.y += lineHeight;
    });
    this.y += (p.after ?? 0) * this.lh;
  }

  private keyValue(kv: KeyValue): void {
    this.y += (kv.before ?? 0) * this.lh;
    const x0 = this.left + kv.left * (this.right - this.left);
    const valueX = x0 + kv.keyWidth * this.em;
    for (const row of kv.rows) {
      const lines = this.wrap(row.value, this.right - valueX, this.em);
      lines.forEach((line, i) => {
        this.ensure(this.lh);
        if (i === 0) this.text(x0, this.y, this.em, row.key);
        this.text(valueX, this.y, this.em, line);
        this.y += this.lh;
      });
    }
  }

  private stampBox(s: StampBox): void {
    const w = s.widthMm * MM;
    const h = s.heightMm * MM;
    this.ensure(h);
    const x = this.left;
    const top = this.y;
    this.page.ops.push({ op: 'rect', x, y: this.height - top - h, w, h, lineWidth: 0.8 });
    const centre = (text: string, size: number, lineTop: number) =>
      this.text(x + (w - this.textWidth(text, size)) / 2, lineTop, size, text);
    centre(s.label, 9, top + 2 * MM - (this.lh - 9) / 2);
    centre(s.amount, 14, top + h / 2 - this.lh / 2);
    if (s.breakdown) centre(s.breakdown, 7.5, top + h - this.lh + (this.lh - 7.5) / 2 - 2 * MM);
    if (s.aside) {
      // The date sits top right, beside the box: wrap it in the space the box leaves.
      const room = this.right - (x + w + 4 * MM);
      this.wrap(s.aside, room, this.em).forEach((line, i) =>
        this.text(this.right - this.textWidth(line, this.em), top + i * this.lh, this.em, line));
    }
    this.y = top + h + this.lh * 0.5;
  }

  private signatureLine(s: SignatureLine): void {
    this.y += (s.before ?? 0) * this.lh;
    this.ensure(this.lh * 1.5);
    const x0 = this.left + s.left * (this.right - this.left);
    this.y += this.lh * 0.5;
    this.text(x0, this.y, this.em, s.label);
    const lineY = this.height - (this.y + this.lh - 2);
    this.page.ops.push({ op: 'line', x1: x0 + this.textWidth(s.label, this.em) + this.em * 0.5, y1: lineY, x2: this.right, y2: lineY, lineWidth: 0.5 });
    this.y += this.lh;
  }

  /** A table's measures, and the room its start takes: the heading row and the first row (or two lines of it). */
  private tableStart(t: Table) {
    const size = t.size ?? this.doc.fontSize * 0.9;
    const lineH = size * 1.45;
    const pad = 3;
    const totalW = this.right - this.left;
    const xs: number[] = [];
    t.columns.reduce((x, c) => (xs.push(x), x + c.width * totalW), this.left);
    const widths = t.columns.map((c) => c.width * totalW);
    const cellLines = (row: string[]) => row.map((cell, c) => this.wrap(cell ?? '', widths[c] - 2 * pad, size));
    const withHeader = t.headerRow !== false;
    const header = withHeader ? cellLines(t.columns.map((c) => c.header)) : [];
    const headerH = withHeader ? Math.max(...header.map((l) => l.length)) * lineH + 2 * pad : 0;
    const firstLines = t.rows.length ? Math.max(1, ...cellLines(t.rows[0]).map((l) => l.length)) : 1;
    // The least a row is split into is two lines, so the start never leaves a heading alone at a page foot.
    const height = headerH + Math.min(firstLines, 2) * lineH + 2 * pad + (t.before ?? 0) * this.lh;
    return { size, lineH, pad, xs, widths, cellLines, withHeader, header, headerH, height };
  }

  private table(t: Table): void {
    const { size, lineH, pad, xs, widths, cellLines, withHeader, header, headerH, height } = this.tableStart(t);
    this.ensure(height);
    this.y += (t.before ?? 0) * this.lh;

    const drawRow = (lines: string[][], header: boolean) => {
      const rows = Math.max(1, ...lines.map((l) => l.length));
      const h = rows * lineH + 2 * pad;
      lines.forEach((cellText, c) => {
        this.page.ops.push({ op: 'rect', x: xs[c], y: this.height - this.y - h, w: widths[c], h, lineWidth: header ? 0.8 : 0.5 });
        cellText.forEach((line, i) => {
          const align = header ? 'center' : t.columns[c].align ?? 'left';
          // Only centred and right-aligned lines need their width (most cells are set left).
          const x = align === 'left' ? xs[c] + pad
            : align === 'center' ? xs[c] + (widths[c] - this.textWidth(line, size)) / 2
            : xs[c] + widths[c] - pad - this.textWidth(line, size);
          const baseline = this.y + pad + i * lineH + (lineH - size) / 2 + size * ASCENT;
          if (line !== '') this.drawText(x, this.height - baseline, size, line);
        });
      });
      this.y += h;
    };

    const startPage = () => {
      this.newPage();
      if (withHeader) drawRow(header, true);
    };
    if (withHeader) drawRow(header, true);
    for (const row of t.rows) {
      let remaining = cellLines(row);
      // A row too tall for what is left of the page continues on the next, under the header again.
      for (;;) {
        const needed = Math.max(1, ...remaining.map((l) => l.length));
        const fits = Math.floor((this.bottom - this.y - 2 * pad) / lineH);
        if (needed <= fits) {
          drawRow(remaining, false);
          break;
        }
        const atPageTop = this.y <= this.top + headerH + 0.01;
        if (fits < 2 && !atPageTop) {
          startPage(); // too little room left to be worth splitting: start the row afresh
          continue;
        }
        if (fits < 1) {
          drawRow(remaining, false); // a header taller than the page: nothing better to do than draw
          break;
        }
        drawRow(remaining.map((l) => l.slice(0, fits)), false);
        remaining = remaining.map((l) => l.slice(fits));
        startPage();
      }
    }
    this.y += this.lh * 0.5;
  }

  /** The caption, then the picture as large as the rest of the page allows, centred, never enlarged past 2×. */
  private image(img: Image): void {
    if (this.y > this.top + (this.bottom - this.top) * 0.4) this.newPage();
    this.paragraph({ kind: 'paragraph', text: img.caption, after: 0.5 }, undefined);
    const roomW = this.right - this.left;
    const roomH = this.bottom - this.y;
    const { w, h } = fitImage(img, roomW, roomH);
    this.page.ops.push({ op: 'image', x: this.left + (roomW - w) / 2, y: this.height - this.y - h, w, h, image: img });
    this.y += h;
  }

  private numberPages(): void {
    const n = this.pages.length;
    const size = this.doc.fontSize * 0.85;
    this.pages.forEach((page, i) => {
      const label = `${i + 1} / ${n}`;
      page.ops.push({ op: 'text', x: (this.width - this.textWidth(label, size)) / 2, y: (this.height - this.bottom) / 2, size, text: label });
    });
  }
}

/** Width a hanging label occupies: its own width plus a gap, rounded up to half an em. */
export function hangWidth(labelWidth: number, em: number): number {
  return Math.ceil((labelWidth + em * 0.5) / (em * 0.5)) * em * 0.5;
}
