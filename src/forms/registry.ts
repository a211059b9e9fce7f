/** The forms yoshiki knows. Adding a form: a folder under src/forms/ and one line here. */
import { deferredPayment } from './deferred-payment/index.js';
import { deposit } from './deposit/index.js';
import { illReceipt } from './ill/receipt.js';
import { transmissionExclusion } from './transmission-exclusion/index.js';
import { illRegistration } from './ill/registration.js';
import { illRequest } from './ill/request.js';
import { ruling } from './ruling/index.js';
import { unmanagedRuling } from './unmanaged-ruling/index.js';
import type { FormPlugin } from './kit/plugin.js';

export const FORMS: Record<string, FormPlugin> = {
  ruling,
  'unmanaged-ruling': unmanagedRuling,
  deposit,
  'deferred-payment': deferredPayment,
  'ill-registration': illRegistration,
  'ill-request': illRequest,
  'ill-receipt': illReceipt,
  'transmission-exclusion': transmissionExclusion,
};
