/**
 * The law a ruling application is judged by, chosen by its date (RULING_REGIME): the 2019 guide's
 * rules until 2026-03-31, the 2023 amendment's from 2026-04-01 — payment to the designated body, no
 * exemption for the state and the like. The same case on either side of the line.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DocumentModel } from '../../src/model/document.js';
import { renderText } from '../../src/export/txt.js';
import { checkCase } from '../../src/pipeline/pipeline.js';
import { checkEdited, FIXTURES } from '../helpers.js';

/** ruling-museum-broadcast (a listed agency) as a local government, dated `date` (no ruling yet), with `extra` lines. */
const localGovernment = (date: string, extra = '') => checkEdited('ruling-museum-broadcast', (y) => notRuledYet(y)
  .replace('date: 2025-06-02', `date: ${date}`)
  .replace('kind: independent-administrative-agency', 'kind: local-government')
  .replace('name: 独立行政法人国立美術館', 'name: 〇〇市') + extra, '2026-11-21');

const notRuledYet = (y: string) => y.replace(/^ruled_on: .*\n/m, '');

const textOf = (doc: DocumentModel) => doc.blocks.map((b) => (b.kind === 'paragraph' ? b.text : '')).join('\n');

describe('the regime chosen by the application date', () => {
  it('a local government on 2026-03-31 deposits nothing; the same case on 2026-04-01 pays the designated body', async () => {
    const before = (await localGovernment('2026-03-31')).checked;
    const after = (await localGovernment('2026-04-01')).checked;
    expect(before.ok && after.ok).toBe(true);
    expect(before.facts).toMatchObject({ regime: '2019', payee: 'deposit-office', deposit_exempt: true });
    expect(after.facts).toMatchObject({ regime: '2026', payee: 'designated-body', deposit_exempt: false });
    // Item 7 (法67条2項) answers truthfully: 有り for the exempt 国等 of 2019, 無し from 2026.
    const item7 = (c: typeof before) => {
      const app = c.documents.find((d) => d.name === 'application') as DocumentModel;
      const paras = app.blocks.filter((b) => b.kind === 'paragraph') as { text: string; label?: string }[];
      return paras[paras.findIndex((p) => p.label === '7') + 1].text;
    };
    expect(item7(before)).toBe('有り');
    expect(item7(after)).toBe('無し');
  });

  it('the notice of the uncertain points comes with the 2026 regime only, and the old warning about the 2019 form is gone', async () => {
    const before = (await localGovernment('2026-03-31')).checked;
    const after = (await localGovernment('2026-04-01')).checked;
    expect(before.problems.some((p) => p.ja.includes('2026年4月1日からの制度'))).toBe(false);
    const notice = after.problems.filter((p) => p.ja.includes('2026年4月1日からの制度'));
    expect(notice).toHaveLength(1);
    expect(notice[0].severity).toBe('warning');
    expect(after.problems.some((p) => p.ja.includes('2019年の手引きの様式です'))).toBe(false);
  });

  it('a state applicant in 2026 pays no fee, but the compensation like everyone', async () => {
    const { checked } = await checkEdited('ruling-museum-broadcast', (y) => notRuledYet(y).replace('date: 2025-06-02', 'date: 2026-06-01')
      .replace('kind: independent-administrative-agency', 'kind: state').replace('name: 独立行政法人国立美術館', 'name: 文化庁'), '2026-11-21');
    expect(checked.ok).toBe(true);
    expect(checked.facts).toMatchObject({ fee: 0, stamps: [], regime: '2026', payee: 'designated-body', deposit_exempt: false });
  });

  it('deposit_exempt: true is refused from 2026-04-01 with the reason, and still accepted for a 国等 before', async () => {
    expect((await localGovernment('2026-03-31', 'deposit_exempt: true\n')).checked.ok).toBe(true);
    const { checked } = await localGovernment('2026-04-01', 'deposit_exempt: true\n');
    const e = checked.problems.find((p) => p.severity === 'error')!;
    expect(e.path).toEqual(['deposit_exempt']);
    expect(e.ja).toContain('公益社団法人著作権情報センター（指定補償金管理機関）');
    expect(e.line).toBeGreaterThan(0);
  });

  it('the cover letter says the payment follows the Agency\'s notice and the body\'s instructions from 2026, and nothing of it before', async () => {
    const letter = async (date: string) => textOf((await localGovernment(date)).checked.documents.find((d) => d.name === 'cover-letter') as DocumentModel);
    expect(await letter('2026-03-31')).not.toContain('補償金の支払');
    const text = await letter('2026-04-01');
    expect(text).toContain('補償金の支払');
    expect(text).toContain('文化庁からの通知に従い、公益社団法人著作権情報センター（指定補償金管理機関）の指示により支払います');
    expect(text).not.toMatch(/供託/);
  });
});

describe('the word 供託 on paper', () => {
  const rulingFixtures = readdirSync(FIXTURES).filter((f) => /^(ruling|unmanaged-ruling)-.*\.yaml$/.test(f));
  const papersOf = async (f: string) => {
    const checked = await checkCase(join(FIXTURES, f), '2026-11-30');
    const text = checked.documents.filter((d): d is DocumentModel => 'blocks' in d)
      .map((d) => new TextDecoder().decode(renderText(d))).join('\n');
    // 法67条の3 exists only from 2026-04-01: its facts name no regime.
    return { regime: f.startsWith('unmanaged-') ? '2026' : checked.facts.regime, text };
  };

  it('appears in no paper of a case dated from 2026-04-01, and stays in the 2019 checklist before', async () => {
    const seen = { '2019': 0, '2026': 0 };
    for (const f of rulingFixtures) {
      const { regime, text } = await papersOf(f);
      if (regime === '2026') expect(text, f).not.toMatch(/供託/);
      else expect(text, f).toMatch(/供託/);
      seen[regime as '2019' | '2026'] += 1;
    }
    // Both sides of the line are exercised by the contract cases.
    expect(seen['2019']).toBeGreaterThan(3);
    expect(seen['2026']).toBeGreaterThan(3);
  });
});
