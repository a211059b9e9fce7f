/**
 * WordprocessingML (ECMA-376 Part 1, §17) as text: the few elements yoshiki's papers use, each a
 * function from its settings to its XML. Children come in the order the schema gives them (Word
 * refuses a file whose w:pPr lists w:jc before w:ind, say), attributes in the order the `docx`
 * package wrote them, so the papers are the XML they were when that package built them — only
 * without building an object for every element first (see docx.ts for why).
 */

const ESCAPES: Record<string, string> = { '&': '&amp;', '"': '&quot;', "'": '&apos;', '<': '&lt;', '>': '&gt;' };

/** Text or an attribute value as XML: the five entities escaped, control characters XML cannot hold dropped. */
// eslint-disable-next-line no-control-regex
export const xmlText = (s: string) => s.replace(/[&"'<>\x00-\x08\x0B\x0C\x0E-\x1F]/g, (c) => ESCAPES[c] ?? '');

export type Justification = 'left' | 'center' | 'right';

/** A run's look. `size` in half-points (Word's unit for font sizes); `lang` the language of its Latin text. */
export interface RunLook {
  size?: number;
  bold?: boolean;
  underline?: boolean;
  lang?: string;
}

export function runProperties(look: RunLook): string {
  const inner = (look.bold ? '<w:b/><w:bCs/>' : '')
    + (look.size !== undefined ? `<w:sz w:val="${look.size}"/><w:szCs w:val="${look.size}"/>` : '')
    + (look.underline ? '<w:u w:val="single"/>' : '')
    + (look.lang ? `<w:lang w:val="${look.lang}"/>` : '');
  return inner ? `<w:rPr>${inner}</w:rPr>` : '';
}

/** A run of text; `lineBreak`: it starts on a new line of the same paragraph (the user's newline). */
export const textRun = (text: string, look: RunLook = {}, lineBreak = false) =>
  `<w:r>${runProperties(look)}${lineBreak ? '<w:br/>' : ''}<w:t xml:space="preserve">${xmlText(text)}</w:t></w:r>`;

/** Text with the user's newlines as line breaks: one run per line. */
export const textRuns = (text: string, look: RunLook = {}) => text.split('\n').map((t, i) => textRun(t, look, i > 0)).join('');

/** textRuns for many texts of one look, its properties made once: a table's 70,000 cells share one. */
export function runsInLook(look: RunLook): (text: string) => string {
  const start = `<w:r>${runProperties(look)}<w:t xml:space="preserve">`;
  return (text) => (text.includes('\n') ? textRuns(text, look) : `${start}${xmlText(text)}</w:t></w:r>`);
}

/** Paragraph settings, in twips (twentieths of a point) where they are lengths. */
export interface ParagraphLook {
  keepNext?: boolean;
  pageBreakBefore?: boolean;
  tabs?: { type: 'left' | 'right'; pos: number }[];
  spacing?: { before: number; after: number; line?: number; exact?: boolean };
  indent?: { left: number; hanging?: number; firstLine?: number };
  align?: Justification;
  /** The size of the paragraph mark (half-points): what an empty paragraph's height follows. */
  markSize?: number;
}

function paragraphProperties(p: ParagraphLook): string {
  const s = p.spacing;
  const i = p.indent;
  const inner = (p.keepNext ? '<w:keepNext/>' : '')
    + (p.pageBreakBefore ? '<w:pageBreakBefore/>' : '')
    + (p.tabs?.length ? `<w:tabs>${p.tabs.map((t) => `<w:tab w:val="${t.type}" w:pos="${t.pos}"/>`).join('')}</w:tabs>` : '')
    + (s ? `<w:spacing w:after="${s.after}" w:before="${s.before}"${s.line !== undefined ? ` w:line="${s.line}"` : ''}${s.exact ? ' w:lineRule="exact"' : ''}/>` : '')
    + (i ? `<w:ind w:left="${i.left}"${i.hanging !== undefined ? ` w:hanging="${i.hanging}"` : ''}${i.firstLine !== undefined ? ` w:firstLine="${i.firstLine}"` : ''}/>` : '')
    + (p.align ? `<w:jc w:val="${p.align}"/>` : '')
    + (p.markSize !== undefined ? runProperties({ size: p.markSize }) : '');
  return inner ? `<w:pPr>${inner}</w:pPr>` : '';
}

/** A paragraph of runs (already XML). */
export function paragraph(look: ParagraphLook, runs = ''): string {
  const content = paragraphProperties(look) + runs;
  return content ? `<w:p>${content}</w:p>` : '<w:p/>';
}

/** A paragraph's start, made once for many paragraphs of one look: runs (at least one) and PARAGRAPH_END follow. */
export const paragraphStart = (look: ParagraphLook) => `<w:p>${paragraphProperties(look)}`;
export const PARAGRAPH_END = '</w:p>';

/** A border of a table or cell: a single rule of `eighths` of a point, or none. */
export interface Rule { style: 'single' | 'none'; color: string; eighths: number }

const rule = (side: string, r: Rule) => `<w:${side} w:val="${r.style}" w:color="${r.color}" w:sz="${r.eighths}"/>`;
const sides = (r: Rule, names: string[]) => names.map((n) => rule(n, r)).join('');
const BOX_SIDES = ['top', 'left', 'bottom', 'right'];

/** Room between a cell's border and its text (twips): above and below, and at either side. */
export interface CellMargins { vertical: number; side: number }

const margins = (m: CellMargins) =>
  `<w:top w:type="dxa" w:w="${m.vertical}"/><w:left w:type="dxa" w:w="${m.side}"/><w:bottom w:type="dxa" w:w="${m.vertical}"/><w:right w:type="dxa" w:w="${m.side}"/>`;

/**
 * A fixed-layout table's start: its columns (twips), the rules of every cell (outer and inside)
 * and their margins, unless a cell says otherwise. Rows and TABLE_END follow.
 */
export const tableStart = (widths: number[], borders: Rule, cellMargins?: CellMargins) =>
  `<w:tbl><w:tblPr><w:tblW w:type="dxa" w:w="${widths.reduce((a, b) => a + b, 0)}"/><w:tblBorders>${sides(borders, [...BOX_SIDES, 'insideH', 'insideV'])}</w:tblBorders>`
  + `<w:tblLayout w:type="fixed"/>${cellMargins ? `<w:tblCellMar>${margins(cellMargins)}</w:tblCellMar>` : ''}</w:tblPr>`
  + `<w:tblGrid>${widths.map((w) => `<w:gridCol w:w="${w}"/>`).join('')}</w:tblGrid>`;

export const TABLE_END = '</w:tbl>';

/** A row's settings: a heading row repeats on every page and is never split; `exactHeight` in twips. */
export interface RowLook { header?: boolean; exactHeight?: number }

export function tableRow(look: RowLook, cells: string): string {
  const props = (look.header ? '<w:cantSplit/><w:tblHeader/>' : '')
    + (look.exactHeight !== undefined ? `<w:trHeight w:val="${look.exactHeight}" w:hRule="exact"/>` : '');
  return `<w:tr>${props ? `<w:trPr>${props}</w:trPr>` : ''}${cells}</w:tr>`;
}

/** A cell's settings: its width (twips), and where it differs from its table, its borders and its content centred vertically. */
export interface CellLook { width: number; borders?: Rule; middle?: boolean }

/** A cell's start: made once per column of a table, which may have 70,000 cells. */
export function cellStart(look: CellLook): string {
  return `<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="${look.width}"/>`
    + (look.borders ? `<w:tcBorders>${sides(look.borders, BOX_SIDES)}</w:tcBorders>` : '')
    + (look.middle ? '<w:vAlign w:val="center"/>' : '')
    + '</w:tcPr>';
}

export const CELL_END = '</w:tc>';

const EMU_PER_PX = 9525;
const A_MAIN = 'http://schemas.openxmlformats.org/drawingml/2006/main';
const PICTURE = 'http://schemas.openxmlformats.org/drawingml/2006/picture';

/** A picture set in line with the text: `relationship` names its media part, `id` is unique in the document. */
export function inlinePicture(relationship: string, id: number, widthPx: number, heightPx: number, description: string): string {
  const cx = Math.round(widthPx * EMU_PER_PX);
  const cy = Math.round(heightPx * EMU_PER_PX);
  const d = xmlText(description);
  return `<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="${cx}" cy="${cy}"/><wp:effectExtent t="0" r="0" b="0" l="0"/>`
    + `<wp:docPr id="${id}" name="${d}" descr="${d}" title="${d}"/>`
    + `<wp:cNvGraphicFramePr><a:graphicFrameLocks xmlns:a="${A_MAIN}" noChangeAspect="1"/></wp:cNvGraphicFramePr>`
    + `<a:graphic xmlns:a="${A_MAIN}"><a:graphicData uri="${PICTURE}"><pic:pic xmlns:pic="${PICTURE}">`
    + '<pic:nvPicPr><pic:cNvPr id="0" name="" descr=""/><pic:cNvPicPr><a:picLocks noChangeAspect="1" noChangeArrowheads="1"/></pic:cNvPicPr></pic:nvPicPr>'
    + `<pic:blipFill><a:blip r:embed="${relationship}" cstate="none"/><a:srcRect/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>`
    + `<pic:spPr bwMode="auto"><a:xfrm><a:off x="0" y="0"/><a:ext cx="${cx}" cy="${cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>`
    + '</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>';
}

/** Page number fields: the current page, or the document's page count. */
export function pageField(which: 'PAGE' | 'NUMPAGES', look: RunLook): string {
  const r = (inner: string) => `<w:r>${runProperties(look)}${inner}</w:r>`;
  return r('<w:fldChar w:fldCharType="begin"/>') + r(`<w:instrText xml:space="preserve">${which}</w:instrText>`)
    + r('<w:fldChar w:fldCharType="separate"/>') + r('<w:fldChar w:fldCharType="end"/>');
}
