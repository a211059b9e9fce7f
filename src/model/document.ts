/**
 * The document model: what a form composes and every renderer draws. Renderers know these blocks,
 * never forms. Indents in `em` are multiples of the body font size; spacing before and after is in body lines.
 */
export type Align = 'left' | 'center' | 'right';

export interface Paragraph {
  kind: 'paragraph';
  text: string;
  align?: Align;
  /** Left indent of the whole paragraph (em). */
  indent?: number;
  /** Extra indent of the first line only (em), as Japanese body text is set. */
  firstLine?: number;
  /** A label hung at the indent ("1", "（1）", "ア"); the text wraps aligned after it. */
  label?: string;
  /** Font size in points (default: the document's). */
  size?: number;
  /** Space before and after, in body lines. */
  before?: number;
  after?: number;
  /** Keep on the same page as the next block (item headings). */
  keepWithNext?: boolean;
}

/** Rows of key and value placed from `left` (fraction of the text width); keys in their own column. */
export interface KeyValue {
  kind: 'keyValue';
  left: number;
  keyWidth: number; // em
  rows: { key: string; value: string }[];
  before?: number;
}

/** 収入印紙 box: a bordered box top left with its label and amount; `aside` is set top right beside it. */
export interface StampBox {
  kind: 'stampBox';
  label: string;
  amount: string;
  breakdown?: string;
  aside?: string;
  widthMm: number;
  heightMm: number;
}

export interface Table {
  kind: 'table';
  columns: { header: string; width: number; align?: Align }[];
  rows: string[][];
  size?: number;
  before?: number;
  /**
   * false: a form grid (項目 and 記入欄 cells) with no heading row; `header` of each column is then
   * only its name for the CSV. Default true: the heading row is drawn and repeated on every page.
   */
  headerRow?: boolean;
}

/** A line to sign on, with a label before it (署名). */
export interface SignatureLine {
  kind: 'signatureLine';
  label: string;
  left: number;
  before?: number;
}

export interface PageBreak {
  kind: 'pageBreak';
}

/** A picture scaled to fit the rest of the page (keeping its proportions), its caption above it. */
export interface Image {
  kind: 'image';
  caption: string;
  bytes: Uint8Array;
  format: 'png' | 'jpeg';
  widthPx: number;
  heightPx: number;
}

/**
 * The size a picture is drawn at (points): its pixels at 96 dpi, scaled to fit the room, never
 * enlarged past twice its size. PDF and DOCX agree on it.
 */
export function fitImage(img: Pick<Image, 'widthPx' | 'heightPx'>, roomW: number, roomH: number): { w: number; h: number } {
  const natural = { w: img.widthPx * 0.75, h: img.heightPx * 0.75 };
  const scale = Math.min(roomW / natural.w, roomH / natural.h, 2);
  return { w: natural.w * scale, h: natural.h * scale };
}

/** A CSV record of a sheet the user gave: its cells, and the bytes it occupies (its line end included). */
export interface SheetRecord {
  cells: string[];
  start: number;
  end: number;
  /** The record's line end as written ("\r\n", "\n" or "" for a last line without one). */
  lineEnd: string;
}

/**
 * A spreadsheet the user gave (the NDL's candidate list), written again with some cells filled.
 * Not a paper, so not a block: a kind of output of its own that only the csv and xlsx exporters
 * receive, in the format it came in, every other cell kept. The input layer has already split a
 * CSV into its records (`csv`), so an exporter never parses what the user wrote.
 */
export interface FilledSheet {
  kind: 'filledSheet';
  /** File name without extension: out/<case>/<name>.<format> */
  name: string;
  title: string;
  format: 'csv' | 'xlsx';
  source: { bytes: Uint8Array; sheet?: string; csv?: { encoding: 'utf-8' | 'utf-8-bom' | 'cp932'; records: SheetRecord[] } };
  /** row: the workbook row, or the CSV record (1-based); column 1-based. */
  edits: { row: number; column: number; value: string }[];
}

export type Block = Paragraph | KeyValue | StampBox | Table | SignatureLine | PageBreak | Image;

/**
 * What a document can be written as. csv and xlsx: its tables, for people who keep working in a
 * spreadsheet (or a spreadsheet the user gave, filled); txt: its text, to paste into an e-mail or a web form.
 */
export const OUTPUT_FORMATS = ['pdf', 'docx', 'csv', 'xlsx', 'txt'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export interface PageSetup {
  size: 'A4';
  orientation: 'portrait' | 'landscape';
  /** Margins in millimetres: top, right, bottom, left. */
  marginsMm: [number, number, number, number];
}

export interface DocumentModel {
  /** A paper (the default); see FilledSheet for the other kind of output. */
  kind?: 'document';
  /** File name without extension: out/<case>/<name>.pdf */
  name: string;
  title: string;
  page: PageSetup;
  fontSize: number;
  /** Line height as a multiple of the font size. */
  lineHeight: number;
  /** Print "n / N" at the foot of each page when there is more than one. */
  pageNumbers: boolean;
  blocks: Block[];
  /** The formats this document is made in (default pdf and docx). */
  formats?: OutputFormat[];
  /**
   * Font files after IPAex Mincho, in order: a character it lacks is drawn from the first of them
   * that has it. Set by the pipeline from the case's `fonts` and the command line's `--font`.
   */
  fonts?: string[];
  /** The language of the paper (its form's; default 'ja'): the DOCX tags Latin text English in an 'en' paper. Set by the pipeline. */
  language?: 'ja' | 'en';
}

/** What a form makes: papers (documents) and filled spreadsheets. */
export type Output = DocumentModel | FilledSheet;

/** The formats an output is written in. */
export const formatsOf = (o: Output): OutputFormat[] => (o.kind === 'filledSheet' ? [o.format] : o.formats ?? ['pdf', 'docx']);

export const MM = 72 / 25.4;
export const A4_PT = { width: 595.28, height: 841.89 };

export function pageSizePt(page: PageSetup): { width: number; height: number } {
  return page.orientation === 'portrait' ? { ...A4_PT } : { width: A4_PT.height, height: A4_PT.width };
}

/**
 * A document whose blocks are composed when first read: `check` lists documents without composing
 * them, and rendering one document of a 2,000-work case does not compose the others.
 */
export function lazyDocument(meta: Omit<DocumentModel, 'blocks'>, compose: () => Block[]): DocumentModel {
  let blocks: Block[] | undefined;
  return Object.defineProperty({ ...meta }, 'blocks', { get: () => (blocks ??= compose()), enumerable: true }) as DocumentModel;
}
