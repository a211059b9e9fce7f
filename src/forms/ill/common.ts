/**
 * What the three NDL interlibrary-loan forms share (seed 002, English): the borrowing library's
 * details, English dates, the NDL data in force on the case's date, and the templates/ill folder.
 */
import { z } from 'zod';
import { text } from '../../case/fields.js';
import { formTemplates } from '../../compose/templates.js';

/** The borrowing library as it writes its own name and address (lines as on an envelope). */
export const librarySchema = z.strictObject({
  name: text(),
  postal_address: z.array(text()).min(1).optional(),
  country: text().optional(),
  phone: text().optional(),
  fax: text().optional(),
  email: text().optional(),
  url: text().optional(),
});
export type Library = z.output<typeof librarySchema>;

/** The NDL user ID on the Certificate of User Registration; quoted in YAML so it stays text. */
export const userId = () => text();

export const illTemplates = formTemplates('ill');

/** The library's letterhead lines: name, address, country, numbers. */
export function letterhead(l: Library): string[] {
  return [
    l.name,
    ...(l.postal_address ?? []),
    l.country,
    l.phone && `Tel: ${l.phone}`,
    l.fax && `Fax: ${l.fax}`,
    l.email && `E-mail: ${l.email}`,
    l.url,
  ].filter((v): v is string => !!v);
}
