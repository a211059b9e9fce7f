/**
 * The PDFs the example case fixtures/ruling-submission.yaml attaches, as a clerk would have them: an
 * association's reply printed to PDF, the CRIC page that carried the notice, a book's colophon.
 * Made with pdf-lib and the project's IPAex Mincho (a subset embedded, as any office PDF would have
 * it), dated at a fixed time so the same bytes come out each run.
 *
 *   node scripts/attachment-pdfs.mjs     (writes fixtures/ruling-submission-*.pdf)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb } from 'pdf-lib';

const FONT = readFileSync(new URL('../fonts/ipaexm.ttf', import.meta.url));
const FIXED = new Date('2026-10-20T00:00:00Z');

/** A document of pages, each a list of [text, size] lines set from the top left, with a frame when asked. */
async function pdf(pages, { size = [595.28, 841.89], frame = false } = {}) {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(fontkit);
  doc.setCreationDate(FIXED);
  doc.setModificationDate(FIXED);
  const font = await doc.embedFont(FONT, { subset: true });
  for (const lines of pages) {
    const page = doc.addPage(size);
    if (frame) page.drawRectangle({ x: 30, y: 30, width: size[0] - 60, height: size[1] - 60, borderColor: rgb(0.2, 0.3, 0.6), borderWidth: 1.5 });
    let y = size[1] - 80;
    for (const [text, points = 11] of lines) {
      page.drawText(text, { x: 60, y, size: points, font });
      y -= points * 1.9;
    }
  }
  return doc.save({ useObjectStreams: false });
}

const files = {
  'ruling-submission-reply.pdf': await pdf([
    [['令和8年9月18日'], [''], ['山田 花子 様'], [''], ['公益社団法人〇〇写真家協会'], [''], ['照会への回答', 16], [''],
      ['令和8年9月10日付でお問い合わせのありました写真「港の朝」（撮影者 海野 渚）について、'],
      ['当協会では著作権の管理の委託を受けておらず、撮影者の連絡先も把握しておりません。'], [''], ['以上']],
    [['（参考）当協会の会員名簿（平成10年版以降）にも、該当する会員の記載はありません。']],
  ]),
  'ruling-submission-cric.pdf': await pdf([
    [['公益社団法人著作権情報センター　権利者捜し広告', 14], [''], ['掲載期間：令和8年10月1日～令和8年10月8日'], [''],
      ['写真「港の朝」（撮影者 海野 渚、昭和52年ごろ撮影）の著作権者を捜しています。'],
      ['お心当たりの方は、下記までご連絡ください。'], ['連絡先：〇〇法律事務所　弁護士 代理 一郎（03-0000-0000）']],
  ], { frame: true }),
  'ruling-submission-colophon.pdf': await pdf([
    [['写真集　港町の記憶', 14], [''], ['昭和53年4月1日　初版発行'], ['撮影　海野 渚'], ['発行所　株式会社〇〇書房']],
  ], { size: [420, 595], frame: true }),
};
for (const [name, bytes] of Object.entries(files)) writeFileSync(new URL(`../fixtures/${name}`, import.meta.url), bytes);
