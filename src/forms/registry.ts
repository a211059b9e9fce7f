/**
 * The forms yoshiki knows, each loaded when a case (or a command) first names it. Adding a form: a
 * folder under src/forms/ and one line here.
 *
 * A table of loaders, not of plugins: a cold one-case render spent a fifth of its time evaluating
 * every form's modules and building every form's zod schemas, where the case names one form (README,
 * "Cold start (issue 20)"). Bundled, each loader's import() is a call that evaluates that form's
 * modules on first use. What must be known without loading a form (its id, and whether its papers
 * and messages are English, which a report of a case rendered in a worker thread needs) is here.
 */
import type { FormPlugin } from './kit/plugin.js';

export interface FormEntry {
  load: () => Promise<FormPlugin>;
  /** The plugin's own `language`, repeated (a unit test holds them equal). */
  language?: 'en';
}

export const FORM_TABLE: Readonly<Record<string, FormEntry>> = {
  ruling: { load: () => import('./ruling/index.js').then((m) => m.ruling) },
  'unmanaged-ruling': { load: () => import('./unmanaged-ruling/index.js').then((m) => m.unmanagedRuling) },
  deposit: { load: () => import('./deposit/index.js').then((m) => m.deposit) },
  'deferred-payment': { load: () => import('./deferred-payment/index.js').then((m) => m.deferredPayment) },
  'ill-registration': { load: () => import('./ill/registration.js').then((m) => m.illRegistration), language: 'en' },
  'ill-request': { load: () => import('./ill/request.js').then((m) => m.illRequest), language: 'en' },
  'ill-receipt': { load: () => import('./ill/receipt.js').then((m) => m.illReceipt), language: 'en' },
  'transmission-exclusion': { load: () => import('./transmission-exclusion/index.js').then((m) => m.transmissionExclusion) },
};

/** The forms' ids, in the order `yoshiki forms` lists them. */
export const FORM_IDS: readonly string[] = Object.keys(FORM_TABLE);

export const isForm = (id: string): boolean => Object.hasOwn(FORM_TABLE, id);

/** Whether a form's papers and messages are English first (false for an unknown id). */
export const formIsEnglish = (id: string): boolean => isForm(id) && FORM_TABLE[id].language === 'en';

/** A known form's plugin (its modules evaluated on the first call); undefined for an unknown id. */
export function loadForm(id: string): Promise<FormPlugin> | undefined {
  return isForm(id) ? FORM_TABLE[id].load() : undefined;
}

/** Every form, loaded, by id in the table's order: for what lists or checks them all (`yoshiki forms`, tests). */
export async function loadForms(): Promise<Record<string, FormPlugin>> {
  const plugins = await Promise.all(FORM_IDS.map((id) => FORM_TABLE[id].load()));
  return Object.fromEntries(FORM_IDS.map((id, i) => [id, plugins[i]]));
}
