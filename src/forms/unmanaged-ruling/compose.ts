/**
 * Composes the 未管理著作物裁定申請書 (法67条の3) and the evidence table of the will-confirmation
 * measures from the case and its derived facts; templates/unmanaged-ruling holds the words, and
 * items.yaml the items in order, each with its basis (no official 様式 was read).
 */
import type { Block } from '../../model/document.js';
import type { FormContext, Made } from '../kit/plugin.js';
import { signatureLine, stampBox } from '../kit/blocks.js';
import { formTemplates } from '../kit/templates.js';
import { addDays, eraDate, yen } from '../../base/format.js';
import { waitDays } from '../../law/rules/unmanaged.js';
import { usesItem, workAmounts, workLine, worksTable } from '../copyright/items.js';
import { applicantBlock, applicantBlocks, authorOf, caseTerms, lawOf, titleOf } from '../copyright/words.js';
import type { UnmanagedDerived } from './derive.js';
import type { UnmanagedRulingInput } from './schema.js';

/** templates/unmanaged-ruling: the application, its items, the evidence table's headings and the sentences (partials). */
export const unmanagedTemplates = formTemplates('unmanaged-ruling');

/** The article applied for. */
export const ARTICLE = '第67条の3第1項';

interface Item { key: string; heading: string; basis: string }

type RegisteredBody = NonNullable<UnmanagedRulingInput['registered_body']>;

/** A 登録確認機関 addressed: its representative 殿, or the body 御中. */
const bodyAddressed = (b: RegisteredBody) => (b.representative ? `${b.name}　${b.representative.title}　${b.representative.name}　殿` : `${b.name}　御中`);

/** The addressee: the 登録確認機関 the case names, else the Commissioner. */
function addressee(c: UnmanagedRulingInput): string {
  return c.registered_body ? bodyAddressed(c.registered_body) : '文化庁長官　殿';
}

/** The 登録確認機関 as the cover letter addresses it, or null for the Agency's desk. */
export function registeredBodyDesk(c: UnmanagedRulingInput): string[] | null {
  const b = c.registered_body;
  if (!b) return null;
  return [b.postal_code && `〒${b.postal_code}`, b.address, bodyAddressed(b)].filter((v): v is string => !!v);
}

const had = (v: boolean) => (v ? '有り' : '無し');

/** The case's records shaped for the sentences (the application's last item and the evidence cells). */
function records(c: UnmanagedRulingInput, d: UnmanagedDerived) {
  const s = c.status;
  const m = c.measures;
  const site = (w: { name: string; url?: string; viewed_on: string; result: string }) => ({ ...w, url: w.url ?? null, on: eraDate(w.viewed_on) });
  const arrivals = m.contacts.map((k) => k.arrived_on);
  const last = arrivals.length ? arrivals.reduce((a, b) => (a > b ? a : b)) : null;
  const days = waitDays(d.date);
  return {
    status: {
      published: { on: eraDate(s.published.checked_on), how: s.published.how },
      management: { on: eraDate(s.management.checked_on), checked: s.management.checked, managed: had(s.management.managed), result: s.management.result },
      will: {
        on: eraDate(s.will_shown.checked_on), checked: s.will_shown.checked, result: s.will_shown.result,
        use_rules: had(s.will_shown.use_rules), request_address: had(s.will_shown.request_address),
      },
    },
    m: {
      summary: m.summary ?? '下記の措置をとったが、利用の可否に係る著作権者の意思を確認することができなかった。',
      work: { on: eraDate(m.work_information.checked_on), viewed: m.work_information.viewed, result: m.work_information.result },
      websites: m.websites.map(site),
      search: {
        on: eraDate(m.rights_search.searched_on), query: m.rights_search.query ?? null, result: m.rights_search.result,
        sites: (m.rights_search.listed_sites ?? []).map(site),
      },
      contacts: m.contacts.map((k) => ({ ...k, found_in: k.found_in ?? null, sent: eraDate(k.sent_on), arrived: eraDate(k.arrived_on) })),
      only: m.only_contact ?? null,
      waited: last ? { arrived: eraDate(last), days: String(days), until: eraDate(addDays(last, days)) } : null,
    },
  };
}

/** The application, with the 別紙 list when there are several works. */
export function application(c: UnmanagedRulingInput, d: UnmanagedDerived, ctx: FormContext): Made {
  return unmanagedTemplates.document(ctx, 'application.hbs', '未管理著作物裁定申請書', () => {
    const terms = caseTerms(ctx, c);
    const several = c.works.length > 1;
    const individual = c.applicant.kind === 'individual';
    const { head, rest } = applicantBlocks(c);
    const items = unmanagedTemplates.data<{ items: Item[] }>(ctx, 'items.yaml').items;
    return {
      stamp: d.fee > 0 ? stampBox(yen(d.fee), d.stamps.length > 1 ? `（${d.stamps.map(yen).join('＋')}）` : undefined, eraDate(d.date)) : null,
      date: eraDate(d.date),
      addressee: addressee(c),
      applicantBlock: individual ? head : applicantBlock(c),
      signature: individual ? signatureLine('署名', 0.42) : null,
      applicantRest: individual ? rest : null,
      law: lawOf(ctx, c, ARTICLE),
      items: items.map((it, i) => ({ no: String(i + 1), heading: it.heading, partial: `unmanaged-ruling/item-${it.key}` })),
      several,
      work: several ? null : workLine(c.works[0], terms),
      worksList: several ? worksTable(c.works, 'work', terms, workAmounts(d.byWork, c.works.length, terms)) : null,
      uses: usesItem(c.uses, d.compensation, d.byWork),
      period: { start: eraDate(c.use_period.start), end: eraDate(c.use_period.end) },
      ...records(c, d),
    };
  }, { lineHeight: 1.55 });
}

interface EvidenceWords { title: string; columns: Record<'status' | 'work_information' | 'websites' | 'rights_search' | 'contacts', string> }

/** 意思確認措置の疎明資料: landscape, one numbered row per work (from YAML or the works CSV), a column per measure. */
export function evidenceTable(c: UnmanagedRulingInput, d: UnmanagedDerived, ctx: FormContext): Made {
  const w = unmanagedTemplates.data<EvidenceWords>(ctx, 'evidence.yaml');
  const terms = caseTerms(ctx, c);
  const r = records(c, d);
  const p = (name: string, context: object) => unmanagedTemplates.partial(ctx, name, context);
  const cells = {
    status: p('cell-status', r.status),
    work_information: p('cell-work-information', r.m.work),
    websites: r.m.websites.map((s) => p('cell-site', s)).join('\n'),
    rights_search: [p('cell-rights-search', r.m.search), ...r.m.search.sites.map((s) => p('cell-site', s))].join('\n'),
    contacts: [...r.m.contacts.map((k) => p('cell-contact', k)),
      ...(r.m.only ? [`判明した連絡先は上記の1件のみである。${r.m.only}`] : []),
      ...(r.m.waited ? [p('cell-waited', r.m.waited)] : [])].join('\n'),
  };
  const keys = Object.keys(w.columns) as (keyof EvidenceWords['columns'])[];
  const [titleHeading, authorHeading] = terms.evidence_columns;
  const lead = [0.04, 0.1, 0.08];
  // The measures share the rest by how much they usually say: the contacts (4) most, then (3) with its sites.
  const weight: Record<keyof EvidenceWords['columns'], number> = { status: 1, work_information: 0.8, websites: 0.8, rights_search: 1.1, contacts: 1.3 };
  const total = keys.reduce((sum, k) => sum + weight[k], 0);
  const width = (k: keyof EvidenceWords['columns']) => ((1 - lead.reduce((a, b) => a + b, 0)) * weight[k]) / total;
  const blocks: Block[] = [
    { kind: 'paragraph', text: w.title, align: 'center', size: 14, after: 0.5 },
    { kind: 'paragraph', text: `申請者　${c.applicant.name}`, align: 'right', after: 0.5 },
    {
      kind: 'table', size: 8,
      columns: ['No.', titleHeading, authorHeading, ...keys.map((k) => w.columns[k])].map((header, i) => ({
        header, width: i < 3 ? lead[i] : width(keys[i - 3]), align: i === 0 ? 'right' as const : 'left' as const, fit: i === 0 || undefined, identifies: i < 2 || undefined,
      })),
      rows: c.works.map((work, i) => [String(i + 1), titleOf(work, terms), authorOf(work), ...keys.map((k) => cells[k])]),
    },
  ];
  return {
    title: w.title,
    page: { size: 'A4', orientation: 'landscape', marginsMm: [15, 15, 15, 15] },
    fontSize: 10.5, lineHeight: 1.5, pageNumbers: true, blocks,
  };
}
