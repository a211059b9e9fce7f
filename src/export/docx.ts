/**
 * DOCX renderer: the same blocks as the PDF, as an editable Word document. Facts learnt the hard
 * way (README, How it is built): all four font slots and the East Asian language must be set, header rows repeat
 * with tableHeader, and a stamp box is a fixed-height table cell (a framed paragraph next to a
 * floating table is dropped by LibreOffice). The document carries the subset of IPAex Mincho it
 * uses (docx-font.ts), so a PC without the font shows the same glyphs.
 */
import {
  AlignmentType, BorderStyle, CharacterSet, Document, Footer, HeightRule, ImageRun, LineRuleType, Packer, PageNumber, PageOrientation, Paragraph,
  Table, TableCell, TableLayoutType, TableRow, TabStopType, TextRun, VerticalAlign, WidthType,
  type IBorderOptions, type ParagraphChild,
} from 'docx';
import {
  A4_PT, fitImage, runsOf, unhandledBlock, type Align, type Block, type Box, type DocumentModel, type Image, type KeyValue,
  type Paragraph as Para, type Run, type Table as TableBlock,
} from '../model/document.js';
import { setEmbeddedFontKey } from '../base/patches.js';
import { STYLE } from '../model/style.js';
import type { FontBook, FontChain } from '../typeset/fonts.js';
import { columnWidths, hangWidth, keyValueStart, tableTextSize } from '../layout/layout.js';
import { documentCharacters, embeddedFont } from './docx-font.js';
import { coreProperties, pinZipDates } from './zip.js';

const twip = (pt: number) => Math.round(pt * 20);
const mmTwip = (mm: number) => Math.round((mm / 25.4) * 1440);
const half = (pt: number) => Math.round(pt * 2);

const ALIGN: Record<Align, (typeof AlignmentType)[keyof typeof AlignmentType]> = {
  left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT,
};

const NONE: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const LINE: IBorderOptions = { style: BorderStyle.SINGLE, size: STYLE.docx.ruleEighths, color: '000000' };
const noBorders = { top: NONE, bottom: NONE, left: NONE, right: NONE };
const allBorders = { top: LINE, bottom: LINE, left: LINE, right: LINE };

/**
 * A run's language, by script: w:lang's `val` is the language of its Latin letters and digits,
 * `eastAsia` that of its kana and kanji, and a word processor applies each to the characters of its
 * script. Latin text in an English paper is English: tagged Japanese, LibreOffice breaks a line
 * anywhere inside a Latin word (「Interlibrar / y」, 「2 / 026」), as Japanese allows between kana.
 * Japanese text is Japanese in every paper, so its line breaking keeps 禁則.
 */
const language = (doc: DocumentModel) => ({ value: doc.language === 'en' ? 'en-US' : 'ja-JP', eastAsia: 'ja-JP' });

/** `fonts`: the session's font book (IPAex Mincho measures the DOCX's placements, and its subset is embedded). */
export async function renderDocx(doc: DocumentModel, fonts: FontBook): Promise<Uint8Array> {
  const r = new DocxRenderer(doc, fonts.chain());
  const font = await embeddedFont(documentCharacters(doc), fonts);
  const document = new Document({
    fonts: [{ name: font.name, data: font.data, characterSet: CharacterSet.JIS }],
    styles: {
      default: {
        document: {
          run: { font: { ascii: font.name, hAnsi: font.name, eastAsia: font.name, cs: font.name }, size: half(doc.fontSize), language: language(doc) },
          paragraph: { spacing: { line: Math.round(240 * doc.lineHeight * STYLE.docx.lineFactor), before: 0, after: 0 } },
        },
      },
    },
    sections: [{
      properties: {
        page: {
          size: { width: twip(A4_PT.width), height: twip(A4_PT.height),
            orientation: doc.page.orientation === 'landscape' ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT },
          margin: { top: mmTwip(doc.page.marginsMm[0]), right: mmTwip(doc.page.marginsMm[1]), bottom: mmTwip(doc.page.marginsMm[2]), left: mmTwip(doc.page.marginsMm[3]) },
        },
      },
      footers: doc.pageNumbers ? { default: pageNumberFooter(doc.fontSize * STYLE.pageNumber.sizeScale) } : undefined,
      children: r.blocks(),
    }],
  });
  // docx obfuscates the embedded font with a random key when the document is made, and states it in
  // its font table: the font file is packed with our key instead (docx reads it when packing), and
  // the font table stating it replaces docx's. Then the same document gives the same bytes.
  setEmbeddedFontKey(document, font.key);
  // core.xml is replaced by one with a fixed date (docx stamps the time of writing), so is each zip entry's date.
  const packed = await Packer.toBuffer(document, false, [
    { path: 'docProps/core.xml', data: coreProperties(doc.title) },
    { path: 'word/fontTable.xml', data: font.fontTable },
  ]);
  return pinZipDates(new Uint8Array(packed));
}

function pageNumberFooter(size: number): Footer {
  return new Footer({
    children: [new Paragraph({ alignment: AlignmentType.CENTER,
      children: [new TextRun({ size: half(size), children: [PageNumber.CURRENT, ' / ', PageNumber.TOTAL_PAGES] })] })],
  });
}

/** Text with the user's newlines as line breaks. */
function runs(text: string, size?: number): ParagraphChild[] {
  return text.split('\n').map((t, i) => new TextRun({ text: t, break: i > 0 ? 1 : undefined, size: size ? half(size) : undefined }));
}

/**
 * Word and LibreOffice put a quarter em between kana or kanji and Latin letters or digits (the
 * paragraph's autospace, on by default), which the PDF does not: 「霞が関1丁目1番1号」 is 1.5 em wider
 * in Word. Where a block is placed by its text's width, that room is counted too (in em).
 */
function autospace(text: string): number {
  const boundaries = text.match(/(?<=[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}])[A-Za-z0-9]|(?<=[A-Za-z0-9])[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu);
  return (boundaries?.length ?? 0) * 0.25;
}

/**
 * A paragraph's styled runs. A fill run is a tab to the right margin, underlined: Word's own way of
 * drawing a line to sign on, which stretches with the page instead of counting spaces.
 */
function styledRuns(list: Run[], size: number): ParagraphChild[] {
  return list.flatMap((r) => {
    const look = { size: half(r.size ?? size), bold: r.bold || undefined, underline: r.underline || r.fill ? {} : undefined,
      language: r.lang === 'en' ? { value: 'en-US' } : undefined };
    if (r.fill) return [new TextRun({ text: '\u3000', size: look.size }), new TextRun({ text: '\t', ...look })];
    return r.text.split('\n').map((t, i) => new TextRun({ text: t, break: i > 0 ? 1 : undefined, ...look }));
  });
}

class DocxRenderer {
  private readonly textWidthPt: number;
  private readonly em: number;
  private readonly lineTwips: number;
  /** Drawing ids counted per document: docx's own counter runs on across documents, so a second render would differ. */
  private drawings = 0;

  constructor(private readonly doc: DocumentModel, private readonly ipaex: FontChain) {
    const pageW = doc.page.orientation === 'portrait' ? A4_PT.width : A4_PT.height;
    this.textWidthPt = pageW - ((doc.page.marginsMm[1] + doc.page.marginsMm[3]) / 25.4) * 72;
    this.em = doc.fontSize;
    this.lineTwips = twip(doc.fontSize * doc.lineHeight);
  }

  blocks(): (Paragraph | Table)[] {
    const out: (Paragraph | Table)[] = [];
    let pageBreakBefore = false;
    for (const block of this.doc.blocks) {
      if (block.kind === 'pageBreak') {
        pageBreakBefore = true;
        continue;
      }
      const made = this.block(block);
      if (pageBreakBefore) {
        out.push(new Paragraph({ pageBreakBefore: true, children: [] }));
        pageBreakBefore = false;
      }
      out.push(...made);
    }
    // A document cannot end with a table, so the paragraph after the last one stays; at full height
    // it took a page of its own when the table filled the last page (a blank page to print): 1 pt.
    const last = this.doc.blocks[this.doc.blocks.length - 1];
    if (last && (last.kind === 'table' || last.kind === 'box'))
      out[out.length - 1] = new Paragraph({ spacing: { before: 0, after: 0, line: 20, lineRule: LineRuleType.EXACT }, run: { size: 2 }, children: [] });
    return out;
  }

  private block(b: Exclude<Block, { kind: 'pageBreak' }>): (Paragraph | Table)[] {
    switch (b.kind) {
      case 'paragraph': return [this.paragraph(b)];
      case 'keyValue': return this.keyValue(b);
      case 'box': return [this.box(b), new Paragraph({ children: [] })];
      case 'table': return [this.table(b), new Paragraph({ children: [] })];
      case 'image': return this.image(b);
      // Word cannot carry another PDF's pages: the caption, and what the form says in their place.
      case 'pdfPages': return [new Paragraph({ spacing: this.spacing(0, STYLE.image.captionAfter), children: runs(b.caption) }),
        new Paragraph({ children: runs(b.standIn) })];
      default: return unhandledBlock(b);
    }
  }

  /** Caption, then the picture scaled like the PDF's: to the text width or a share of the text height (the style table's). */
  private image(img: Image): Paragraph[] {
    const pageH = this.doc.page.orientation === 'portrait' ? A4_PT.height : A4_PT.width;
    const textH = pageH - ((this.doc.page.marginsMm[0] + this.doc.page.marginsMm[2]) / 25.4) * 72;
    const { w, h } = fitImage(img, this.textWidthPt, textH * STYLE.image.docxHeightShare);
    const px = (pt: number) => Math.round((pt * 96) / 72);
    return [
      new Paragraph({ spacing: this.spacing(0, STYLE.image.captionAfter), children: runs(img.caption) }),
      new Paragraph({ alignment: AlignmentType.CENTER, children: [new ImageRun({
        type: img.format === 'png' ? 'png' : 'jpg', data: img.bytes,
        transformation: { width: px(w), height: px(h) },
        altText: { id: String(++this.drawings), name: img.caption, title: img.caption, description: img.caption },
      })] }),
    ];
  }

  private spacing(before?: number, after?: number) {
    return { before: Math.round((before ?? 0) * this.lineTwips), after: Math.round((after ?? 0) * this.lineTwips) };
  }

  private paragraph(p: Para): Paragraph {
    const size = p.size ?? this.doc.fontSize;
    const indent = twip((p.at ?? 0) * this.textWidthPt + (p.indent ?? 0) * this.em);
    const common = { alignment: ALIGN[p.align ?? 'left'], spacing: this.spacing(p.before, p.after), keepNext: p.keepWithNext };
    if (p.runs) {
      return new Paragraph({
        ...common,
        indent: { left: indent, firstLine: p.firstLine ? twip(p.firstLine * this.em) : undefined },
        tabStops: p.runs.some((r) => r.fill) ? [{ type: TabStopType.RIGHT, position: twip(this.textWidthPt) }] : undefined,
        children: [...(p.label ? [new TextRun({ text: `${p.label}\t`, size: half(size) })] : []), ...styledRuns(runsOf(p), size)],
      });
    }
    if (p.label) {
      const hang = twip(hangWidth(this.ipaex.textWidth(p.label, size), this.em));
      return new Paragraph({
        ...common,
        indent: { left: indent + hang, hanging: hang },
        tabStops: [{ type: TabStopType.LEFT, position: indent + hang }],
        children: [new TextRun({ text: `${p.label}\t`, size: half(size) }), ...runs(p.text, size)],
      });
    }
    return new Paragraph({
      ...common,
      indent: { left: indent, firstLine: p.firstLine ? twip(p.firstLine * this.em) : undefined },
      children: runs(p.text, size),
    });
  }

  private keyValue(kv: KeyValue): Paragraph[] {
    const left = twip(keyValueStart(kv, this.textWidthPt, this.em, (t) => this.ipaex.textWidth(t, this.em) + autospace(t) * this.em));
    const key = twip(kv.keyWidth * this.em);
    return kv.rows.map((row, i) => new Paragraph({
      spacing: this.spacing(i === 0 ? kv.before : 0),
      indent: { left: left + key, hanging: key },
      tabStops: [{ type: TabStopType.LEFT, position: left + key }],
      children: [new TextRun({ text: `${row.key}\t` }), ...runs(row.value)],
    }));
  }

  private box(s: Box): Table {
    const boxW = mmTwip(s.widthMm);
    const total = twip(this.textWidthPt);
    const centred = (text: string, size: number) => new Paragraph({ alignment: AlignmentType.CENTER, children: runs(text, size) });
    const order = { top: 0, middle: 1, bottom: 2 };
    return new Table({
      layout: TableLayoutType.FIXED,
      width: { size: total, type: WidthType.DXA },
      columnWidths: [boxW, total - boxW],
      borders: { ...noBorders, insideHorizontal: NONE, insideVertical: NONE },
      rows: [new TableRow({
        height: { value: mmTwip(s.heightMm), rule: HeightRule.EXACT },
        children: [
          // A framed paragraph next to a floating table is dropped by LibreOffice: the box is a fixed-height cell.
          new TableCell({ width: { size: boxW, type: WidthType.DXA }, borders: allBorders, verticalAlign: VerticalAlign.CENTER,
            children: [...s.lines].sort((a, b) => order[a.place] - order[b.place]).map((l) => centred(l.text, l.size)) }),
          new TableCell({ width: { size: total - boxW, type: WidthType.DXA }, borders: noBorders,
            children: [new Paragraph({ alignment: AlignmentType.RIGHT, children: runs(s.beside ?? '') })] }),
        ],
      })],
    });
  }

  private table(t: TableBlock): Table {
    const size = tableTextSize(t, this.doc.fontSize);
    // The PDF layout's widths, so a fit column (No.) is as wide in Word as on the printed page.
    const widths = columnWidths(t, this.textWidthPt, size, (g) => this.ipaex.advance(g)).map(twip);
    const vertical = twip(STYLE.table.paddingDocxVertical);
    const side = twip(STYLE.table.padding);
    const cell = (text: string, i: number, align: Align) => new TableCell({
      width: { size: widths[i], type: WidthType.DXA }, borders: allBorders,
      margins: { top: vertical, bottom: vertical, left: side, right: side },
      children: [new Paragraph({ alignment: ALIGN[align], children: runs(text, size) })],
    });
    const header = new TableRow({ tableHeader: true, cantSplit: true, children: t.columns.map((c, i) => cell(c.header, i, 'center')) });
    return new Table({
      layout: TableLayoutType.FIXED,
      // As wide as its columns: a table may leave part of the text width free (an address label).
      width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
      columnWidths: widths,
      rows: [
        ...(t.headerRow === false ? [] : [header]),
        ...t.rows.map((row) => new TableRow({ children: row.map((text, i) => cell(text, i, t.columns[i].align ?? 'left')) })),
      ],
    });
  }
}
