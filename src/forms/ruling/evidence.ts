/**
 * 相当な努力の疎明資料 (seed 004 資料2): one row per work, landscape, in its three shapes — works
 * (or performances …) not ruled before, and works ruled before. A cell is the work's own evidence
 * text, else the sentence composed once from the case's due_diligence records.
 */
import type { Block, Table } from '../../model/document.js';
import type { FormContext, Made } from '../kit/plugin.js';
import type { RulingInput, RulingWork } from './schema.js';
import { authorOf, caseTerms, groupsOf, titleOf, type Group } from '../copyright/words.js';
import { diligenceRecords, rulingTemplates, type DiligenceRecords } from './diligence.js';

type Measure = keyof NonNullable<RulingWork['evidence']>;

interface EvidenceWords {
  title: string;
  measures: Record<Measure, string>;
  works: Measure[];
  ruled: Measure[];
  sections: { works: string; ruled: string };
  /** The heading of one subject's tables in a case of several (資料2: 「1. 著作者」「2. 実演家」). */
  group: string;
}

/** The case-level sentences, composed once for every work that has no text of its own. */
function composedCells(ctx: FormContext, r: DiligenceRecords): Partial<Record<Measure, string>> {
  const fillPartial = (name: string, context: object) => rulingTemplates.partial(ctx, name, context);
  const join = (parts: (string | null | undefined)[]) => parts.filter(Boolean).join('\n') || undefined;
  return {
    directory_or_web: join([
      ...(r.directories ?? []).map((g) => fillPartial('directory-reading', g)),
      r.web && fillPartial('web-search', r.web),
    ]),
    management_bodies: join((r.management ?? []).map((g) => fillPartial('inquiry', g))),
    expert_bodies: join((r.experts ?? []).map((g) => fillPartial('inquiry', g))),
    public_notice: r.notice ? fillPartial('public-notice-cell', r.notice) : undefined,
    ruling_database: r.database ? fillPartial('database-search', r.database) : undefined,
    agency_inquiry: r.agency ? fillPartial('agency-inquiry', r.agency) : undefined,
  };
}

/** The tables of one group: works not ruled before, and those ruled before (with both, each under its heading). */
function groupTables(c: RulingInput, d: { date: string }, ctx: FormContext, w: EvidenceWords, g: Group): Block[] {
  const terms = g.terms;
  const r = diligenceRecords(c, terms, d.date, ctx, g.subject);
  const composed = composedCells(ctx, r);
  const cell = (work: RulingWork, key: Measure) => work.evidence?.[key] ?? composed[key];
  const numbered = g.entries.map(({ work, index }) => ({ work, no: String(index + 1) })); // the 別紙 number
  const fresh = numbered.filter((n) => !n.work.previously_ruled);
  const ruled = numbered.filter((n) => n.work.previously_ruled);
  const [titleHeading, authorHeading] = terms.evidence_columns;
  /** A table of `rows` with a column per measure: No., title and author take `lead` of the width, the measures share the rest. */
  const table = (measures: Measure[], lead: number[], rows: { work: RulingWork; no: string }[]): Table => {
    const widths = [...lead, ...measures.map(() => (1 - lead.reduce((a, b) => a + b, 0)) / measures.length)];
    return {
      kind: 'table',
      size: 8.5,
      // No. is as wide as its largest number (10000 never wraps); No. and title identify a row continued over a page.
      columns: ['No.', titleHeading, authorHeading, ...measures.map((m) => w.measures[m])].map((header, i) => ({
        header, width: widths[i], align: i === 0 ? 'right' as const : 'left' as const, fit: i === 0 || undefined, identifies: i < 2 || undefined,
      })),
      rows: rows.map(({ work, no }) => [no, titleOf(work, terms), authorOf(work), ...measures.map((m) => cell(work, m) ?? '')]),
    };
  };

  const blocks: Block[] = [];
  const both = fresh.length > 0 && ruled.length > 0;
  const section = (text: string) => both && blocks.push({ kind: 'paragraph', text: text.replace('{object}', terms.object), keepWithNext: true });
  if (fresh.length) {
    section(w.sections.works);
    blocks.push(table(w.works, [0.04, 0.12, 0.09], fresh));
  }
  if (ruled.length) {
    section(w.sections.ruled);
    // ア may be (ア)/(イ) or (ウ), イ any of (ア)–(ウ) for works ruled before (告示1条・2条): a column for
    // each measure some work took, headed by that measure — never an inquiry under 「イ(ウ)文化庁長官への照会」.
    const taken = w.ruled.filter((m) => ruled.some(({ work }) => cell(work, m)));
    blocks.push(table(taken, taken.length > 3 ? [0.04, 0.12, 0.09] : [0.04, 0.14, 0.1], ruled));
  }
  return blocks;
}

export function evidenceTable(c: RulingInput, d: { date: string }, ctx: FormContext): Made {
  const w = rulingTemplates.data<EvidenceWords>(ctx, 'evidence.yaml');
  const mixed = caseTerms(ctx, c).mixed;
  const blocks: Block[] = [
    { kind: 'paragraph', text: w.title, align: 'center', size: 14, after: 0.5 },
    { kind: 'paragraph', text: `申請者　${c.applicant.name}`, align: 'right', after: 0.5 },
  ];
  // One subject's entries (all of them, in a case of one subject): its own column headings (資料2 1., 2.)
  // and cells composed in its words, from the records that concern it (a body of its own field or of none).
  groupsOf(ctx, c).forEach((g, gi) => {
    if (mixed)
      blocks.push({ kind: 'paragraph', text: `${gi + 1}. ${w.group.replace('{heading}', g.terms.evidence_heading)}`,
        keepWithNext: true, before: gi ? 1 : 0, after: 0.3 });
    blocks.push(...groupTables(c, d, ctx, w, g));
  });
  return {
    title: w.title,
    page: { size: 'A4', orientation: 'landscape', marginsMm: [15, 15, 15, 15] },
    fontSize: 10.5,
    lineHeight: 1.5,
    pageNumbers: true,
    blocks,
  };
}
