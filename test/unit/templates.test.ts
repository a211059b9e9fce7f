/**
 * A template cannot go wrong silently: an unknown block kind or attribute, a block whose fields are
 * missing or of the wrong type, each fails loudly with the template's file and line, in the PDF and
 * the DOCX alike (a typo `@stampbox` used to vanish from the PDF and crash the DOCX).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderDocx } from '../../src/export/docx.js';
import { formTemplates, TemplateBook } from '../../src/forms/kit/templates.js';
import { layoutDocument } from '../../src/layout/layout.js';
import type { DocumentModel } from '../../src/model/document.js';
import { tempDir, FONTS } from '../helpers.js';

const STAMP = { widthMm: 60, heightMm: 36, lines: [{ text: '6,900円', size: 14, place: 'middle' }], beside: '令和8年12月1日' };

/** A templates folder with one form, `probe`, holding the given files. */
function probe(files: Record<string, string>) {
  const root = tempDir('templates-');
  mkdirSync(join(root, 'probe'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(root, 'probe', name), text);
  return formTemplates('probe', pathToFileURL(`${root}/`));
}

const documentOf = (file: string, context: Record<string, unknown>, templates = probe({ [file]: TEMPLATES[file] })) =>
  Object.assign(templates.document({ templates: new TemplateBook() }, file, 'probe', () => context), { name: 'probe' }) as DocumentModel; // lazy: composed by the exporter

const TEMPLATES: Record<string, string> = {
  'typo.hbs': '{{!-- a comment --}}\np | 裁定申請書\n@stampbox stamp\n',
  'fields.hbs': 'p | 前\n{{#if ok}}\np | 条件\n{{/if}}\n@box stamp\n',
  'attribute.hbs': 'p | 一行目\np keeep | 二行目\n',
  'good.hbs': 'p label={{no}}. indent=1 | 本文\n@box stamp\n',
};

/** Both exporters fail with the same message. */
async function failure(file: string, context: Record<string, unknown>): Promise<string> {
  const messages: string[] = [];
  for (const render of [async () => layoutDocument(documentOf(file, context), FONTS), async () => renderDocx(documentOf(file, context), FONTS)]) {
    try {
      await render();
      messages.push('(rendered)');
    } catch (e) {
      messages.push((e as Error).message);
    }
  }
  expect(messages[1]).toBe(messages[0]);
  return messages[0];
}

describe('templates are checked', () => {
  it('an unknown block kind is an error naming the file and line, in PDF and DOCX', async () => {
    expect(await failure('typo.hbs', { stamp: STAMP })).toMatch(/^templates\/probe\/typo\.hbs:3: unknown block kind "stampbox"/);
  });

  it('a block missing a field is an error at the template line, not the filled line', async () => {
    const { widthMm: _, ...noWidth } = STAMP;
    // The {{#if}} lines vanish from the filled text; the message still names line 5 of the template.
    expect(await failure('fields.hbs', { ok: true, stamp: noWidth })).toMatch(/^templates\/probe\/fields\.hbs:5: @box stamp: not a box block: widthMm/);
  });

  it('a field of the wrong type is an error', async () => {
    expect(await failure('fields.hbs', { ok: false, stamp: { ...STAMP, heightMm: '36' } })).toMatch(/fields\.hbs:5: .*heightMm/);
  });

  it('an unknown paragraph attribute is an error', async () => {
    expect(await failure('attribute.hbs', {})).toMatch(/^templates\/probe\/attribute\.hbs:2: unknown attribute "keeep"/);
  });

  it('a correct template renders in both', async () => {
    const doc = documentOf('good.hbs', { no: 1, stamp: STAMP });
    expect(layoutDocument(doc, FONTS).length).toBe(1);
    expect((await renderDocx(doc, FONTS)).length).toBeGreaterThan(1000);
  });
});
