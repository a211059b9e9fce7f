/** form: deferred-payment — 文献複写等料金後納許可申請書, seed 003. */
import type { FormPlugin } from '../kit/plugin.js';
import { application } from './compose.js';
import { deriveDeferredPayment, type DeferredPaymentDerived } from './derive.js';
import { deferredPaymentSchema, type DeferredPaymentCase } from './schema.js';

export const deferredPayment: FormPlugin<DeferredPaymentCase, DeferredPaymentDerived> = {
  id: 'deferred-payment',
  title: { ja: '文献複写等料金の後納許可申請', en: 'Deferred payment of interlibrary copy and loan fees' },
  documents: [{ name: 'application', about: '文献複写等料金後納許可申請書（新規・変更・取消）', make: application }],
  schema: deferredPaymentSchema,
  derive: deriveDeferredPayment,
};
