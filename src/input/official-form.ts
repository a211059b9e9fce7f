/**
 * Reads what a case names for an agency's own form: the PDF (with its AcroForm fields, if it has
 * any: their names, kinds, where their widgets sit, their size and alignment) and the field map, a
 * YAML file beside the case that says where each value goes on a PDF without fields. The map is
 * read as a case is — every mistake with its file, line and column. Loaded only for a case that
 * names an official form (it brings pdf-lib).
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { AcroTextFlags, PDFAcroCheckBox, PDFAcroTerminal, PDFAcroText, PDFArray, PDFDict, PDFDocument, PDFName } from 'pdf-lib';
import { error, type Bilingual, type Problem } from '../base/problem.js';
import { pageRectShown, type OfficialPage, type Rect } from '../model/official-form.js';
import { doc, say, text } from './fields.js';
import { namedPath, readNamedFile, type FolderOf } from './named-file.js';
import { parseCaseText, type ParsedCase } from './parse.js';
import { readPdf } from './pdf-file.js';
import { annotationPages, lastCrossReference, widgetsOf } from '../export/pdf-form.js';
import { validate } from './validate.js';

/** An AcroForm field of the PDF: its full name, its kind, and each of its widgets on the shown page. */
export interface AcroField {
  name: string;
  kind: 'text' | 'checkbox' | 'other';
  widgets: { page: number; rect: Rect }[];
  /** The field's own text size (/DA), when it gives one (0 there means "fit", left to the map's default). */
  size?: number;
  align: 'left' | 'center' | 'right';
  multiline: boolean;
  /** A comb field: its number of cells (/MaxLen). */
  cells?: number;
  maxLength?: number;
}

export interface OfficialPdf {
  /** The path as the case wrote it. */
  name: string;
  bytes: Uint8Array;
  pages: OfficialPage[];
  fields: AcroField[];
  /** Which version of the form this is: a known map is kept for the form by this fingerprint. */
  sha256: string;
}

export type OfficialPdfResult = { ok: true; pdf: OfficialPdf } | { ok: false; problem: Bilingual; hint: Bilingual };

export async function readOfficialPdf(caseDir: FolderOf, name: string): Promise<OfficialPdfResult> {
  const read = await readPdf(caseDir, name);
  if (!read.ok) return read;
  // Filled by appending to it: its last cross-reference section must be where the file says.
  if (!lastCrossReference(read.pdf.bytes))
    return { ok: false, problem: { ja: `PDF「${name}」は壊れていて（相互参照表の位置が違います）、そのまま書き足せません。`,
      en: `The PDF "${name}" is damaged (its cross-reference table is not where the file says), so it cannot be added to as it is.` },
    hint: { ja: 'PDF ビューアーで開き、「PDF として印刷」または名前を付けて保存し直してください。', en: 'Open it in a PDF viewer and print it to PDF, or save it again.' } };
  const doc = await PDFDocument.load(read.pdf.bytes, { updateMetadata: false });
  if (fieldTreeLoops(doc))
    return { ok: false, problem: { ja: `PDF「${name}」のフォームのフィールドが壊れています（フィールドの親子がたどり終わりません）。`,
      en: `The form fields of the PDF "${name}" are damaged (their parents and children never end).` },
    hint: { ja: 'PDF ビューアーで開き、「PDF として印刷」または名前を付けて保存し直してください。', en: 'Open it in a PDF viewer and print it to PDF, or save it again.' } };
  const pages = doc.getPages().map((p, i): OfficialPage => {
    const b = p.getCropBox();
    return { crop: { x: b.x, y: b.y, w: b.width, h: b.height }, rotate: read.pdf.pages[i].rotate };
  });
  return { ok: true, pdf: { name, bytes: read.pdf.bytes, pages, fields: acroFields(doc, pages), sha256: createHash('sha256').update(read.pdf.bytes).digest('hex') } };
}

/** Fields nested this deep are a loop or an attack: a real form nests two or three levels. */
const MAX_FIELD_DEPTH = 32;

/**
 * Whether the AcroForm's field tree loops (a field among its own /Kids, or up its own /Parent
 * chain), is shared, or nests past MAX_FIELD_DEPTH: pdf-lib walks it by recursion and ran out of
 * stack (an internal error, issue 21's hostile pass). A field of the wrong type counts as damage too.
 */
function fieldTreeLoops(doc: PDFDocument): boolean {
  const form = doc.catalog.getAcroForm();
  if (!form) return false;
  const seen = new Set<PDFDict>();
  const parentsLoop = (field: PDFDict) => {
    const chain = new Set<PDFDict>();
    for (let d: PDFDict | undefined = field; d; d = d.lookupMaybe(PDFName.of('Parent'), PDFDict)) {
      if (chain.has(d) || chain.size > MAX_FIELD_DEPTH) return true;
      chain.add(d);
    }
    return false;
  };
  const loops = (fields: PDFArray | undefined, depth: number): boolean => {
    if (!fields) return false;
    if (depth > MAX_FIELD_DEPTH) return true;
    for (let i = 0; i < fields.size(); i++) {
      const field = fields.lookupMaybe(i, PDFDict);
      if (!field) continue;
      if (seen.has(field) || parentsLoop(field)) return true;
      seen.add(field);
      if (loops(field.lookupMaybe(PDFName.of('Kids'), PDFArray), depth + 1)) return true;
    }
    return false;
  };
  try {
    return loops(form.dict.lookupMaybe(PDFName.of('Fields'), PDFArray), 0);
  } catch {
    return true;
  }
}

/** The terminal fields of the document's AcroForm (none when it has none), read without changing the document. */
function acroFields(doc: PDFDocument, pages: OfficialPage[]): AcroField[] {
  const form = doc.catalog.getAcroForm();
  if (!form) return [];
  const pageOf = annotationPages(doc);
  return form.getAllFields().flatMap(([field, ref]): AcroField[] => {
    if (!(field instanceof PDFAcroTerminal)) return [];
    const name = field.getFullyQualifiedName() ?? '';
    const widgets = widgetsOf(field, ref).flatMap((w) => {
      const page = pageOf.get(w.ref.toString());
      return page === undefined ? [] : [{ page, rect: pageRectShown(pages[page], w.widget.getRectangle()) }];
    });
    const kind = field instanceof PDFAcroText ? 'text' : field instanceof PDFAcroCheckBox ? 'checkbox' : 'other';
    const text = field instanceof PDFAcroText ? field : undefined;
    const comb = text?.hasFlag(AcroTextFlags.Comb) && text.getMaxLength();
    return [{
      name, kind, widgets, size: appearanceSize(field.getDefaultAppearance()),
      align: (['left', 'center', 'right'] as const)[text?.getQuadding() ?? 0] ?? 'left',
      multiline: !!text?.hasFlag(AcroTextFlags.Multiline),
      ...(comb ? { cells: comb } : {}),
      ...(text?.getMaxLength() ? { maxLength: text.getMaxLength() } : {}),
    }];
  });
}

/** The size in a /DA string ("/Helv 10 Tf 0 g"); 0 (fit the box) or none gives undefined. */
export function appearanceSize(da: string | undefined): number | undefined {
  const size = Number(/([\d.]+)\s+Tf/.exec(da ?? '')?.[1]);
  return size > 0 ? size : undefined;
}

const align = z.enum(['left', 'center', 'right']);
const size = () => z.number().min(2).max(72);

/** How a value's text is set in its box; each map-wide default is overridden by the entry. */
const style = {
  size: size().optional().describe(doc('文字の大きさ（pt）', 'Text size (pt)')),
  min_size: size().optional().describe(doc('収まらないときに縮めてよい最小の大きさ（pt）', 'The least size the text may shrink to (pt)')),
  line_height: z.number().min(0.8).max(3).optional().describe(doc('行の高さ（文字の大きさの倍数）', 'Line height, as a multiple of the size')),
  padding: z.number().min(0).max(20).optional().describe(doc('枠の内側の余白', 'Room inside the box edge')),
};

const placement = z.strictObject({
  value: text().optional().describe(doc('書き込む値の名前（省略するとこの項目の名前）', "The value written here (default: this entry's name)")),
  page: z.number().int().min(1).optional().describe(doc('ページ（1から）', 'Page (from 1)')),
  box: z.tuple([z.number(), z.number(), z.number().positive(), z.number().positive()]).optional().describe(doc(
    '枠: [左, 上, 幅, 高さ]（ページの左上から。unit の単位）', 'The box: [left, top, width, height] from the top left of the page, in the unit')),
  field: text().optional().describe(doc('PDF 自身の入力欄（AcroForm）の名前', "The name of the PDF's own form field (AcroForm)")),
  ...style,
  align: align.optional().describe(doc('横の揃え: left、center、right', 'Alignment: left, center or right')),
  valign: z.enum(['top', 'middle', 'bottom']).optional().describe(doc('縦の揃え: top、middle、bottom', 'Vertical alignment: top, middle or bottom')),
  wrap: z.boolean().optional().describe(doc('枠の幅で折り返すか', 'Whether lines break at the box width')),
  cells: z.number().int().min(1).optional().describe(doc('1文字ずつ入れるマス目の数（郵便番号の枠など）', 'Equal cells taking one character each (a postal code)')),
  mark: text().optional().describe(doc('true の値のときに書く印（既定 ✓）', 'What is drawn for a value that is true (default ✓)')),
}).superRefine((p, ctx) => {
  if (p.field === undefined && (p.page === undefined || p.box === undefined))
    ctx.addIssue({ code: 'custom', ...say('page と box（位置）か、field（PDF の入力欄の名前）を書いてください。',
      'Give page and box (a position), or field (the name of a form field of the PDF).') });
  if (p.field !== undefined && (p.page !== undefined || p.box !== undefined))
    ctx.addIssue({ code: 'custom', ...say('field を使うときは page と box は書けません（位置は入力欄のものです）。',
      'With field, leave out page and box: the position is the form field\'s.') });
});
export type MapPlacement = z.output<typeof placement>;

export const FIELD_MAP_SCHEMA = z.strictObject({
  form: text().optional().describe(doc('この地図の様式（既知の版のとき）', 'The form this map is for (a known version)')),
  document: text().optional().describe(doc('この地図の書類', 'The document this map is for')),
  version: text().optional().describe(doc('様式の版（例: 2024年4月版）', 'The version of the form (e.g. April 2024)')),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, say('sha256 は64桁の16進数です。', 'sha256 is 64 hexadecimal digits.')).optional().describe(doc(
    'この地図が作られた PDF の SHA-256（違う PDF には注意が出ます）', 'SHA-256 of the PDF this map was made for (another PDF gets a warning)')),
  unit: z.enum(['pt', 'mm']).default('pt').describe(doc('box の単位: pt（既定）か mm', 'Unit of the boxes: pt (default) or mm')),
  ...style,
  fields: z.record(z.string(), placement).describe(doc('値ごとの置き場所（項目の名前が値の名前）', 'Where each value goes (an entry is named by its value)')),
});
export type FieldMap = z.output<typeof FIELD_MAP_SCHEMA>;

export type FieldMapResult = { ok: true; map: FieldMap; parsed: ParsedCase } | { ok: false; problems: Problem[] };

/** A map is a page of positions: 1 MB is far more than any form needs. */
const MAX_MAP_BYTES = 1024 * 1024;

/** `where`: the case's path naming the map, for a problem reading the file itself. */
export function readFieldMap(caseDir: FolderOf, name: string, where: (string | number)[]): FieldMapResult {
  const read = readNamedFile(caseDir, name, MAX_MAP_BYTES, { ja: 'フィールドマップ', en: 'The field map' },
    { ja: '様式1枚分の位置だけを書いてください。', en: 'Keep to the positions of one form.' });
  if (!read.ok) return { ok: false, problems: [error(where, read.problem.ja, read.problem.en, read.hint)] };
  return parseFieldMap(namedPath(caseDir, name), read.bytes, where);
}

/** A map's bytes, as a known map in the project's data or a clerk's file: problems carry the file's line and column. */
export function parseFieldMap(file: string, bytes: Uint8Array, where: (string | number)[]): FieldMapResult {
  let source: string;
  try {
    source = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return { ok: false, problems: [error(where, `フィールドマップ「${file}」を UTF-8 のテキストとして読めません。`,
      `The field map "${file}" is not UTF-8 text.`, { ja: 'UTF-8 で保存し直してください。', en: 'Save it again as UTF-8.' })] };
  }
  const parsed = parseCaseText(file, source);
  if (!parsed.ok) return parsed;
  const valid = validate(FIELD_MAP_SCHEMA, parsed.parsed);
  if (!valid.ok) return valid;
  return { ok: true, map: valid.value, parsed: parsed.parsed };
}

/**
 * The map the project keeps for this version of a form (a YAML file in `dir` whose sha256 is the
 * PDF's and whose form and document are these), if there is one.
 */
export function knownFieldMap(dir: URL, sha256: string, form: string, document: string): { file: string; bytes: Uint8Array } | undefined {
  if (!existsSync(dir)) return undefined;
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort()) {
    const url = new URL(name, dir);
    const bytes = readFileSync(url);
    const head = parseYaml(bytes.toString('utf8')) as { form?: unknown; document?: unknown; sha256?: unknown } | null;
    if (head?.sha256 === sha256 && head.form === form && head.document === document) return { file: url.pathname, bytes: new Uint8Array(bytes) };
  }
  return undefined;
}
