/**
 * What the three NDL interlibrary-loan forms share (seed 002, English): the borrowing library's
 * details, English dates, the NDL data in force on the case's date, and the templates/ill folder.
 */
import { z } from 'zod';
import { doc, text, phone } from '../../input/fields.js';
import { messages } from '../kit/messages.js';
import { formTemplates } from '../kit/templates.js';

/** The borrowing library as it writes its own name and address (lines as on an envelope). */
export const librarySchema = z.strictObject({
  name: text().describe(doc('図書館名（英文）', 'Name of the library')),
  postal_address: z.array(text()).min(1).optional().describe(doc('住所（封筒どおり1行ずつ）', 'Postal address, one line per entry as on an envelope')),
  country: text().optional().describe(doc('国名', 'Country')),
  phone: phone().optional().describe(doc('電話番号', 'Telephone number')),
  fax: phone().optional().describe(doc('FAX番号', 'Fax number')),
  email: text().optional().describe(doc('電子メールアドレス', 'E-mail address')),
  url: text().optional().describe(doc('ウェブサイト', 'Website')),
});
export type Library = z.output<typeof librarySchema>;

/** The NDL user ID on the Certificate of User Registration; quoted in YAML so it stays text. */
export const userId = () => text().describe(doc('NDLの利用者ID（利用者登録証のとおり）', 'NDL user ID, as on the Certificate of User Registration'));

export const illTemplates = formTemplates('ill');
/** templates/ill/messages.yaml: the three forms' messages. */
export const illMessages = messages('ill');

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
