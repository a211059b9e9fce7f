/**
 * An internal form that exists only to prove the form kit: a second ruling application (shaped like
 * the coming 未管理著作物裁定, 法67条の3) made of the shared copyright parts — applicant and agent,
 * works in YAML or a works CSV, uses and compensation, items 1–5 and the 別紙, the 委任状 — plus one
 * field and one template of its own. It is a folder (this one), its templates, a starter and
 * fixtures; nothing in src/ names it, and users never see it.
 */
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { eraDate } from '../../../src/base/format.js';
import { compensationsOf } from '../../../src/forms/copyright/compensation.js';
import { usesItem, workLine, worksTable } from '../../../src/forms/copyright/items.js';
import { powerOfAttorney } from '../../../src/forms/copyright/papers.js';
import { applicant, checkWorks, SUBJECTS, use, worksFields } from '../../../src/forms/copyright/schema.js';
import { applicantBlock, termsFor } from '../../../src/forms/copyright/words.js';
import { loadWorks, type WithWorks } from '../../../src/forms/copyright/works.js';
import type { FormContext, FormPlugin, Made } from '../../../src/forms/kit/plugin.js';
import { formTemplates } from '../../../src/forms/kit/templates.js';
import { doc, isoDate, text } from '../../../src/input/fields.js';

const schema = z.strictObject({
  form: z.literal('probe').describe(doc('様式: 部品の再利用を確かめる内部様式', 'Form: an internal form proving the kit')),
  subject: z.enum(SUBJECTS).describe(doc('裁定の対象', 'What the ruling is for')),
  date: isoDate().optional().describe(doc('申請日', 'Date of the application')),
  applicant: applicant.describe(doc('申請者', 'The applicant')),
  ...worksFields,
  uses: z.array(use).min(1).describe(doc('利用方法と補償金', 'Each use and its compensation')),
  in_application_use: z.boolean().default(false).describe(doc('申請中利用の有無', 'Use while the application is pending')),
  // Its own field: why the holder's will cannot be confirmed.
  unconfirmed_because: text().describe(doc('意思を確認できない理由', "Why the holder's will cannot be confirmed")),
}).superRefine(checkWorks);

type ProbeCase = z.output<typeof schema>;
type ProbeInput = WithWorks<ProbeCase>;
interface Derived { date: string; compensation: ReturnType<typeof compensationsOf>['results'] }

const templates = formTemplates('probe', pathToFileURL(`${new URL('templates/', import.meta.url).pathname}`));

function application(c: ProbeInput, d: Derived, ctx: FormContext): Made {
  const terms = termsFor(ctx, c.subject);
  const several = c.works.length > 1;
  return templates.document(ctx, 'application.hbs', '未管理著作物裁定申請書（試験）', () => ({
    date: eraDate(d.date),
    applicantBlock: applicantBlock(c),
    terms,
    several,
    work: several ? null : workLine(c.works[0], terms),
    worksList: several ? worksTable(c.works, c.subject, terms) : null,
    uses: usesItem(c.uses, d.compensation),
    reason: c.unconfirmed_because,
  }));
}

export const probe: FormPlugin<ProbeCase, Derived, ProbeInput> = {
  id: 'probe',
  catalogues: ['copyright'],
  title: { ja: '内部試験様式', en: 'Internal probe form' },
  documents: [
    { name: 'application', about: '申請書', make: application },
    { name: 'power-of-attorney', about: '委任状', when: (c) => !!c.applicant.agent,
      make: powerOfAttorney({ ruling: '第67条の3第1項', pending: '第67条の3第1項' }) },
  ],
  schema,
  load: loadWorks,
  derive(c, ctx) {
    const date = c.date ?? ctx.today;
    const { results, problems } = compensationsOf(c.uses, date);
    return { facts: { compensation: results.map((r) => r?.amount ?? null) }, problems, derived: { date, compensation: results } };
  },
};
