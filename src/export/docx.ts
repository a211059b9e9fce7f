/**
 * DOCX renderer: the same blocks as the PDF, as an editable Word document. Facts learnt the hard
 * way (README, How it is built): all four font slots and the East Asian language must be set, header rows repeat
 * with tableHeader, and a stamp box is a fixed-height table cell (a framed paragraph next to a
 * floating table is dropped by LibreOffice). The document carries the subset of IPAex Mincho it
 * uses (docx-font.ts), so a PC without the font shows the same glyphs.
 *
 * The XML is written as text (wordml.ts) a block at a time, and a table a row at a time, straight
 * into the zip's compressor (docx-package.ts): nothing holds the whole document. The `docx` package
 * did this before by building an object for every element and then serialising it; for a
 * 10,000-work evidence table (70,000 cells, 49 MB of XML) that took 18.5 s and 1.8 GB.
 */
import {
  A4_PT, fitImage, runsOf, unhandledBlock, type Align, type Block, type Box, type DocumentModel, type Image, type KeyValue,
  type Paragraph as Para, type Run, type Table as TableBlock,
} from '../model/document.js';
import { STYLE } from '../model/style.js';
import type { FontBook, FontChain } from '../typeset/fonts.js';
import { columnWidths, hangWidth, keyValueStart, tableTextSize } from '../layout/layout.js';
import { documentCharacters, embeddedFont } from './docx-font.js';
import { FOOTER_RELATIONSHIP, mediaRelationship, packDocx, type Media } from './docx-package.js';
import {
  CELL_END, cellStart, inlinePicture, paragraph, PARAGRAPH_END, paragraphStart, runsInLook, TABLE_END, tableRow, tableStart, textRun, textRuns,
  type ParagraphLook, type Rule, type RunLook,
} from './wordml.js';

const twip = (pt: number) => Math.round(pt * 20);
const mmTwip = (mm: number) => Math.round((mm / 25.4) * 1440);
const half = (pt: number) => Math.round(pt * 2);

const NONE: Rule = { style: 'none', color: 'FFFFFF', eighths: 0 };
const LINE: Rule = { style: 'single', color: '000000', eighths: STYLE.docx.ruleEighths };

/**
 * A run's language, by script: w:lang's `val` is the language of its Latin letters and digits,
 * `eastAsia` that of its kana and kanji, and a word processor applies each to the characters of its
 * script. Latin text in an English paper is English: tagged Japanese, LibreOffice breaks a line
 * anywhere inside a Latin word (「Interlibrar / y」, 「2 / 026」), as Japanese allows between kana.
 * Japanese text is Japanese in every paper, so its line breaking keeps 禁則.
 */
const language = (doc: DocumentModel) => (doc.language === 'en' ? 'en-US' : 'ja-JP');

/** `fonts`: the session's font book (IPAex Mincho measures the DOCX's placements, and its subset is embedded). */
export async function renderDocx(doc: DocumentModel, fonts: FontBook): Promise<Uint8Array> {
  const font = await embeddedFont(documentCharacters(doc), fonts);
  const r = new DocxRenderer(doc, fonts.chain());
  return packDocx({
    title: doc.title,
    font,
    defaults: { size: half(doc.fontSize), language: language(doc), line: Math.round(240 * doc.lineHeight * STYLE.docx.lineFactor) },
    body: () => r.body(),
    media: r.media,
    footerSize: doc.pageNumbers ? half(doc.fontSize * STYLE.pageNumber.sizeScale) : undefined,
  });
}

/**
 * A paragraph's styled runs. A fill run is a tab to the right margin, underlined: Word's own way of
 * drawing a line to sign on, which stretches with the page instead of counting spaces.
 */
function styledRuns(list: Run[], size: number): string {
  return list.map((r) => {
    const look: RunLook = { size: half(r.size ?? size), bold: r.bold, underline: r.underline || r.fill, lang: r.lang === 'en' ? 'en-US' : undefined };
    if (r.fill) return textRun('\u3000', { size: look.size }) + textRun('\t', look);
    return textRuns(r.text, look);
  }).join('');
}

class DocxRenderer {
  private readonly textWidthPt: number;
  private readonly em: number;
  private readonly lineTwips: number;
  /** The pictures, in the order the body shows them. */
  readonly media: Media[];
  private pictures = 0;

  constructor(private readonly doc: DocumentModel, private readonly ipaex: FontChain) {
    const pageW = doc.page.orientation === 'portrait' ? A4_PT.width : A4_PT.height;
    this.textWidthPt = pageW - ((doc.page.marginsMm[1] + doc.page.marginsMm[3]) / 25.4) * 72;
    this.em = doc.fontSize;
    this.lineTwips = twip(doc.fontSize * doc.lineHeight);
    this.media = doc.blocks.flatMap((b) => (b.kind === 'image' ? [{ bytes: b.bytes, extension: b.format === 'png' ? 'png' as const : 'jpg' as const }] : []));
  }

  /** The body's XML, a piece at a time, then the section's settings (page size, margins, footer). */
  *body(): Generator<string> {
    const blocks = this.doc.blocks;
    let pageBreakBefore = false;
    for (let i = 0; i < blocks.length; i++) {
      const block = blocks[i];
      if (block.kind === 'pageBreak') {
        pageBreakBefore = true;
        continue;
      }
      if (pageBreakBefore) yield paragraph({ pageBreakBefore: true });
      pageBreakBefore = false;
      yield* this.block(block, i === blocks.length - 1);
    }
    yield this.section();
  }

  private section(): string {
    const [top, right, bottom, left] = this.doc.page.marginsMm.map(mmTwip);
    const [w, h] = [twip(A4_PT.width), twip(A4_PT.height)];
    const landscape = this.doc.page.orientation === 'landscape';
    return `<w:sectPr>${this.doc.pageNumbers ? `<w:footerReference w:type="default" r:id="${FOOTER_RELATIONSHIP}"/>` : ''}`
      + `<w:pgSz w:w="${landscape ? h : w}" w:h="${landscape ? w : h}" w:orient="${landscape ? 'landscape' : 'portrait'}"/>`
      + `<w:pgMar w:top="${top}" w:right="${right}" w:bottom="${bottom}" w:left="${left}" w:header="708" w:footer="708" w:gutter="0"/>`
      + '<w:pgNumType/><w:docGrid w:linePitch="360"/></w:sectPr>';
  }

  /**
   * A table or box is followed by an empty paragraph (Word needs one between two tables). A
   * document cannot end with a table, so after the last one the paragraph stays; at full height it
   * took a page of its own when the table filled the last page (a blank page to print): 1 pt.
   */
  private *block(b: Exclude<Block, { kind: 'pageBreak' }>, last: boolean): Generator<string> {
    const after = () => (last ? paragraph({ spacing: { before: 0, after: 0, line: 20, exact: true }, markSize: 2 }) : paragraph({}));
    switch (b.kind) {
      case 'paragraph': return yield this.paragraph(b);
      case 'keyValue': return yield this.keyValue(b);
      case 'box': return yield this.box(b) + after();
      case 'table': return yield* this.table(b, after);
      case 'image': return yield this.image(b);
      // Word cannot carry another PDF's pages: the caption, and what the form says in their place.
      case 'pdfPages': return yield paragraph({ spacing: this.spacing(0, STYLE.image.captionAfter) }, textRuns(b.caption)) + paragraph({}, textRuns(b.standIn));
      default: return unhandledBlock(b);
    }
  }

  /** Caption, then the picture scaled like the PDF's: to the text width or a share of the text height (the style table's). */
  private image(img: Image): string {
    const pageH = this.doc.page.orientation === 'portrait' ? A4_PT.height : A4_PT.width;
    const textH = pageH - ((this.doc.page.marginsMm[0] + this.doc.page.marginsMm[2]) / 25.4) * 72;
    const { w, h } = fitImage(img, this.textWidthPt, textH * STYLE.image.docxHeightShare);
    const px = (pt: number) => Math.round((pt * 96) / 72);
    const n = ++this.pictures;
    return paragraph({ spacing: this.spacing(0, STYLE.image.captionAfter) }, textRuns(img.caption))
      + paragraph({ align: 'center' }, inlinePicture(mediaRelationship(n), n, px(w), px(h), img.caption));
  }

  private spacing(before?: number, after?: number) {
    return { before: Math.round((before ?? 0) * this.lineTwips), after: Math.round((after ?? 0) * this.lineTwips) };
  }

  private paragraph(p: Para): string {
    const size = p.size ?? this.doc.fontSize;
    const look = { size: half(size) };
    const indent = twip((p.at ?? 0) * this.textWidthPt + (p.indent ?? 0) * this.em);
    const firstLine = p.firstLine ? twip(p.firstLine * this.em) : undefined;
    const common: ParagraphLook = { align: p.align ?? 'left', spacing: this.spacing(p.before, p.after), keepNext: p.keepWithNext };
    const label = p.label ? textRun(`${p.label}\t`, look) : '';
    if (p.runs) {
      const tabs = p.runs.some((r) => r.fill) ? [{ type: 'right' as const, pos: twip(this.textWidthPt) }] : undefined;
      return paragraph({ ...common, tabs, indent: { left: indent, firstLine } }, label + styledRuns(runsOf(p), size));
    }
    if (p.label) {
      const hang = twip(hangWidth(this.ipaex.textWidth(p.label, size), this.em));
      return paragraph({ ...common, tabs: [{ type: 'left', pos: indent + hang }], indent: { left: indent + hang, hanging: hang } }, label + textRuns(p.text, look));
    }
    return paragraph({ ...common, indent: { left: indent, firstLine } }, textRuns(p.text, look));
  }

  private keyValue(kv: KeyValue): string {
    const left = twip(keyValueStart(kv, this.textWidthPt, this.em, (t) => this.ipaex.textWidth(t, this.em) + autospace(t) * this.em));
    const key = twip(kv.keyWidth * this.em);
    return kv.rows.map((row, i) => paragraph(
      { tabs: [{ type: 'left', pos: left + key }], spacing: this.spacing(i === 0 ? kv.before : 0), indent: { left: left + key, hanging: key } },
      textRun(`${row.key}\t`) + textRuns(row.value),
    )).join('');
  }

  private box(s: Box): string {
    const boxW = mmTwip(s.widthMm);
    const total = twip(this.textWidthPt);
    const order = { top: 0, middle: 1, bottom: 2 };
    const lines = [...s.lines].sort((a, b) => order[a.place] - order[b.place])
      .map((l) => paragraph({ align: 'center' }, textRuns(l.text, { size: half(l.size) }))).join('');
    // A framed paragraph next to a floating table is dropped by LibreOffice: the box is a fixed-height cell.
    const cells = cellStart({ width: boxW, borders: LINE, middle: true }) + lines + CELL_END
      + cellStart({ width: total - boxW, borders: NONE }) + paragraph({ align: 'right' }, textRuns(s.beside ?? '')) + CELL_END;
    return tableStart([boxW, total - boxW], NONE) + tableRow({ exactHeight: mmTwip(s.heightMm) }, cells) + TABLE_END;
  }

  /**
   * A table, a row at a time. Its rules and cell margins are said once, for the table, and a cell
   * says only its width: written for each of 70,000 cells they were 70% of a 49 MB body.
   */
  private *table(t: TableBlock, after: () => string): Generator<string> {
    const size = tableTextSize(t, this.doc.fontSize);
    // The PDF layout's widths, so a fit column (No.) is as wide in Word as on the printed page.
    const widths = columnWidths(t, this.textWidthPt, size, (g) => this.ipaex.advance(g)).map(twip);
    const runs = runsInLook({ size: half(size) });
    // Each column's cell and paragraph start, made once. Left is a paragraph's default alignment: said only for the others.
    const starts = (align: (i: number) => Align) => widths.map((width, i) => cellStart({ width }) + paragraphStart({ align: align(i) === 'left' ? undefined : align(i) }));
    const row = (cells: string[], start: string[]) => cells.map((text, i) => `${start[i]}${runs(text)}${PARAGRAPH_END}${CELL_END}`).join('');
    // As wide as its columns: a table may leave part of the text width free (an address label).
    yield tableStart(widths, LINE, { vertical: twip(STYLE.table.paddingDocxVertical), side: twip(STYLE.table.padding) });
    if (t.headerRow !== false) yield tableRow({ header: true }, row(t.columns.map((c) => c.header), starts(() => 'center')));
    const body = starts((i) => t.columns[i].align ?? 'left');
    for (const cells of t.rows) yield tableRow({}, row(cells, body));
    yield TABLE_END + after();
  }
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
