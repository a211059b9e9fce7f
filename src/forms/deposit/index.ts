/** form: deposit — 国立国会図書館への納本 (国立国会図書館法25条), seed 001. */
import type { FormPlugin } from '../kit/plugin.js';
import { composeDeposit } from './compose.js';
import { deriveDeposit, type DepositDerived } from './derive.js';
import { depositSchema, type DepositCase } from './schema.js';

export const deposit: FormPlugin<DepositCase, DepositDerived> = {
  id: 'deposit',
  title: { ja: '国立国会図書館への納本（自費出版）', en: 'Legal deposit with the National Diet Library' },
  documents: [
    { name: 'deposit-form', title: '出版物納入書' },
    { name: 'advance-notice', title: '代償金・送料の事前連絡票（代償金・送料のみのとき）' },
    { name: 'advance-notice-mail', title: '事前連絡のメール本文（テキスト）' },
    { name: 'cover-letter', title: '送付状（受領書を希望するときは送付先のメモ付き）' },
    { name: 'address-label', title: '宛名ラベル' },
  ],
  schema: depositSchema,
  derive: deriveDeposit,
  compose: (c, d) => composeDeposit(c, d),
};
