/**
 * The papers an agency accepts only on its own form (a form's document declares `agencyForm`):
 * without that form named under `official_forms`, yoshiki prints its own layout and `check` warns,
 * saying where to get the form and how to name it. Light on purpose: reading and filling the form
 * (official.ts, with pdf-lib) is loaded only for a case that names one.
 */
import type { Problem } from '../base/problem.js';
import { messages } from '../forms/kit/messages.js';
import { isPaper, type Output } from '../model/document.js';

const m = messages('official-form');

export function missingAgencyForms(outputs: Output[], named: Record<string, unknown> | undefined): Problem[] {
  return outputs.filter(isPaper).flatMap((o) => (o.agencyForm && !named?.[o.name]
    ? [m.warning('official-form-missing', ['official_forms', o.name],
      { title: o.title, document: o.name, name: o.agencyForm.name, obtain: o.agencyForm.obtain, file: o.agencyForm.file })]
    : []));
}
