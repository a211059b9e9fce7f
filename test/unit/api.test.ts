/**
 * The library API (README, "As a library"): a case as text, bytes or an object, the files it names
 * read from baseDir, the documents returned as bytes and nothing written. The installed package's
 * own run of the README example is in test/clients/package.test.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { check, checkFile, forms, render, schema } from '../../src/pipeline/api.js';
import { formIsEnglish, loadForms } from '../../src/forms/registry.js';
import { cli, FIXTURES } from '../helpers.js';

const FORMS = await loadForms();

const text = (name: string) => readFileSync(join(FIXTURES, `${name}.yaml`), 'utf8');

describe('check', () => {
  it('takes the case as text, bytes or an object, reading the files it names from baseDir, with the facts check --json prints', async () => {
    const today = '2026-11-21';
    const cliFacts = JSON.parse((await cli('check', '--json', join(FIXTURES, 'ruling-bulk.yaml'))).stdout).facts;
    const asText = await check(text('ruling-bulk'), { baseDir: FIXTURES, today });
    expect(asText).toMatchObject({ ok: true, form: 'ruling', name: 'case', settled: expect.any(Array) });
    expect(asText.documents).toContain('application');
    const asBytes = await check(Buffer.from(text('ruling-bulk')), { baseDir: FIXTURES, today });
    const asObject = await check(parse(text('ruling-bulk')), { baseDir: FIXTURES, today });
    const fromFile = await checkFile(join(FIXTURES, 'ruling-bulk.yaml'), { today });
    for (const r of [asBytes, asObject, fromFile]) expect(r.facts).toEqual(asText.facts);
    expect(fromFile.name).toBe('ruling-bulk');
    // The same facts as the command line's, which checks with today's date: compare what does not depend on it.
    expect(asText.facts.compensation).toEqual(cliFacts.compensation);
    // Without baseDir, the works CSV is looked for in the current folder, and not found.
    const elsewhere = await check(text('ruling-bulk'), { today });
    expect(elsewhere.ok).toBe(false);
    expect(elsewhere.problems.some((p) => p.path[0] === 'works_file')).toBe(true);
  });

  it('places a problem at line and column in text (in the file named, if one is), and only by its path in an object', async () => {
    const bad = 'form: deposit\nmode: donatoin\n';
    const [inText] = (await check(bad)).problems;
    expect(inText).toMatchObject({ severity: 'error', path: ['mode'], line: 2, column: 7, ja: expect.any(String), en: expect.any(String) });
    expect(inText.file).toBeUndefined();
    expect((await check(bad, { file: 'web-form.yaml' })).problems[0]).toMatchObject({ file: 'web-form.yaml', line: 2 });
    const [inObject] = (await check({ form: 'deposit', mode: 'donatoin' })).problems;
    expect(inObject).toMatchObject({ path: ['mode'] });
    expect(inObject).not.toHaveProperty('line');
    expect(inObject).not.toHaveProperty('file');
  });
});

describe('render', () => {
  it('returns every document in the asked formats as bytes, with the pages of each PDF', async () => {
    const r = await render(text('deferred-payment'), { formats: ['pdf', 'docx'], today: '2026-11-21' });
    expect(r.ok).toBe(true);
    expect(r.files.map((f) => f.name)).toEqual(['application.pdf', 'application.docx']);
    expect(Buffer.from(r.files[0].bytes.subarray(0, 5)).toString()).toBe('%PDF-');
    expect(r.files[0].pages).toBeGreaterThan(0);
    expect(r.pages).toBe(r.files[0].pages);
    const broken = await render('form: deposit\nmode: donatoin\n');
    expect(broken).toMatchObject({ ok: false, files: [], pages: 0 });
  });
});

describe('forms and schema', () => {
  it('lists the forms with their documents, and gives a form\'s JSON Schema; an unknown form names the closest', async () => {
    expect((await forms()).map((f) => f.id)).toEqual(Object.keys(FORMS));
    expect((await forms()).find((f) => f.id === 'deposit')!.documents.map((d) => d.name)).toContain('deposit-form');
    expect(await schema('deposit')).toHaveProperty('properties.publisher');
    await expect(schema('rulng')).rejects.toThrow(/did you mean "ruling"/);
  });

  it('the registry says which forms are English (for reports of cases rendered in workers) as the plugins themselves do', () => {
    for (const [id, plugin] of Object.entries(FORMS)) {
      expect(plugin.id).toBe(id);
      expect(formIsEnglish(id), id).toBe(plugin.language === 'en');
    }
    expect(formIsEnglish('probe')).toBe(false);
  });
});
