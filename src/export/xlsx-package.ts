/**
 * Reading a workbook the user gave (an Excel .xlsx, which is an Office Open XML package: a zip of
 * XML parts tied together by relationship parts) without loading it whole: its sheets by name, the
 * cell styles that say which cells hold dates or text, its shared strings, and its rows, each part
 * inflated in pieces and parsed as it comes by saxes (a streaming XML parser). A 30,000-row list is
 * about 14 MB of sheet XML; exceljs built an object per cell (398 MB at its peak, README "Speed").
 *
 * Parts are found the way the package says, not where Excel happens to put them: the workbook by
 * the package's officeDocument relationship, its sheets, shared strings and styles by the
 * workbook's relationships, whose targets may be relative (Excel, LibreOffice) or absolute from the
 * package root (openpyxl: /xl/worksheets/sheet1.xml). Elements are matched by local name, so a
 * writer that prefixes the spreadsheet namespace (<x:row>) reads the same.
 */
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import type { SheetLayout } from '../model/document.js';
import { entryContent, ZipError, zipEntries, type ZipEntry } from './zip.js';

export interface WorkbookPackage {
  zip: Uint8Array;
  entries: Map<string, ZipEntry>;
  /** The sheets in the workbook's order, each with the part holding it. */
  sheets: { name: string; part: string }[];
  sharedStrings?: string;
  styles?: string;
  /** Serial dates count from 1904-01-01 instead of 1899-12-30 (a workbook made on an old Mac). */
  date1904: boolean;
}

/** Why a workbook cannot be read: the zip's reasons, or a package that is not a workbook. */
export class WorkbookError extends Error {
  constructor(readonly reason: ZipError['reason'] | 'not-workbook' | 'xml' | 'too-large' | 'beyond-sheet', readonly detail = '') {
    super(`workbook: ${reason}${detail ? ` (${detail})` : ''}`);
  }
}

const RELATIONSHIP = (type: string) => new RegExp(`/relationships/${type}$`);

export async function openWorkbook(zip: Uint8Array): Promise<WorkbookPackage> {
  let entries: Map<string, ZipEntry>;
  try {
    entries = zipEntries(zip);
  } catch (e) {
    if (e instanceof ZipError) throw new WorkbookError(e.reason);
    throw e;
  }
  const pkg = { zip, entries, sheets: [], date1904: false } as WorkbookPackage;
  const workbook = (await relationships(pkg, '')).find((r) => RELATIONSHIP('officeDocument').test(r.type))?.part;
  if (!workbook || !partEntry(pkg, workbook)) throw new WorkbookError('not-workbook');
  const related = await relationships(pkg, workbook);
  const byId = new Map(related.map((r) => [r.id, r.part]));
  pkg.sharedStrings = related.find((r) => RELATIONSHIP('sharedStrings').test(r.type))?.part;
  pkg.styles = related.find((r) => RELATIONSHIP('styles').test(r.type))?.part;
  await readPart(pkg, workbook, {
    open(tag) {
      const name = localName(tag.name);
      if (name === 'workbookPr') pkg.date1904 = ['1', 'true'].includes(attribute(tag, 'date1904') ?? '');
      if (name !== 'sheet') return;
      // The relationship id is the sheet's only prefixed id attribute (r:id, whatever the prefix).
      const id = Object.entries(tag.attributes).find(([k]) => /:id$/.test(k))?.[1];
      const part = id === undefined ? undefined : byId.get(id);
      if (part) pkg.sheets.push({ name: attribute(tag, 'name') ?? '', part });
    },
  });
  return pkg;
}

interface Relationship { id: string; type: string; part: string }

/** A part's relationships (the package's own for ''), their targets resolved to part names; external ones left out. */
async function relationships(pkg: WorkbookPackage, source: string): Promise<Relationship[]> {
  const slash = source.lastIndexOf('/');
  const rels = `${source.slice(0, slash + 1)}_rels/${source.slice(slash + 1)}.rels`;
  if (!partEntry(pkg, rels)) return [];
  const found: Relationship[] = [];
  await readPart(pkg, rels, {
    open(tag) {
      if (localName(tag.name) !== 'Relationship' || attribute(tag, 'TargetMode') === 'External') return;
      const target = attribute(tag, 'Target');
      if (target) found.push({ id: attribute(tag, 'Id') ?? '', type: attribute(tag, 'Type') ?? '', part: resolvePart(source, target) });
    },
  });
  return found;
}

/** A relationship target as a part name: relative to the source part's folder, or absolute from the package root. */
export function resolvePart(source: string, target: string): string {
  let path = target.replace(/\\/g, '/');
  try {
    path = decodeURIComponent(path);
  } catch {
    // A stray % is a character of the name.
  }
  const base = path.startsWith('/') ? [] : source.split('/').slice(0, -1);
  const parts: string[] = [];
  for (const segment of [...base, ...path.split('/')]) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') parts.pop();
    else parts.push(segment);
  }
  return parts.join('/');
}

/** The zip entry of a part; part names are case-insensitive in a package, zip names are not. */
export function partEntry(pkg: WorkbookPackage, part: string): ZipEntry | undefined {
  const exact = pkg.entries.get(part);
  if (exact) return exact;
  const lower = part.toLowerCase();
  for (const [name, entry] of pkg.entries) if (name.toLowerCase() === lower) return entry;
  return undefined;
}

/** saxes without namespace processing: names as written (x:row), attributes as strings. */
export type Parser = SaxesParser<{ xmlns: false; position: true }>;

export interface XmlHandlers {
  open?(tag: SaxesTagPlain, parser: Parser): void;
  close?(tag: SaxesTagPlain, parser: Parser): void;
  text?(text: string): void;
  /** Each piece of the part's text before the parser reads it (to find where a tag starts: TextWindow). */
  chunk?(text: string): void;
}

/**
 * How far a part may inflate: at most 256 MB, and at most 200 times its compressed size (plus 1 MB).
 * Sheet XML compresses 5–30 times (the examples 9); a gigabyte of spaces packs into a megabyte, and
 * read whole it ran the check out of memory (issue 21's hostile pass).
 */
export const MAX_PART_BYTES = 256 * 1024 * 1024;
const MAX_INFLATION = 200;
/** A sheet has at most 1,048,576 rows and 16,384 columns (Excel's specifications and limits; XFD is the last column). */
export const SHEET_MAX_ROWS = 1_048_576;
export const SHEET_MAX_COLUMNS = 16_384;

/** Streams a part through saxes: inflated in pieces, decoded as UTF-8, parsed as it comes. */
export async function readPart(pkg: WorkbookPackage, part: string, handlers: XmlHandlers): Promise<void> {
  const entry = partEntry(pkg, part);
  if (!entry) throw new WorkbookError('not-workbook', `${part} is missing`);
  const parser: Parser = new SaxesParser({ xmlns: false, position: true });
  if (handlers.open) parser.on('opentag', (tag) => handlers.open!(tag, parser));
  if (handlers.close) parser.on('closetag', (tag) => handlers.close!(tag, parser));
  if (handlers.text) {
    parser.on('text', handlers.text);
    parser.on('cdata', handlers.text);
  }
  let failed: Error | undefined;
  parser.on('error', (e) => {
    failed ??= e;
  });
  // A byte-order mark is kept in the text (saxes skips it), so an editor copies it through.
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  const feed = (text: string) => {
    if (!text || failed) return;
    handlers.chunk?.(text);
    parser.write(text);
  };
  const limit = Math.min(MAX_PART_BYTES, MAX_INFLATION * entry.compressedSize + (1 << 20));
  let inflated = 0;
  try {
    for await (const bytes of entryContent(pkg.zip, entry)) {
      if ((inflated += bytes.length) > limit) throw new WorkbookError('too-large', part);
      feed(decoder.decode(bytes, { stream: true }));
    }
    feed(decoder.decode());
  } catch (e) {
    if (e instanceof ZipError) throw new WorkbookError(e.reason, part);
    // zlib's word for stored data that does not inflate
    if ((e as { code?: string }).code?.startsWith('Z_')) throw new WorkbookError('not-zip', part);
    throw e;
  }
  if (!failed) parser.close();
  if (failed) throw new WorkbookError('xml', `${part}: ${failed.message}`);
}

export const localName = (name: string) => name.slice(name.indexOf(':') + 1);
export const attribute = (tag: SaxesTagPlain, name: string): string | undefined => (tag.attributes as Record<string, string>)[name];

/** What a cell style makes of a value: a date (a date or time number format), text (the @ format), or anything else. */
export type StyleKind = 'date' | 'text' | 'other';

/**
 * The kind of each cell style (the `s` of a cell indexes cellXfs). Built-in formats 14–22 are dates
 * and times, 27–36 and 50–58 the East Asian date formats (令和8年11月20日 in a Japanese Excel), 49 is
 * text (ECMA-376 Part 1, 18.8.30); any other format is a date when its code has date letters.
 */
export async function cellStyleKinds(pkg: WorkbookPackage): Promise<StyleKind[]> {
  if (!pkg.styles || !partEntry(pkg, pkg.styles)) return [];
  const codes = new Map<number, string>();
  const kinds: StyleKind[] = [];
  let inCellXfs = false;
  await readPart(pkg, pkg.styles, {
    open(tag) {
      const name = localName(tag.name);
      if (name === 'numFmt') codes.set(Number(attribute(tag, 'numFmtId')), attribute(tag, 'formatCode') ?? '');
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) kinds.push(formatKind(Number(attribute(tag, 'numFmtId') ?? 0), codes));
    },
    close(tag) {
      if (localName(tag.name) === 'cellXfs') inCellXfs = false;
    },
  });
  return kinds;
}

const BUILT_IN_DATES = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 50, 51, 52, 53, 54, 55, 56, 57, 58]);
const TEXT_FORMAT = 49;

function formatKind(id: number, codes: Map<number, string>): StyleKind {
  const code = codes.get(id);
  if (code === undefined) return BUILT_IN_DATES.has(id) ? 'date' : id === TEXT_FORMAT ? 'text' : 'other';
  if (code.trim() === '@') return 'text';
  return isDateCode(code) ? 'date' : 'other';
}

/** A format code shows a date when, quoted text, escapes, [colours] and [$-411] locales aside, it has y, d, e or g (eras), or m outside a time. */
export function isDateCode(code: string): boolean {
  const bare = code.replace(/"[^"]*"/g, '').replace(/\\./g, '').replace(/[_*]./g, '').replace(/\[[^\]]*\]/g, '')
    .replace(/E[+-]/gi, '').replace(/AM\/PM|A\/P/gi, '');
  if (/^general$/i.test(bare.trim())) return false;
  return /[ydeg]/i.test(bare) || (/m/i.test(bare) && !/[hs:]/i.test(bare));
}

/**
 * The text a workbook's shared strings may hold together: 64 M characters, as much as the largest
 * CSV read (64 MB). They are kept in memory while the sheet is read; 400,000 strings of 1,000
 * characters (a 1 MB file) ran the check out of memory.
 */
export const MAX_SHARED_CHARS = 64 * 1024 * 1024;

/** The shared strings table: each item's text, its phonetic guide (ルビ, rPh) left out. */
export async function sharedStrings(pkg: WorkbookPackage): Promise<string[]> {
  if (!pkg.sharedStrings || !partEntry(pkg, pkg.sharedStrings)) return [];
  const part = pkg.sharedStrings;
  const strings: string[] = [];
  let chars = 0;
  let item = '';
  let inT = false;
  let phonetic = 0;
  await readPart(pkg, pkg.sharedStrings, {
    open(tag) {
      const name = localName(tag.name);
      if (name === 'si') item = '';
      else if (name === 'rPh') phonetic++;
      else if (name === 't' && phonetic === 0) inT = true;
    },
    close(tag) {
      const name = localName(tag.name);
      if (name === 'si') {
        strings.push(item);
        if ((chars += item.length) > MAX_SHARED_CHARS) throw new WorkbookError('too-large', part);
      } else if (name === 'rPh') phonetic--;
      else if (name === 't') inT = false;
    },
    text(t) {
      if (inT) item += t;
    },
  });
  return strings;
}

/** Excel's serial day number of an ISO date, and back (whole days; a time of day is dropped). */
const DAY = 86_400_000;
const epoch = (date1904: boolean) => Date.UTC(date1904 ? 1904 : 1899, date1904 ? 0 : 11, date1904 ? 1 : 30);
export const serialOfDate = (iso: string, date1904: boolean) => Math.round((Date.parse(`${iso}T00:00:00Z`) - epoch(date1904)) / DAY);
export const dateOfSerial = (serial: number, date1904: boolean) => new Date(epoch(date1904) + Math.floor(serial) * DAY).toISOString().slice(0, 10);

/** A column's number from a cell reference (H12 → 8), or undefined when the reference has none. Once per cell: no regular expression. */
export function columnOfRef(ref: string | undefined): number | undefined {
  if (!ref) return undefined;
  let n = 0;
  for (let i = ref.charCodeAt(0) === 0x24 ? 1 : 0; i < ref.length; i++) {
    const letter = ref.charCodeAt(i) | 0x20; // lower case
    if (letter < 0x61 || letter > 0x7a) break;
    n = n * 26 + letter - 0x60;
  }
  return n || undefined;
}
export const columnName = (n: number): string => (n <= 0 ? '' : columnName(Math.floor((n - 1) / 26)) + String.fromCharCode(65 + ((n - 1) % 26)));

export interface ReadRow {
  row: number;
  /** Each cell's text as the sheet shows it (1-based column n at n − 1); a date-formatted number as its ISO date. */
  cells: string[];
}

/** A window on a part's text as saxes reads it, to find where a tag starts from saxes's position after it. */
export class TextWindow {
  private text = '';
  private start = 0;
  take(chunk: string): void {
    this.text += chunk;
  }
  /** The start of the tag saxes has read up to `end`: the last < before it (an attribute value cannot hold one). */
  tagStart(end: number): number {
    return this.start + this.text.lastIndexOf('<', end - 1 - this.start);
  }
  slice(from: number, to: number): string {
    return this.text.slice(from - this.start, to - this.start);
  }
  /** Forgets the text before `to`, returning it; only when `above` characters are kept (64 K unless told). */
  dropTo(to: number, above = 0): string {
    if (to - this.start <= above) return '';
    const dropped = this.text.slice(0, to - this.start);
    this.text = this.text.slice(to - this.start);
    this.start = to;
    return dropped;
  }
  get end(): number {
    return this.start + this.text.length;
  }
}

const KEEP = 1 << 16;

/**
 * The rows of a sheet that hold anything, in order, and where every row is (for filling it: see
 * SheetLayout). Rows and cells without an address (r) take the next number, as Excel reads them. A
 * formula's cell shows its last value; one without a value shows the formula, so a cell that
 * computes something is never taken for an empty one.
 */
export async function readSheet(pkg: WorkbookPackage, part: string): Promise<{ rows: ReadRow[]; layout: SheetLayout }> {
  const [strings, kinds] = [await sharedStrings(pkg), await cellStyleKinds(pkg)];
  const rows: ReadRow[] = [];
  const layout: SheetLayout = { rows: new Map(), append: 0, prefix: '', columnStyles: [] };
  const window = new TextWindow();
  let row = { row: 0, start: 0, cells: [] as string[] };
  let cell = { column: 0, type: '', style: 0 };
  // Text is gathered into strings, not arrays: a 30,000-row list has 360,000 cells.
  let value = '';
  let formula = '';
  let into: 'value' | 'formula' | undefined;
  let inInline = false;
  let phonetic = 0;
  await readPart(pkg, part, {
    chunk: (t) => window.take(t),
    open(tag, parser) {
      const name = localName(tag.name);
      switch (name) {
        case 'sheetData':
          layout.prefix = tag.name.slice(0, tag.name.length - name.length);
          layout.append = parser.position;
          if (tag.isSelfClosing) layout.emptySheetData = [window.tagStart(parser.position), parser.position];
          break;
        case 'col': layout.columnStyles.push(columnStyle(tag)); break;
        case 'row':
          row = { row: Number(attribute(tag, 'r') ?? row.row + 1), start: window.tagStart(parser.position), cells: [] };
          if (!(row.row >= 1 && row.row <= SHEET_MAX_ROWS)) throw new WorkbookError('beyond-sheet', `row ${attribute(tag, 'r')}`);
          cell.column = 0;
          break;
        case 'c':
          cell = { column: columnOfRef(attribute(tag, 'r')) ?? cell.column + 1, type: attribute(tag, 't') ?? 'n', style: Number(attribute(tag, 's') ?? 0) };
          // A cell in column ZZZZZZ (321 million) made a row of that many empty cells.
          if (cell.column > SHEET_MAX_COLUMNS) throw new WorkbookError('beyond-sheet', `cell ${attribute(tag, 'r') ?? ''}`);
          value = formula = '';
          break;
        case 'v': into = 'value'; break;
        case 'f': into = 'formula'; break;
        case 'is': inInline = true; break;
        case 'rPh': phonetic++; break;
        case 't': if (inInline && phonetic === 0) into = 'value'; break;
      }
    },
    close(tag, parser) {
      switch (localName(tag.name)) {
        case 'v': case 'f': case 't': into = undefined; break;
        case 'is': inInline = false; break;
        case 'rPh': phonetic--; break;
        case 'c': {
          const text = cellText(cell.type, value, kinds[cell.style], strings, pkg.date1904);
          const shown = text === '' && formula ? `=${formula}` : text;
          if (shown !== '') row.cells[cell.column - 1] = shown;
          break;
        }
        case 'row':
          layout.rows.set(row.row, [row.start, parser.position]);
          layout.append = parser.position;
          if (row.cells.length) rows.push({ row: row.row, cells: Array.from(row.cells, (c) => c ?? '') });
          window.dropTo(parser.position, KEEP);
          break;
      }
    },
    text(t) {
      if (into === 'value') value += t;
      else if (into === 'formula') formula += t;
    },
  });
  return { rows, layout };
}

const columnStyle = (tag: SaxesTagPlain) => ({ min: Number(attribute(tag, 'min')), max: Number(attribute(tag, 'max')), style: Number(attribute(tag, 'style') ?? 0) });

function cellText(type: string, value: string, kind: StyleKind | undefined, strings: string[], date1904: boolean): string {
  switch (type) {
    case 's': return strings[Number(value)] ?? '';
    case 'b': return value === '1' ? 'TRUE' : value === '0' ? 'FALSE' : value;
    case 'inlineStr': case 'str': case 'e': return value;
    default: {
      const n = Number(value);
      if (value.trim() === '' || !Number.isFinite(n)) return value;
      return kind === 'date' ? dateOfSerial(n, date1904) : String(n);
    }
  }
}
