/** form: ruling — 文化庁長官の裁定の申請 (著作権法67条1項・103条), seed 004. */
import type { FormPlugin } from '../kit/plugin.js';
import { composeRuling } from './compose.js';
import { deriveRuling, type RulingDerived } from './derive.js';
import { loadRuling, type RulingInput } from './load.js';
import { rulingSchema, type RulingCase } from './schema.js';

export const ruling: FormPlugin<RulingCase, RulingDerived, RulingInput> = {
  id: 'ruling',
  title: { ja: '裁定申請（著作権者不明等の場合の著作物等の利用）', en: 'Ruling for works whose rights holder cannot be found' },
  documents: [
    { name: 'application', title: '裁定申請書（別紙一覧を含む）' },
    { name: 'evidence', title: '「相当な努力」の疎明資料（PDF・DOCX・CSV）' },
    { name: 'attachments', title: '別添資料（著作物に画像があるとき）' },
    { name: 'power-of-attorney', title: '委任状（代理人があるとき）' },
    { name: 'advertisement', title: '権利者捜しの広告文（テキスト・DOCX）' },
    { name: 'copy-notice', title: '複製物への表示（テキスト）' },
  ],
  schema: rulingSchema,
  load: loadRuling,
  derive: deriveRuling,
  compose: (c, d) => composeRuling(c, d),
};
