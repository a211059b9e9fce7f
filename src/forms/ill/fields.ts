/**
 * The named values of the ILL papers, for writing them onto the NDL's own forms (README "The
 * agency's own form"): the same facts as the papers print, in the same words. Items are numbered
 * from 1 (`items.1.title`); a value the case leaves out is "".
 */
import { valueInForce } from '../../law/dated.js';
import { ILL_AGENCY_FORMS } from '../../law/data/ill.js';
import type { AgencyForm, FieldValues } from '../../model/official-form.js';
import { letterhead, type Library } from './common.js';

/** The borrowing library: each part, the address as lines, and the whole letterhead. */
export function libraryFields(l: Library): FieldValues {
  return {
    library: letterhead(l).join('\n'),
    'library.name': l.name,
    'library.postal_address': (l.postal_address ?? []).join('\n'),
    'library.country': l.country ?? '',
    'library.address': [...(l.postal_address ?? []), l.country].filter(Boolean).join('\n'),
    'library.phone': l.phone ?? '',
    'library.fax': l.fax ?? '',
    'library.email': l.email ?? '',
    'library.url': l.url ?? '',
  };
}

/** Each item's values under items.<n>. (n from 1), and their count. */
export function itemFields<T>(items: T[], values: (item: T) => Record<string, string | boolean>): FieldValues {
  const out: FieldValues = { 'items.count': String(items.length) };
  items.forEach((item, i) => {
    for (const [key, value] of Object.entries(values(item))) out[`items.${i + 1}.${key}`] = value;
  });
  return out;
}

/** The NDL's own form for one of the ILL papers, as in force on the paper's date. */
export const illAgencyForm = (paper: 'registration' | 'request' | 'receipt') => (_c: unknown, d: { date: string }): AgencyForm =>
  valueInForce(ILL_AGENCY_FORMS, d.date)[paper];
