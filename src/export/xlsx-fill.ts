/**
 * Fills cells of a workbook the user gave (the NDL's candidate list) by editing only those cells in
 * its sheet's XML. Everything else — other sheets, styles, widths, frozen panes, shared strings, and
 * whatever a library would not know — stays exactly as it was, and a 30,000-row list is filled in
 * well under a second where an exceljs read-and-rewrite took 13 s (it parses and writes every cell).
 * fflate reads and writes the zip; the XML is edited as text at the rows and cells addressed, the
 * way Excel writes them (<row r="5">…<c r="H5" s="3"/>…</row>).
 */
import { unzipSync, zipSync } from 'fflate';
import type { FilledSheet } from '../model/document.js';

const decoder = new TextDecoder();
const encoder = new TextEncoder();

/**
 * The workbook with the cells filled, or null when its sheet is not written the way this edits (a
 * namespace prefix on the elements, a cell without its address): the caller then rewrites it whole.
 */
export function fillSheetXml(filled: FilledSheet): Uint8Array | null {
  const files = unzipSync(filled.source.bytes);
  const path = sheetPath(files, filled.source.sheet);
  const xml = decoder.decode(files[path]);
  if (!/<sheetData[\s>]/.test(xml) || /<c(?![^>]*\br=")[\s>/]/.test(xml)) return null;
  const byRow = new Map<number, FilledSheet['edits']>();
  for (const e of filled.edits) byRow.set(e.row, [...(byRow.get(e.row) ?? []), e]);
  files[path] = encoder.encode(fillRows(xml, byRow));
  return zipSync(files, { level: 6 });
}

/** The part holding the named sheet (or the first): workbook.xml names it, its relationships locate it. */
function sheetPath(files: Record<string, Uint8Array>, name: string | undefined): string {
  const workbook = decoder.decode(files['xl/workbook.xml']);
  const sheets = [...workbook.matchAll(/<sheet\b[^>]*>/g)].map((m) => ({
    name: unescapeXml(/\bname="([^"]*)"/.exec(m[0])?.[1] ?? ''), id: /\br:id="([^"]*)"/.exec(m[0])?.[1],
  }));
  const sheet = name === undefined ? sheets[0] : sheets.find((s) => s.name === name);
  const rels = decoder.decode(files['xl/_rels/workbook.xml.rels']);
  const rel = [...rels.matchAll(/<Relationship\b[^>]*>/g)].map((m) => m[0]).find((r) => r.includes(`Id="${sheet?.id}"`));
  const target = rel && /\bTarget="([^"]*)"/.exec(rel)?.[1];
  if (!target) throw new Error(`the workbook no longer has the sheet ${name ?? '(first)'}`);
  const part = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
  if (!files[part]) throw new Error(`the workbook's sheet part ${part} is missing`);
  return part;
}

/** Each row with edits gets its cells set; a row the sheet lacks is added in its place. */
function fillRows(xml: string, byRow: Map<number, FilledSheet['edits']>): string {
  const rows = [...byRow.keys()].sort((a, b) => a - b);
  let out = '';
  let at = 0;
  for (const r of rows) {
    const found = findRow(xml, r, at);
    if (found.kind === 'row') {
      out += xml.slice(at, found.start) + setCells(xml.slice(found.start, found.end), r, byRow.get(r)!);
      at = found.end;
    } else {
      out += xml.slice(at, found.start) + setCells(`<row r="${r}"/>`, r, byRow.get(r)!);
      at = found.start;
    }
  }
  return out + xml.slice(at);
}

/** Where row r is (from `from` on, rows being in order), or where it would go. */
function findRow(xml: string, r: number, from: number): { kind: 'row' | 'gap'; start: number; end: number } {
  const re = /<row\b[^>]*?\br="(\d+)"[^>]*?(\/>|>)/g;
  re.lastIndex = from;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    const n = Number(m[1]);
    if (n < r) continue;
    if (n > r) return { kind: 'gap', start: m.index, end: m.index };
    const end = m[2] === '/>' ? m.index + m[0].length : xml.indexOf('</row>', m.index) + '</row>'.length;
    return { kind: 'row', start: m.index, end };
  }
  const close = xml.indexOf('</sheetData>', from);
  if (close < 0) throw new Error('the sheet has no sheetData');
  return { kind: 'gap', start: close, end: close };
}

/** A row's XML with the given cells set to inline text, each keeping its style; cells stay in column order. */
function setCells(row: string, r: number, edits: FilledSheet['edits']): string {
  const selfClosing = row.endsWith('/>');
  const open = selfClosing ? row.slice(0, -2) + '>' : row.slice(0, row.indexOf('>') + 1);
  let body = selfClosing ? '' : row.slice(open.length, -'</row>'.length);
  for (const e of [...edits].sort((a, b) => a.column - b.column)) {
    const ref = `${columnName(e.column)}${r}`;
    const cells = [...body.matchAll(/<c\b[^>]*?\br="([A-Z]+)\d+"[^>]*?(?:\/>|>[\s\S]*?<\/c>)/g)];
    const same = cells.find((c) => c[1] === columnName(e.column));
    const style = same && /\bs="(\d+)"/.exec(same[0].slice(0, same[0].indexOf('>')))?.[1];
    const cell = `<c r="${ref}"${style ? ` s="${style}"` : ''} t="inlineStr"><is><t xml:space="preserve">${escapeXml(e.value)}</t></is></c>`;
    if (same) body = body.slice(0, same.index!) + cell + body.slice(same.index! + same[0].length);
    else {
      const after = cells.find((c) => columnNumber(c[1]) > e.column);
      const at = after ? after.index! : body.length;
      body = body.slice(0, at) + cell + body.slice(at);
    }
  }
  return `${open}${body}</row>`;
}

const columnName = (n: number): string => (n <= 0 ? '' : columnName(Math.floor((n - 1) / 26)) + String.fromCharCode(65 + ((n - 1) % 26)));
const columnNumber = (name: string): number => [...name].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
  // Characters XML 1.0 cannot hold are left out rather than written as a broken file.
  .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '');
const unescapeXml = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
