/**
 * The document model: what a form composes and every renderer draws. Renderers know these blocks,
 * never forms. Indents in `em` are multiples of the body font size; spacing before and after is in body lines.
 */
import { z } from 'zod';
import type { AgencyForm, FieldValues, OfficialForm } from './official-form.js';

/**
 * Every block kind has one definition of its fields: a zod schema here. Templates' `@kind path`
 * lines are checked against it (src/forms/kit/markup.ts), and the TypeScript types are inferred
 * from it, so the two cannot drift apart.
 */
const align = z.enum(['left', 'center', 'right']);
export type Align = z.infer<typeof align>;

/** Space before and after a block, in body lines. */
const spacing = { before: z.number().min(0).optional(), after: z.number().min(0).optional() };

/**
 * A stretch of a paragraph's text with a look of its own. `fill`: the run stretches to the end of
 * the line (a line to sign on is an underlined fill run); `lang` overrides the document's language
 * (an English name in a Japanese paper).
 */
const run = z.object({
  text: z.string(),
  underline: z.boolean().optional(),
  bold: z.boolean().optional(),
  size: z.number().positive().optional(),
  lang: z.enum(['ja', 'en']).optional(),
  fill: z.boolean().optional(),
}).strict();
export type Run = z.infer<typeof run>;

export const BLOCK_SCHEMAS = {
  paragraph: z.object({
    kind: z.literal('paragraph'),
    /** The paragraph's plain text (what txt and csv print); with `runs`, their texts joined. */
    text: z.string(),
    /** The text in styled stretches; absent: one plain run. */
    runs: z.array(run).optional(),
    align: align.optional(),
    /** Left indent of the whole paragraph (em). */
    indent: z.number().optional(),
    /** Where the paragraph starts, as a fraction of the text width (a block set to the right). */
    at: z.number().min(0).max(1).optional(),
    /** Extra indent of the first line only (em), as Japanese body text is set. */
    firstLine: z.number().optional(),
    /** A label hung at the indent ("1", "（1）", "ア"); the text wraps aligned after it. */
    label: z.string().optional(),
    /** Font size in points (default: the document's). */
    size: z.number().positive().optional(),
    ...spacing,
    /** Keep on the same page as the next block (item headings); consecutive kept blocks chain. */
    keepWithNext: z.boolean().optional(),
  }).strict(),
  /** Rows of key and value placed from `left` (fraction of the text width); keys in their own column. */
  keyValue: z.object({
    kind: z.literal('keyValue'),
    left: z.number().min(0).max(1),
    keyWidth: z.number().min(0), // em
    rows: z.array(z.object({ key: z.string(), value: z.string() }).strict()),
    before: z.number().min(0).optional(),
  }).strict(),
  /**
   * A framed box of fixed size with lines of text centred in it, at its top, middle or bottom (a
   * 収入印紙 box is one); `beside` is set at the right margin next to it (the date).
   */
  box: z.object({
    kind: z.literal('box'),
    widthMm: z.number().positive(),
    heightMm: z.number().positive(),
    lines: z.array(z.object({ text: z.string(), size: z.number().positive(), place: z.enum(['top', 'middle', 'bottom']) }).strict()),
    beside: z.string().optional(),
  }).strict(),
  table: z.object({
    kind: z.literal('table'),
    columns: z.array(z.object({
      header: z.string(),
      /** Share of the text width; a `fit` column takes at least what its widest number or word needs. */
      width: z.number().positive(),
      align: align.optional(),
      fit: z.boolean().optional(),
      /** Repeated, marked （続き）, where a row too tall for a page continues (No. and title). */
      identifies: z.boolean().optional(),
    }).strict()),
    rows: z.array(z.array(z.string())),
    size: z.number().positive().optional(),
    before: z.number().min(0).optional(),
    /**
     * false: a form grid (項目 and 記入欄 cells) with no heading row; `header` of each column is then
     * only its name for the CSV. Default true: the heading row is drawn and repeated on every page.
     */
    headerRow: z.boolean().optional(),
  }).strict(),
  pageBreak: z.object({ kind: z.literal('pageBreak') }).strict(),
  /** A picture scaled to fit the rest of the page (keeping its proportions), its caption above it. */
  image: z.object({
    kind: z.literal('image'),
    caption: z.string(),
    bytes: z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'bytes of a PNG or JPEG'),
    format: z.enum(['png', 'jpeg']),
    widthPx: z.number().positive(),
    heightPx: z.number().positive(),
  }).strict(),
  /**
   * The pages of a PDF the user gave, each on a page of its own under the caption (「（2/3）」 added
   * when there are several), scaled to the room left: copied as they are, text and drawings intact.
   * A format that cannot carry them (DOCX, TXT) prints `standIn` in their place.
   */
  pdfPages: z.object({
    kind: z.literal('pdfPages'),
    caption: z.string(),
    standIn: z.string(),
    bytes: z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'bytes of a PDF'),
    /**
     * Each page as a viewer shows it: its size in points (the crop box, turned when the page is) and
     * how far it is turned clockwise (/Rotate: scanners often store a page sideways and turn it so).
     */
    pages: z.array(z.object({
      widthPt: z.number().positive(), heightPt: z.number().positive(), rotate: z.union([z.literal(0), z.literal(90), z.literal(180), z.literal(270)]),
    }).strict()).min(1),
  }).strict(),
} as const;

export type BlockKind = keyof typeof BLOCK_SCHEMAS;
export type Paragraph = z.infer<(typeof BLOCK_SCHEMAS)['paragraph']>;
export type KeyValue = z.infer<(typeof BLOCK_SCHEMAS)['keyValue']>;
export type Box = z.infer<(typeof BLOCK_SCHEMAS)['box']>;
export type Table = z.infer<(typeof BLOCK_SCHEMAS)['table']>;
export type PageBreak = z.infer<(typeof BLOCK_SCHEMAS)['pageBreak']>;
export type Image = z.infer<(typeof BLOCK_SCHEMAS)['image']>;
export type PdfPages = z.infer<(typeof BLOCK_SCHEMAS)['pdfPages']>;
export type Block = Paragraph | KeyValue | Box | Table | PageBreak | Image | PdfPages;

/** For the `default` of a switch over block kinds: a kind added to the model and not handled is a compile error. */
export function unhandledBlock(block: never): never {
  throw new Error(`unhandled block kind ${(block as { kind?: string }).kind}`);
}

/** A paragraph's runs: its own, or its text as one plain run. */
export const runsOf = (p: Paragraph): Run[] => p.runs ?? [{ text: p.text }];

/**
 * The size a picture is drawn at (points): its pixels at 96 dpi, scaled to fit the room, never
 * enlarged past twice its size. PDF and DOCX agree on it.
 */
export function fitImage(img: Pick<Image, 'widthPx' | 'heightPx'>, roomW: number, roomH: number): { w: number; h: number } {
  const natural = { w: img.widthPx * 0.75, h: img.heightPx * 0.75 };
  const scale = Math.min(roomW / natural.w, roomH / natural.h, 2);
  return { w: natural.w * scale, h: natural.h * scale };
}

/**
 * The part of a PDF page a viewer shows (its crop box), as pdf-lib's page embedding takes a box:
 * by default it takes the media box as if it started at 0,0, which shifts a page whose box does not.
 */
export function visibleBox(page: { getCropBox(): { x: number; y: number; width: number; height: number } }) {
  const b = page.getCropBox();
  return { left: b.x, bottom: b.y, right: b.x + b.width, top: b.y + b.height };
}

/** A PDF page scaled to the room, keeping its proportions; never enlarged (its own size is what was printed). */
export function fitPage(page: { widthPt: number; heightPt: number }, roomW: number, roomH: number): { w: number; h: number } {
  const scale = Math.min(roomW / page.widthPt, roomH / page.heightPt, 1);
  return { w: page.widthPt * scale, h: page.heightPt * scale };
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
 * Where the rows of a workbook's sheet are, as the input layer read it, so that filling it parses
 * only the rows it changes: offsets in the sheet part's text (UTF-16, as decoded).
 */
export interface SheetLayout {
  /** Each row's <row> element, by row number: [start, end). */
  rows: Map<number, [number, number]>;
  /** Where a row after the last goes (after the last row, or inside an empty sheetData), and the span of an empty <sheetData/>. */
  append: number;
  emptySheetData?: [number, number];
  /** The namespace prefix of the sheet's elements ('' or 'x:'). */
  prefix: string;
  /** The styles of columns (<col min max style>): a cell added there takes its column's. */
  columnStyles: { min: number; max: number; style: number }[];
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
  source: { bytes: Uint8Array; sheet?: string; csv?: { encoding: 'utf-8' | 'utf-8-bom' | 'cp932'; records: SheetRecord[] }; layout?: SheetLayout };
  /**
   * row: the workbook row, or the CSV record (1-based); column 1-based. `as`: what the value is, for
   * a workbook, which writes a date into a date-formatted cell as a date and a number as a number.
   */
  edits: { row: number; column: number; value: string; as?: 'date' | 'number' }[];
}


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
  /** The paper's values by name, for writing them onto an agency's own form (see official-form.ts); from the form's declaration. */
  fields?: FieldValues;
  /** Set when the agency accepts this paper only on its own form: where the clerk gets that form. */
  agencyForm?: AgencyForm;
  /** The agency's form the case names for this paper: its PDF is written with the values instead of our layout. Set by the pipeline. */
  official?: OfficialForm;
}

/**
 * Other outputs of the same case bound into one PDF, in the order given (a ruling's submission:
 * cover letter, application, evidence, every 別添, power of attorney), so a clerk prints one file.
 * Each part is the same PDF that is written on its own.
 */
export interface Bundle {
  kind: 'bundle';
  /** File name without extension: out/<case>/<name>.pdf */
  name: string;
  title: string;
  /** The names of the parts; a part the case does not have (no power of attorney) is left out. */
  parts: string[];
}

/** What a form makes: papers (documents), filled spreadsheets, and papers bound together. */
export type Output = DocumentModel | FilledSheet | Bundle;

/**
 * An output as a form makes it, before its declaration gives it its name and formats. A filled
 * sheet may bring its own name: the file it fills keeps its name (the NDL's list goes back as itself).
 */
export type Made = Omit<DocumentModel, 'name' | 'formats'> | (Omit<FilledSheet, 'name'> & { name?: string }) | Omit<Bundle, 'name'>;

/** Outputs that are papers of their own, not a sheet filled or a binding of other papers. */
export const isPaper = (o: Output): o is DocumentModel => o.kind !== 'filledSheet' && o.kind !== 'bundle';

/** The formats an output is written in. */
export const formatsOf = (o: Output): OutputFormat[] =>
  (o.kind === 'filledSheet' ? [o.format] : o.kind === 'bundle' ? ['pdf'] : o.formats ?? ['pdf', 'docx']);

export const MM = 72 / 25.4;
export const A4_PT = { width: 595.28, height: 841.89 };

export function pageSizePt(page: PageSetup): { width: number; height: number } {
  return page.orientation === 'portrait' ? { ...A4_PT } : { width: A4_PT.height, height: A4_PT.width };
}

/**
 * A document whose blocks are composed when first read: `check` lists documents without composing
 * them, and rendering one document of a 2,000-work case does not compose the others.
 */
export function lazyDocument<M extends Omit<Partial<DocumentModel>, 'blocks'>>(meta: M, compose: () => Block[]): M & { blocks: Block[] } {
  let blocks: Block[] | undefined;
  const doc = Object.defineProperty({ ...meta }, 'blocks', { get: () => (blocks ??= compose()), enumerable: true });
  return Object.defineProperty(doc, COMPOSE_UNKEPT, { value: () => blocks ?? compose() }) as M & { blocks: Block[] };
}

const COMPOSE_UNKEPT = Symbol('compose without keeping');

/**
 * A document's blocks for a reader that needs them once: a lazy document not composed yet is
 * composed for it, and the blocks are not kept (its other formats, rendered on a second thread,
 * are all the 200,000 blocks of a 100,000-work advertisement are composed for). Read again, they
 * are composed again.
 */
export const blocksOnce = (doc: DocumentModel): Block[] =>
  (doc as DocumentModel & { [COMPOSE_UNKEPT]?: () => Block[] })[COMPOSE_UNKEPT]?.() ?? doc.blocks;
