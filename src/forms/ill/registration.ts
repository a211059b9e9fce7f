/**
 * form: ill-registration — Application for the User Registration System for Interlibrary Loan
 * Services (seed 002): a written contract signed by hand by the representative director, a cover
 * letter listing the three enclosures, and the reading-room photo on an enclosure page.
 */
import type { CaseFolder } from '../../input/named-file.js';
import { z } from 'zod';
import { acknowledgedCodes, doc, fileName, fontFiles, isoDate, officialForms, phone, text } from '../../input/fields.js';
import { readImage, type ImageFile } from '../../input/images.js';
import { error, type Problem } from '../../base/problem.js';
import { addressBlock, formGrid, signatureLine } from '../kit/blocks.js';
import { portraitPage, type WithTemplates } from '../kit/templates.js';
import { valueInForce } from '../../law/dated.js';
import { ILL_SECTION, LOAN_CONDITIONS } from '../../law/data/ill.js';
import { englishDate } from '../../base/format.js';
import type { FormPlugin, Made } from '../kit/plugin.js';
import { illMessages as m, illTemplates, letterhead, librarySchema } from './common.js';
import { illAgencyForm, libraryFields } from './fields.js';
import type { FieldValues } from '../../model/official-form.js';

const person = z.strictObject({
  name: text().describe(doc('氏名', 'Name')),
  title: text().describe(doc('役職', 'Title')),
  email: text().optional().describe(doc('電子メールアドレス', 'E-mail address')),
  phone: phone().optional().describe(doc('電話番号', 'Telephone number')),
});

const schema = z.strictObject({
  form: z.literal('ill-registration').describe(doc('様式: NDL図書館間貸出の利用者登録申請（英文）', 'Form: NDL interlibrary loan user registration')),
  fonts: fontFiles(),
  acknowledged: acknowledgedCodes(),
  official_forms: officialForms(),
  date: isoDate().optional().describe(doc('日付（省略すると今日）', 'Date (today when omitted)')),
  library: librarySchema.describe(doc('申請する図書館', 'The applying library')),
  representative: person.omit({ email: true, phone: true }).describe(doc(
    '代表者（手書きで署名します。署名は印刷しません）', 'The representative director, who signs by hand (no printed signature)')),
  contact: person.optional().describe(doc('担当者', 'Contact person')),
  reading_room: z.strictObject({
    name: text().describe(doc('閲覧室の名称', 'Name of the reading room')),
    supervised: z.boolean().describe(doc('職員の監督の下で閲覧させるか（契約条件1）', 'Whether users read under the supervision of library staff (condition 1)')),
    copiers: text().optional().describe(doc('複写機・スキャナーの場所と利用者が使えるか', 'Where copiers and scanners are and who may use them')),
  }).describe(doc('NDLの資料を閲覧させる閲覧室', 'The reading room where NDL material is read')),
  enclosures: z.strictObject({
    reading_room_photo: fileName(['.png', '.jpg', '.jpeg']).optional().describe(doc('閲覧室の写真（PNG・JPEG。ケースファイルからの相対パス）', 'Picture of the reading room (PNG or JPEG, relative to the case file)')),
    leaflet: text().describe(doc('図書館を紹介するリーフレット・パンフレットの名前', 'The leaflet or brochure that describes the library')),
  }).describe(doc('同封するもの', 'Enclosures')),
});
type Registration = z.output<typeof schema>;
type Loaded = Registration & { photo?: ImageFile };
interface Derived { date: string }

function load(c: Registration, ctx: { folder: CaseFolder }) {
  const problems: Problem[] = [];
  let photo: ImageFile | undefined;
  const name = c.enclosures.reading_room_photo;
  if (name) {
    const read = readImage(ctx.folder, name);
    if (read.ok) photo = read.image;
    else problems.push(error(['enclosures', 'reading_room_photo'], read.problem.ja, read.problem.en, read.hint));
  }
  return { value: { ...c, photo }, problems };
}

function derive(c: Loaded, ctx: { today: string }) {
  const problems: Problem[] = [];
  if (!c.reading_room.supervised)
    problems.push(m.error('ill-registration-unsupervised', ['reading_room', 'supervised']));
  if (!c.reading_room.copiers)
    problems.push(m.warning('ill-registration-copiers-unsaid', ['reading_room']));
  return { facts: {}, problems, derived: { date: c.date ?? ctx.today } };
}

function application(c: Loaded, d: Derived, ctx: WithTemplates): Made {
  const section = valueInForce(ILL_SECTION, d.date);
  const l = c.library;
  return illTemplates.document(ctx, 'registration.hbs', 'Application for the User Registration System for Interlibrary Loan Services', () => ({
      date: englishDate(d.date),
      to: addressBlock(['National Diet Library', ...section.address], 0),
      conditions: valueInForce(LOAN_CONDITIONS, d.date).map((text, i) => ({ no: String(i + 1), text })),
      details: formGrid([
        ['Name of library', l.name],
        ['Postal address', [...(l.postal_address ?? []), l.country].filter(Boolean).join('\n') || undefined],
        ['Telephone', l.phone],
        ['Fax', l.fax],
        ['E-mail', l.email],
        ['Website', l.url],
        ['Contact person', c.contact && [`${c.contact.name}, ${c.contact.title}`, c.contact.email, c.contact.phone].filter(Boolean).join('\n')],
      ], 0.28),
      room: formGrid([
        ['Reading room', c.reading_room.name],
        ['Supervision', 'Borrowed materials are read only in this room, under the supervision of library staff.'],
        ['Copiers and scanners', c.reading_room.copiers ?? ''],
      ], 0.28),
      signature: signatureLine('Signature', 0.35, 1),
      signer: addressBlock([`Name: ${c.representative.name}`, `Title: ${c.representative.title}`, `Date: ${englishDate(d.date)}`], 0.35),
    }), { fontSize: 10, lineHeight: 1.35 });
}

function coverLetter(c: Loaded, d: Derived, ctx: WithTemplates): Made {
  const section = valueInForce(ILL_SECTION, d.date);
  const l = c.library;
  return illTemplates.document(ctx, 'registration-cover.hbs', 'Cover letter', () => ({
      sender: addressBlock(letterhead(l), 0.5),
      date: englishDate(d.date),
      to: addressBlock(section.address, 0),
      photo: c.photo ? 'enclosed on a separate page' : 'shown in the enclosed leaflet',
      leaflet: c.enclosures.leaflet,
      closing: addressBlock([c.contact?.name ?? c.representative.name, c.contact?.title ?? c.representative.title, l.name, c.contact?.email ?? l.email], 0),
    }), { lineHeight: 1.45 });
}

function readingRoomEnclosure(c: Loaded): Made {
  const photo = c.photo!;
  return {
    title: 'Enclosure: picture of the reading room', page: portraitPage(), fontSize: 10.5, lineHeight: 1.45, pageNumbers: false,
    blocks: [{ kind: 'image', caption: `Enclosure 2: ${c.reading_room.name}, ${c.library.name}`, bytes: photo.bytes, format: photo.format, widthPx: photo.widthPx, heightPx: photo.heightPx }],
  };
}

/** The application's values for the NDL's own PDF (README "The agency's own form"); the signature is never printed. */
function applicationFields(c: Loaded, d: Derived): FieldValues {
  return {
    date: englishDate(d.date),
    ...libraryFields(c.library),
    'representative.name': c.representative.name,
    'representative.title': c.representative.title,
    'contact.name': c.contact?.name ?? '',
    'contact.title': c.contact?.title ?? '',
    'contact.email': c.contact?.email ?? '',
    'contact.phone': c.contact?.phone ?? '',
    'reading_room.name': c.reading_room.name,
    'reading_room.supervised': c.reading_room.supervised,
    'reading_room.copiers': c.reading_room.copiers ?? '',
    'enclosures.leaflet': c.enclosures.leaflet,
  };
}

export const illRegistration: FormPlugin<Registration, Derived, Loaded> = {
  id: 'ill-registration',
  catalogues: ['ill'],
  title: { ja: 'NDL図書館間貸出 利用者登録申請（英文）', en: 'NDL interlibrary loan: user registration' },
  documents: [
    {
      name: 'application', about: 'Application for the User Registration System for Interlibrary Loan Services (the contract)', make: application,
      fields: applicationFields, agencyForm: illAgencyForm('registration'),
    },
    { name: 'cover-letter', about: 'Cover letter to the ILL-Section, Kansai-kan, listing the three enclosures', make: coverLetter },
    { name: 'enclosure-reading-room', about: 'The reading-room picture (when reading_room_photo is given)', when: (c) => !!c.photo, make: readingRoomEnclosure },
  ],
  language: 'en',
  schema,
  load,
  derive,
};
