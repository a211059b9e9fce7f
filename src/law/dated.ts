/**
 * Legal constants change over time: each value carries the date it took effect and its source,
 * and a case is judged by the value in force on its own date.
 */
export interface Dated<T> {
  /** ISO date the value took effect (inclusive). */
  from: string;
  value: T;
  /** Where the value comes from: statute and the seed document that states it. */
  source: string;
}

/** The entry in force on `isoDate`, or undefined when the date precedes every entry. */
export function inForceOn<T>(table: readonly Dated<T>[], isoDate: string): Dated<T> | undefined {
  let found: Dated<T> | undefined;
  for (const entry of table) if (entry.from <= isoDate && (!found || entry.from >= found.from)) found = entry;
  return found;
}

/**
 * A case dated before the first entry of a table it is judged by: yoshiki does not know the rules
 * of that time. Thrown by valueInForce; the pipeline turns it into an error at the date's field,
 * naming `earliest` (the table's first date).
 */
export class BeforeDatedData extends Error {
  constructor(readonly date: string, readonly earliest: string) {
    super(`no legal value in force on ${date} (the data start on ${earliest})`);
  }
}

/** The earliest date a table has a value for. */
export const firstDate = <T>(table: readonly Dated<T>[]): string => table.reduce((first, e) => (e.from < first ? e.from : first), table[0].from);

/** The value in force on `isoDate`; a date before the table's first entry throws BeforeDatedData. */
export function valueInForce<T>(table: readonly Dated<T>[], isoDate: string): T {
  const entry = inForceOn(table, isoDate);
  if (!entry) throw new BeforeDatedData(isoDate, firstDate(table));
  return entry.value;
}
