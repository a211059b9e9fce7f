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

/** The value in force on `isoDate`, for tables that start before any case can be dated. */
export function valueInForce<T>(table: readonly Dated<T>[], isoDate: string): T {
  const entry = inForceOn(table, isoDate);
  if (!entry) throw new Error(`no legal value in force on ${isoDate}`);
  return entry.value;
}
