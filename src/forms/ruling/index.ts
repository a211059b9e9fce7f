/** form: ruling — 文化庁長官の裁定の申請 (著作権法67条1項・103条), seed 004. */
import type { FormPlugin } from '../types.js';
import { composeRuling } from './compose.js';
import { deriveRuling, type RulingDerived } from './derive.js';
import { rulingSchema, type RulingCase } from './schema.js';

export const ruling: FormPlugin<RulingCase, RulingDerived> = {
  id: 'ruling',
  title: { ja: '裁定申請（著作権者不明等の場合の著作物等の利用）', en: 'Ruling for works whose rights holder cannot be found' },
  documents: [{ name: 'application', title: '裁定申請書（別紙一覧を含む）' }],
  schema: rulingSchema,
  derive: deriveRuling,
  compose: (c, d) => composeRuling(c, d),
};
