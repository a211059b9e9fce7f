/** Block shapes that paperwork of every form is made of: address blocks and form grids. */
import type { KeyValue, Table } from '../../model/document.js';

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
