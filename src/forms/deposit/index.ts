/** form: deposit — 国立国会図書館への納本 (国立国会図書館法25条), seed 001. */
import type { FormPlugin } from '../kit/plugin.js';
import { addressLabel, advanceNotice, advanceNoticeMail, coverLetter, depositForm } from './compose.js';
import { deriveDeposit, type DepositDerived } from './derive.js';
import { depositAgencyForm, depositFormFields } from './fields.js';
import { depositSchema, type DepositCase } from './schema.js';

/** 代償金 or 送料のみ: the NDL is told before anything is sent (seed 001). */
const claims = (c: DepositCase) => c.mode !== 'donation';

export const deposit: FormPlugin<DepositCase, DepositDerived> = {
  id: 'deposit',
  title: { ja: '国立国会図書館への納本（自費出版）', en: 'Legal deposit with the National Diet Library' },
  documents: [
    { name: 'deposit-form', about: '出版物納入書', make: depositForm, fields: depositFormFields, agencyForm: depositAgencyForm },
    { name: 'advance-notice', about: '代償金・送料の事前連絡票（電話・FAX用。代償金・送料のみのとき）', when: claims, make: advanceNotice },
    // A mail text only to an address the NDL gave: seed 001 names none for 収集第三係.
    { name: 'advance-notice-mail', about: '事前連絡のメール本文（案内された送り先 advance_contact.email があるとき）', formats: ['txt'],
      when: (c) => claims(c) && !!c.advance_contact?.email, make: advanceNoticeMail },
    { name: 'cover-letter', about: '送付状（受領書を希望するときは送付先のメモ付き）', make: coverLetter },
    { name: 'address-label', about: '宛名ラベル', make: addressLabel },
  ],
  schema: depositSchema,
  derive: deriveDeposit,
};
