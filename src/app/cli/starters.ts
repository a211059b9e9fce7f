/**
 * `yoshiki new <form>`: a starter case file per form, kept in starters/<form>.yaml with comments in
 * the form's language. Dates are written relative to today ({{today}}, {{today-21}},
 * {{fiscal_year}}) so a starter checks and renders whatever day it is made on.
 */
import { existsSync, readFileSync } from 'node:fs';
import { addDays, fiscalYearOf } from '../../base/format.js';

const DIR = new URL('../../../starters/', import.meta.url);

export function hasStarter(form: string): boolean {
  return /^[a-z-]+$/.test(form) && existsSync(new URL(`${form}.yaml`, DIR));
}

export function starter(form: string, today: string): string {
  return readFileSync(new URL(`${form}.yaml`, DIR), 'utf8')
    .replace(/\{\{today([+-]\d+)?\}\}/g, (_, days?: string) => addDays(today, Number(days ?? 0)))
    .replace(/\{\{fiscal_year\}\}/g, () => String(fiscalYearOf(today)));
}
