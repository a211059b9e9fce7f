/**
 * Components that paperwork of every form is made of, composed from the model's general blocks:
 * address blocks, form grids, the 収入印紙 box and a line to sign on.
 */
import type { Box, KeyValue, Paragraph, Table } from '../../model/document.js';

type Line = string | false | null | undefined;
const given = (rows: Line[]) => rows.filter((r): r is string => !!r);

/** Lines set from `left` (a fraction of the text width), the first labelled with `label` if given. */
export function addressBlock(rows: Line[], left: number, label = '', before?: number): Omit<KeyValue, 'kind'> {
  return {
    left, keyWidth: label ? label.length + 1 : 0, before,
    rows: given(rows).map((value, i) => ({ key: i === 0 ? label : '', value })),
  };
}

/**
 * A form grid: label cells on the left, what is filled in on the right, no heading row. A row whose
 * value is absent is left out; an empty string keeps the row, as a cell to fill in by hand.
 */
export function formGrid(rows: [string, Line][], keyShare = 0.3, size?: number): Omit<Table, 'kind'> {
  return {
    columns: [{ header: '項目', width: keyShare }, { header: '内容', width: 1 - keyShare }],
    rows: rows.filter((r): r is [string, string] => typeof r[1] === 'string'),
    headerRow: false,
    size,
  };
}

/**
 * 収入印紙 box: a framed box top left with its label at the top, the amount large in the middle
 * and the breakdown into stamps small at the bottom; the date beside it at the right margin.
 * 60 × 36 mm holds three stamps side by side; the sizes are the first version's, read off seed 004's 様式.
 */
export function stampBox(amount: string, breakdown: string | undefined, beside: string): Omit<Box, 'kind'> {
  return {
    widthMm: 60,
    heightMm: 36,
    lines: [
      { text: '収入印紙', size: 9, place: 'top' },
      { text: amount, size: 14, place: 'middle' },
      ...(breakdown ? [{ text: breakdown, size: 7.5, place: 'bottom' as const }] : []),
    ],
    beside,
  };
}

/**
 * A line to sign on: the label, then an underlined run to the right margin, starting at `at` (a
 * fraction of the text width). Half a line more space above it leaves room for the pen.
 */
export function signatureLine(label: string, at: number, before = 0): Paragraph {
  return { kind: 'paragraph', text: label, runs: [{ text: label }, { text: '', fill: true }], at, before: before + 0.5 };
}
