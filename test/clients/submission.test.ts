/**
 * The whole ruling submission as a clerk prints it: attachments of every kind (a PDF made here with
 * pdf-lib, a picture), numbered 別添1…; the cover letter listing them; submission.pdf binding the
 * letter, the application, the evidence, every 別添 and the power of attorney, in that order, with
 * the attached PDF's own text still text. And what check says of a PDF that is no PDF, is encrypted
 * or damaged.
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { degrees, PDFDocument, StandardFonts } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { checkCase, renderCase, type CaseResult } from '../../src/pipeline/pipeline.js';
import { FIXTURES, lineIn, needs, pdfText, run, squash, tempDir } from '../helpers.js';

/** A PDF of `pages` pages, each saying `text` and its page number in Helvetica (so its text can be extracted). */
async function makePdf(text: string, pages = 1, size: [number, number] = [595.28, 841.89]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 1; i <= pages; i++) doc.addPage(size).drawText(`${text} page ${i}`, { x: 60, y: size[1] - 100, size: 14, font });
  return doc.save();
}

/** ruling-reprint (an agent added), with the given edits to its YAML tree, and files beside it. */
async function reprintWith(edit: (doc: ReturnType<typeof parseDocument>) => void, files: Record<string, Uint8Array | string>) {
  const dir = tempDir('submission-');
  const doc = parseDocument(readFileSync(join(FIXTURES, 'ruling-reprint.yaml'), 'utf8'));
  edit(doc);
  const yaml = doc.toString();
  const file = join(dir, 'reprint.yaml');
  writeFileSync(file, yaml);
  for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes);
  return { dir, file, yaml, checked: await checkCase(file, '2026-11-21') };
}

const AGENT = { postal_code: '100-0013', address: '東京都千代田区霞が関1丁目1番1号　〇〇法律事務所', title: '弁護士', name: '代理 一郎', phone: '03-0000-0000' };

needs('pdftotext', 'pdfinfo', 'qpdf', 'pdftoppm')('a submission with a PDF reply, a picture of the notice and a PDF colophon', () => {
  let made: Awaited<ReturnType<typeof reprintWith>>;
  let written: string[];
  const path = (name: string) => written.find((f) => f.endsWith(`/${name}`))!;
  beforeAll(async () => {
    made = await reprintWith((doc) => {
      doc.setIn(['applicant', 'agent'], doc.createNode(AGENT));
      doc.setIn(['due_diligence', 'management_bodies', 0, 'reply_file'], 'reply.pdf');
      doc.setIn(['due_diligence', 'expert_bodies', 0, 'reply_file'], 'reply-kyokai.pdf');
      doc.setIn(['due_diligence', 'public_notice', 'copy_file'], 'cric-page.png');
      doc.setIn(['works', 0, 'attachments'], doc.createNode([{ file: 'colophon.pdf', kind: 'publication', title: '奥付の写し' }]));
    }, {
      'reply.pdf': await makePdf('Reply of the Japan Writers Association', 2),
      'reply-kyokai.pdf': await makePdf('Reply of the Kyokai', 1, [420, 595]),
      'colophon.pdf': await makePdf('Colophon of Nihon no Bunka'),
      'cric-page.png': readFileSync(join(FIXTURES, 'cover-photo.png')),
    });
    written = await renderCase(made.checked, join(made.dir, 'out'), ['pdf', 'docx', 'txt', 'csv']);
  });

  it('checks without a warning about a missing attachment, and numbers them in the law\'s order', () => {
    expect(made.checked.ok, JSON.stringify(made.checked.problems.filter((p) => p.severity === 'error'))).toBe(true);
    expect(made.checked.problems.filter((p) => /添付|attached|proof of publication|copy of the notice/.test(p.en + p.ja))).toEqual([]);
    const letter = squash(pdfText(path('cover-letter.pdf')));
    // (ア) the replies in the order of item 6, then the notice's copy; (ウ) the proof of publication.
    for (const line of ['別添1　公益社団法人日本文藝家協会からの回答', '別添2　〇〇協会からの回答',
      '別添3　著作権情報センター（CRIC）のウェブサイトへの掲載の写し', '別添4　奥付の写し（日本の文化／文化 太郎（ぶんかたろう））'])
      expect(letter).toContain(squash(line));
    expect(letter).toContain(squash('別添資料　4点'));
    expect(letter).toContain(squash('委任状　1通'));
    expect(letter).toContain(squash('収入印紙　6,900円（裁定申請書に貼付）'));
    expect(letter).toContain(squash('〒100-8959東京都千代田区霞が関3-2-2文化庁著作権課著作物流通推進室　管理係　御中'));
  });

  it('submission.pdf holds every paper in order, the PDFs\' own text still text, and is sound', async () => {
    const pages = (pdf: string) => Number(/Pages:\s+(\d+)/.exec(run('pdfinfo', [pdf]).stdout)![1]);
    const parts = ['cover-letter.pdf', 'application.pdf', 'evidence.pdf', 'attachments.pdf', 'power-of-attorney.pdf'];
    const bound = path('submission.pdf');
    expect(pages(bound)).toBe(parts.reduce((n, p) => n + pages(path(p)), 0));
    // The attachments: the two-page reply on two pages, the smaller one scaled whole, the picture, the colophon.
    expect(pages(path('attachments.pdf'))).toBe(5);
    const text = squash(pdfText(bound));
    const order = ['裁定申請書類の送付について', '文化庁長官殿', '「相当な努力」の疎明資料', '別添1', 'ReplyoftheJapanWritersAssociationpage1',
      'ReplyoftheJapanWritersAssociationpage2', '別添2', 'ReplyoftheKyokaipage1', '別添3', '別添4', 'ColophonofNihonnoBunkapage1', '委任状'];
    // Each found after the one before (the cover letter names the 別添 too, so each is looked for from there on).
    let from = 0;
    const missing = order.filter((s) => {
      const i = text.indexOf(s, from);
      if (i < 0) return true;
      from = i + s.length;
      return false;
    });
    expect(missing).toEqual([]);
    expect(text).toContain(squash('別添1　公益社団法人日本文藝家協会からの回答（1/2）'));
    // Not expectSoundPdf: the attached PDFs use Helvetica without embedding it, as many PDFs do;
    // that is the user's file, copied as it is.
    for (const pdf of [path('attachments.pdf'), bound]) expect(run('qpdf', ['--check', pdf]).status, pdf).toBe(0);
    expect(run('pdftoppm', ['-r', '20', '-png', bound, join(made.dir, 'page')]).status).toBe(0);
  });

  it('item 6 and the evidence table cite each reply and the notice\'s copy by its 別添 number, not 「別添メール参照」', () => {
    for (const doc of ['application.pdf', 'evidence.pdf']) {
      const text = squash(pdfText(path(doc)));
      expect(text, doc).toContain(squash('権利委託は受けていないとの回答を得た（別添1参照）。'));
      expect(text, doc).toContain(squash('新たな情報は得られなかった（別添2参照）。'));
      expect(text, doc).toContain('（別添3参照）');
      expect(text, doc).not.toContain('別添メール参照');
      expect(text, doc).not.toContain('別添〇〇協会からの回答書参照');
    }
  });

  it('the DOCX names each attached PDF and its pages instead of carrying them', () => {
    const text = readFileSync(path('cover-letter.docx')).length; // the letter exists in Word too
    expect(text).toBeGreaterThan(0);
    const docx = run('unzip', ['-p', path('attachments.docx'), 'word/document.xml']).stdout;
    expect(docx).toContain('PDF「reply.pdf」全2ページ');
  });
});

needs('pdftotext')('a scanned page stored sideways and turned by /Rotate', () => {
  /** The first word's box as poppler lays the page out (it applies /Rotate as any viewer does). */
  const wordBox = (pdf: string, page: number) => {
    const html = run('pdftotext', ['-bbox', '-f', String(page), '-l', String(page), pdf, '-']).stdout;
    const m = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">Turned<\/word>/.exec(html)!;
    return { w: Number(m[3]) - Number(m[1]), h: Number(m[4]) - Number(m[2]) };
  };

  it('is copied as a viewer shows it, turned, not as stored', async () => {
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    const page = doc.addPage([595.28, 841.89]);
    page.drawText('Turned reply of the association', { x: 60, y: 700, size: 14, font });
    page.setRotation(degrees(90));
    const bytes = await doc.save();
    const made = await reprintWith((d) => d.setIn(['due_diligence', 'management_bodies', 0, 'reply_file'], 'turned.pdf'), { 'turned.pdf': bytes });
    expect(made.checked.ok).toBe(true);
    const attachments = (await renderCase(made.checked, join(made.dir, 'out'), ['pdf'])).find((f) => f.endsWith('/attachments.pdf'))!;
    const original = wordBox(join(made.dir, 'turned.pdf'), 1);
    const copied = wordBox(attachments, 1);
    // Turned a quarter, the line runs down the page: taller than wide, in the original as in the copy.
    expect(original.h).toBeGreaterThan(original.w);
    expect(copied.h).toBeGreaterThan(copied.w);
  });
});

describe('a PDF attachment that cannot be used is refused at its entry', () => {
  const refuse = async (bytes: Uint8Array | string) => {
    const made = await reprintWith((doc) => doc.setIn(['due_diligence', 'management_bodies', 0, 'reply_file'], 'reply.pdf'), { 'reply.pdf': bytes });
    const e = made.checked.problems.find((p) => p.severity === 'error')!;
    expect(e, JSON.stringify(made.checked.problems.map((p) => p.en))).toBeDefined();
    expect(e.path).toEqual(['due_diligence', 'management_bodies', 0, 'reply_file']);
    expect(e.line).toBe(lineIn(made.yaml, 'reply_file: reply.pdf'));
    return e;
  };

  it('a text file named .pdf', async () => {
    const e = await refuse('This is a note, not a PDF.\n');
    expect(e.ja).toContain('「reply.pdf」を PNG または JPEG として読めません');
  });

  it('a damaged PDF (cut in half)', async () => {
    const whole = await makePdf('Reply');
    const e = await refuse(whole.subarray(0, Math.floor(whole.length / 3)));
    expect(e.ja).toContain('PDF「reply.pdf」は壊れているか、読めない形式です');
    expect(e.hint?.ja).toContain('作り直して');
  });

  needs('qpdf')('encrypted', () => {
    it('a PDF with a password', async () => {
      const dir = tempDir('encrypt-');
      writeFileSync(join(dir, 'plain.pdf'), await makePdf('Secret reply'));
      expect(run('qpdf', ['--encrypt', 'user', 'owner', '256', '--', join(dir, 'plain.pdf'), join(dir, 'locked.pdf')]).status).toBe(0);
      const e = await refuse(readFileSync(join(dir, 'locked.pdf')));
      expect(e.ja).toContain('暗号化');
      expect(e.en).toContain('encrypted');
    });
  });
});

describe('what check asks for', () => {
  it('names each kind still missing: proof of publication, the notice\'s copy, the written reply', async () => {
    const { checked } = await reprintWith(() => {}, {});
    const warned = (path: string) => checked.problems.filter((p: CaseResult['problems'][number]) => p.severity === 'warning' && p.path.join('.') === path);
    expect(warned('works.0')[0].ja).toContain('公表の疎明資料');
    expect(warned('due_diligence.public_notice')[0].ja).toContain('当該紙面等の写し');
    expect(warned('due_diligence.management_bodies.0')[0].ja).toContain('別添メール参照');
    expect(warned('due_diligence.expert_bodies.0')[0].ja).toContain('回答書');
  });

  it('one work\'s proof covers only that work; one for the whole case covers every work', async () => {
    const two = (doc: ReturnType<typeof parseDocument>) => {
      const first = doc.getIn(['works', 0]) as object;
      doc.setIn(['works', 1], doc.createNode({ ...(first as { toJSON(): object }).toJSON(), title: '日本の文化 続編' }));
    };
    const perWork = await reprintWith((doc) => {
      two(doc);
      doc.setIn(['works', 0, 'attachments'], doc.createNode([{ file: 'colophon.pdf', kind: 'publication' }]));
    }, { 'colophon.pdf': await makePdf('Colophon') });
    expect(perWork.checked.problems.filter((p) => p.ja.includes('公表の疎明資料')).map((p) => p.path.join('.'))).toEqual(['works.1']);
    const whole = await reprintWith((doc) => {
      two(doc);
      doc.set('attachments', doc.createNode([{ file: 'records.pdf', kind: 'publication', title: '国立国会図書館の書誌情報' }]));
    }, { 'records.pdf': await makePdf('NDL records') });
    expect(whole.checked.problems.filter((p) => p.ja.includes('公表の疎明資料'))).toEqual([]);
  });
});
