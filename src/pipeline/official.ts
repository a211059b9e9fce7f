/**
 * A case's `official_forms:`: each names the agency's own PDF for one of its documents (and a field
 * map). Here the named files are read, each document's values matched to places on its PDF — the
 * map's boxes, the PDF's AcroForm fields of the same name, or the map the project keeps for that
 * version of the form — and fitted (src/layout/fit.ts), so that every mistake and every value too
 * long for its box is a problem at check time, naming the field. The document then carries its
 * official form, and its PDF is written onto it (src/export/pdf-overlay.ts).
 */
import type { FolderOf } from '../input/named-file.js';
import { closest } from 'fastest-levenshtein';
import { error, type FieldPath, type Problem } from '../base/problem.js';
import { messages } from '../forms/kit/messages.js';
import type { FormPlugin } from '../forms/kit/plugin.js';
import { TEMPLATES_ROOT } from '../forms/kit/templates.js';
import {
  knownFieldMap, parseFieldMap, readFieldMap, readOfficialPdf, type AcroField, type FieldMap, type MapPlacement, type OfficialPdf,
} from '../input/official-form.js';
import type { ParsedCase } from '../input/parse.js';
import { locate, positionOf } from '../input/validate.js';
import { layoutOverlay, type Overflow } from '../layout/fit.js';
import { isPaper, MM, type DocumentModel, type Output } from '../model/document.js';
import { shownSize, type FieldValues, type OfficialForm, type Placement, type Rect } from '../model/official-form.js';
import { STYLE } from '../model/style.js';
import type { FontChain } from '../typeset/fonts.js';

const m = messages('official-form');

/** The field maps yoshiki keeps for known versions of agencies' forms, found by the PDF's SHA-256. */
export const KNOWN_MAPS = new URL('official-forms/', TEMPLATES_ROOT);

/** What a case names for one document. */
export interface Named { file: string; map?: string }

interface MapRead { map: FieldMap; parsed: ParsedCase }
/** A document's official form as read: its PDF and the map the case names, if it names one. */
export interface ReadForm { key: string; pdf: OfficialPdf; map?: MapRead }

export async function readOfficialForms(named: Record<string, Named>, caseDir: FolderOf): Promise<{ read: ReadForm[]; problems: Problem[] }> {
  const read: ReadForm[] = [];
  const problems: Problem[] = [];
  for (const [key, spec] of Object.entries(named)) {
    const pdf = await readOfficialPdf(caseDir, spec.file);
    if (!pdf.ok) {
      problems.push(error(['official_forms', key, 'file'], pdf.problem.ja, pdf.problem.en, pdf.hint));
      continue;
    }
    const map = spec.map === undefined ? undefined : readFieldMap(caseDir, spec.map, ['official_forms', key, 'map']);
    if (map && !map.ok) problems.push(...map.problems);
    else read.push({ key, pdf: pdf.pdf, map: map && { map: map.map, parsed: map.parsed } });
  }
  return { read, problems };
}

/** Matches and fits each named form's values; a form with no error is set on its document. */
export function applyOfficialForms(plugin: FormPlugin, outputs: Output[], read: ReadForm[], chain: FontChain): Problem[] {
  return read.flatMap((r) => applyOne(plugin, outputs, r, chain));
}

function applyOne(plugin: FormPlugin, outputs: Output[], r: ReadForm, chain: FontChain): Problem[] {
  const at: FieldPath = ['official_forms', r.key];
  const found = documentFor(plugin, outputs, r.key, at);
  if ('problem' in found) return [found.problem];
  const { doc, values } = found;
  const known = r.map ? undefined : knownMap(r, plugin.id, at);
  if (known && !known.ok) return known.problems;
  const map = r.map ?? known?.map;
  const built = placementsOf(r.pdf, map, values, at);
  built.problems.push(...undrawableMarks(built.placements, chain));
  if (built.problems.some((p) => p.severity === 'error')) return built.problems;
  if (built.placements.length === 0) return [noPlaces(r.pdf, values, at)];
  const form: OfficialForm = { file: r.pdf.name, bytes: r.pdf.bytes, pages: r.pdf.pages, placements: built.placements };
  const plan = layoutOverlay(form, values, chain);
  const problems = [...built.problems, ...plan.overflows.map((o) => overflow(o, at)), ...unplaced(values, built.placements, at)];
  if (map?.map.sha256 && map.map.sha256 !== r.pdf.sha256)
    problems.push(locate(m.warning('official-form-map-other-version', ['sha256'], { expected: map.map.sha256.slice(0, 12), actual: r.pdf.sha256.slice(0, 12) }), map.parsed));
  if (!problems.some((p) => p.severity === 'error')) doc.official = form;
  return problems;
}

/** The paper a key names, with its values; or why there is none to write. */
function documentFor(plugin: FormPlugin, outputs: Output[], key: string, at: FieldPath): { doc: DocumentModel; values: FieldValues } | { problem: Problem } {
  const names = plugin.documents.map((d) => d.name);
  if (!names.includes(key)) {
    return { problem: m.error('official-form-unknown-document', at, { key, form: plugin.id, guess: closest(key, names), names: names.join(', ') }) };
  }
  const doc = outputs.find((o): o is DocumentModel => o.name === key && isPaper(o));
  if (!doc) return { problem: m.error('official-form-not-made', at, { key }) };
  if (!(doc.formats ?? []).includes('pdf')) return { problem: m.error('official-form-not-pdf', at, { key }) };
  const values = doc.fields;
  if (!values) return { problem: m.error('official-form-no-values', at, { key, names: plugin.documents.filter((d) => d.fields).map((d) => d.name).join(', ') || '—' }) };
  return { doc, values };
}

/** The map yoshiki keeps for this very PDF (by its SHA-256), read like a clerk's map. */
function knownMap(r: ReadForm, form: string, at: FieldPath): { ok: true; map: MapRead } | { ok: false; problems: Problem[] } | undefined {
  const found = knownFieldMap(KNOWN_MAPS, r.pdf.sha256, form, r.key);
  if (!found) return undefined;
  const parsed = parseFieldMap(found.file, found.bytes, at);
  return parsed.ok ? { ok: true, map: { map: parsed.map, parsed: parsed.parsed } } : parsed;
}

/** Value names as a map may write them: a numbered item's number stands for any (items.N.title). */
const pattern = (name: string) => name.replace(/\.\d+(?=\.|$)/g, '.N');

/**
 * Where each value goes: the map's entries (a box, or a field of the PDF it names), then the PDF's
 * text fields and check boxes named as a value the map does not place.
 */
function placementsOf(pdf: OfficialPdf, map: MapRead | undefined, values: FieldValues, at: FieldPath): { placements: Placement[]; problems: Problem[] } {
  const fields = new Map(pdf.fields.map((f) => [f.name, f]));
  const entries = Object.entries(map?.map.fields ?? {}).map(([entry, p]) => mapEntry(entry, p, map!, pdf, values, fields));
  const placements = entries.flatMap((e) => e.placements);
  const problems = entries.flatMap((e) => e.problems);
  const taken = new Set(placements.flatMap((p) => [p.value, ...(p.acroField ? [p.acroField] : [])]));
  for (const field of pdf.fields)
    if (!taken.has(field.name) && field.kind !== 'other' && Object.hasOwn(values, field.name))
      placements.push(...fieldPlacements(field, field.name, { field: field.name }, undefined, map?.map));
  for (const p of placements)
    if (p.acroField && fields.get(p.acroField)?.kind === 'checkbox' && typeof values[p.value] === 'string' && values[p.value] !== '')
      problems.push({ ...m.error('official-form-not-text', p.where.file ? ['fields', p.where.entry!] : at, { value: p.value, field: p.acroField }), ...pick(p.where) });
  return { placements, problems };
}

/** One entry of a map: its places (the PDF field's widgets, or its box), or its mistakes at its line. */
function mapEntry(entry: string, p: MapPlacement, map: MapRead, pdf: OfficialPdf, values: FieldValues, fields: Map<string, AcroField>): { placements: Placement[]; problems: Problem[] } {
  const value = p.value ?? entry;
  const path: FieldPath = ['fields', entry];
  const refused = (problem: Problem) => ({ placements: [], problems: [locate(problem, map.parsed)] });
  const where = { entry, file: map.parsed.file, ...positionOf(path, map.parsed, true) };
  if (!Object.hasOwn(values, value) && !new Set(Object.keys(values).map(pattern)).has(pattern(value)))
    return refused(m.error('official-form-unknown-value', p.value ? [...path, 'value'] : path, { value, suggestion: valueSuggestion(value, values) }));
  if (p.field === undefined) {
    const placed = boxPlacement(pdf, map.map, p, value, where);
    return 'problem' in placed ? refused({ ...placed.problem, path: [...path, placed.problem.path[0]] }) : { placements: [placed.placement], problems: [] };
  }
  const field = fields.get(p.field);
  if (!field) return refused(m.error('official-form-unknown-field', [...path, 'field'], { file: pdf.name, field: p.field, fields: fieldList(pdf) }));
  if (field.kind === 'other') return refused(m.error('official-form-field-kind', [...path, 'field'], { field: p.field }));
  return { placements: fieldPlacements(field, value, where, p, map.map), problems: [] };
}

/** A map's mark no font can draw would print as an empty box: refused at its line. */
function undrawableMarks(placements: Placement[], chain: FontChain): Problem[] {
  const seen = new Set<string>();
  return placements.flatMap((p) => {
    const key = `${p.where.entry}\n${p.mark}`;
    if (seen.has(key) || chain.missing(p.mark).length === 0) return [];
    seen.add(key);
    return [{ ...m.error('official-form-mark-undrawable', p.where.entry ? ['fields', p.where.entry, 'mark'] : ['official_forms'], { mark: p.mark }), ...pick(p.where) }];
  });
}

const pick = (w: Placement['where']) => (w.file ? { file: w.file, line: w.line, column: w.column } : {});

/** How a placement sets its text: the map entry's word, else the map's, else the PDF field's, else the house style. */
function styleOf(entry: Partial<MapPlacement> | undefined, map: FieldMap | undefined, field: AcroField | undefined) {
  const d = STYLE.official;
  const size = entry?.size ?? map?.size ?? field?.size ?? d.size;
  const wrap = entry?.wrap ?? field?.multiline ?? false;
  return {
    size, minSize: Math.min(size, entry?.min_size ?? map?.min_size ?? d.minSize), wrap,
    align: entry?.align ?? field?.align ?? 'left', valign: entry?.valign ?? (wrap ? 'top' : 'middle'),
    lineHeight: entry?.line_height ?? map?.line_height ?? d.lineHeight,
    padding: entry?.padding ?? map?.padding ?? (field ? d.fieldPadding : d.padding),
    mark: entry?.mark ?? d.mark,
    ...(entry?.cells ?? field?.cells ? { cells: entry?.cells ?? field?.cells } : {}),
  } as const;
}

function fieldPlacements(field: AcroField, value: string, where: Placement['where'], entry: MapPlacement | undefined, map: FieldMap | undefined): Placement[] {
  return field.widgets.map((w) => ({ value, where, page: w.page, box: w.rect, ...styleOf(entry, map, field), acroField: field.name }));
}

/** A map's box on its page: [left, top, width, height] from the page's top left, in the map's unit. */
function boxPlacement(pdf: OfficialPdf, map: FieldMap, p: MapPlacement, value: string, where: Placement['where']): { placement: Placement } | { problem: Problem } {
  const page = p.page! - 1;
  if (page >= pdf.pages.length) return { problem: m.error('official-form-page', ['page'], { page: p.page!, file: pdf.name, pages: pdf.pages.length }) };
  const unit = map.unit === 'mm' ? MM : 1;
  const { width, height } = shownSize(pdf.pages[page]);
  const [left, top, w, h] = p.box!.map((v) => v * unit);
  // Half a point of slack: a box drawn to the page's edge, measured in mm, may round past it.
  if (left < -0.5 || top < -0.5 || left + w > width + 0.5 || top + h > height + 0.5) {
    const size = (v: number) => String(Math.round((v / unit) * 10) / 10);
    return { problem: m.error('official-form-box-outside', ['box'], { width: size(width), height: size(height), unit: map.unit }) };
  }
  const box: Rect = { x: left, y: height - top - h, w, h };
  return { placement: { value, where, page, box, ...styleOf(p, map, undefined) } };
}

function noPlaces(pdf: OfficialPdf, values: FieldValues, at: FieldPath): Problem {
  const fields = pdf.fields.length
    ? { ja: `PDF の入力欄: ${fieldList(pdf)}`, en: `Its form fields: ${fieldList(pdf)}` }
    : { ja: 'PDF には入力欄がありません。', en: 'It has no form fields.' };
  return m.error('official-form-no-places', at, { file: pdf.name, fields, values: valueList(values) });
}

const fieldList = (pdf: OfficialPdf) => pdf.fields.map((f) => f.name).join(', ') || '—';
/** The value names, a numbered item's written once (items.N.title). */
const valueList = (values: FieldValues) => [...new Set(Object.keys(values).map(pattern))].join(', ');

function valueSuggestion(value: string, values: FieldValues): { ja: string; en: string } {
  const guess = closest(value, Object.keys(values));
  return { ja: `「${guess}」ではありませんか。値の名前: ${valueList(values)}`, en: `Did you mean "${guess}"? The values: ${valueList(values)}` };
}

const pt = (v: number) => String(Math.round(v * 10) / 10);

/** A value too long for its box: an error at the map's entry, or at the case's official_forms entry for a field of the PDF. */
function overflow(o: Overflow, at: FieldPath): Problem {
  const p = o.placement;
  const where = p.where.field && !p.where.file
    ? { ja: `入力欄「${p.where.field}」`, en: `form field "${p.where.field}"` }
    : { ja: `フィールドマップ ${p.where.line ?? '?'}行目`, en: `field map, line ${p.where.line ?? '?'}` };
  const path = p.where.file ? ['fields', p.where.entry!] : at;
  const text = o.text.length > 40 ? `${o.text.slice(0, 40)}…` : o.text;
  const problem = o.fit.characters !== undefined
    ? m.error('official-form-too-many-characters', path, { value: p.value, characters: o.fit.characters, cells: p.cells!, where })
    : m.error('official-form-overflow', path, {
      value: p.value, where, text, size: pt(o.fit.size), width: pt(o.fit.width), height: pt(o.fit.height), lines: o.fit.lines,
      roomWidth: pt(o.fit.room.width), roomHeight: pt(o.fit.room.height),
    });
  return { ...problem, ...pick(p.where) };
}

/** Values with something to print that no place receives: a warning listing them. */
function unplaced(values: FieldValues, placements: Placement[], at: FieldPath): Problem[] {
  const placed = new Set(placements.map((p) => p.value));
  const left = Object.entries(values).filter(([name, v]) => !placed.has(name) && v !== '' && v !== false).map(([name]) => name);
  return left.length ? [m.warning('official-form-values-unplaced', at, { values: left.join(', ') })] : [];
}
