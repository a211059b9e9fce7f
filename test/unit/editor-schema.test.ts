/**
 * The JSON Schema an editor gets (`yoshiki schema`, the file `yoshiki new` writes beside a case):
 * Ajv compiles it in strict mode, it flags the typical mistakes `check` flags, and it accepts what a
 * clerk types that `check` accepts (令和 dates, ２，０００円, 法人, はい) — so the editor's squiggles
 * and `check` agree. It is draft 7, as the YAML language server reads it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadForms } from '../../src/forms/registry.js';
import { editorSchema, widen } from '../../src/input/json-schema.js';
import { halfWidth, PATTERNS } from '../../src/input/typed.js';
import { checkCase } from '../../src/pipeline/pipeline.js';
import { cli, editorValidator, FIXTURES, tempDir } from '../helpers.js';

const FORMS = await loadForms();

describe('the editor schema', () => {
  it.each(Object.keys(FORMS))('%s: Ajv compiles it in strict mode', (form) => {
    expect(editorValidator(form)).toBeTypeOf('function');
  });

  it('is what `yoshiki schema` prints', async () => {
    const out = await cli('schema', 'deposit');
    expect(JSON.parse(out.stdout)).toEqual(editorSchema(FORMS.deposit.schema, 'deposit'));
    expect(JSON.parse(out.stdout).$schema).toBe('http://json-schema.org/draft-07/schema#');
  });

  it('a widened pattern accepts the full-width twin of what it accepted, and nothing more', () => {
    const date = new RegExp(widen(PATTERNS.date), 'u');
    for (const typed of ['2026-12-01', '２０２６－１２－０１', '令和８年１２月１日', 'Ｒ８．１２．１', '2026/12/01'])
      expect([typed, date.test(typed)]).toEqual([typed, new RegExp(PATTERNS.date).test(halfWidth(typed))]);
    for (const wrong of ['2026-13-01', '12/1/2026', '２０２６年１３月１日', '令和八年']) expect([wrong, date.test(wrong)]).toEqual([wrong, false]);
  });

  it('each choice lists its Japanese labels, described for the completion list', () => {
    const deposit = editorSchema(FORMS.deposit.schema, 'deposit') as { properties: { mode: { enum: string[]; enumDescriptions: string[]; markdownEnumDescriptions: string[] } } };
    const { enum: values, enumDescriptions, markdownEnumDescriptions } = deposit.properties.mode;
    expect(values.slice(0, 3)).toEqual(['donation', 'compensation', 'postage-only']);
    expect(values).toContain('代償金');
    expect(enumDescriptions.slice(0, 3)).toEqual(['寄贈', '代償金', '送料のみ']);
    expect(enumDescriptions[values.indexOf('代償金')]).toBe('compensation と同じ / same as compensation');
    expect(markdownEnumDescriptions).toEqual(enumDescriptions);
  });
});

describe('the editor flags what check flags', () => {
  const deposit = readFileSync(join(FIXTURES, 'deposit-compensation.yaml'), 'utf8');
  const reprint = readFileSync(join(FIXTURES, 'ruling-reprint.yaml'), 'utf8');
  const editorFlags = (text: string) => {
    const data = parse(text) as { form: string };
    return !editorValidator(data.form)(data);
  };
  const checkFlags = async (text: string) => {
    const file = join(tempDir('editor-'), 'case.yaml');
    writeFileSync(file, text);
    return (await checkCase(file, '2026-12-01')).problems.some((p) => p.severity === 'error');
  };
  const edit = (text: string, from: string, to: string) => {
    expect(text).toContain(from);
    return text.replace(from, to);
  };

  // The typical mistakes: before the typed patterns, the editor let the two dates, the two amounts and the rate pass.
  it.each([
    ['a misspelt field', deposit, 'published_on:', 'publised_on:'],
    ['a choice that is not one', deposit, 'mode: compensation', 'mode: gift'],
    ['a month that does not exist', deposit, 'published_on: 2026-11-15', 'published_on: 2026-13-15'],
    ['a date written the American way', deposit, 'date: 2026-12-01', 'date: 12/1/2026'],
    ['commas in the wrong places', deposit, 'price: 1800', 'price: "1,8,0,0"'],
    ['an amount in words', deposit, 'price: 1800', 'price: 千八百円'],
    ['a rate in words', reprint, 'rate: 7%', 'rate: 7 percent'],
    ['a postal code with a digit too many', deposit, 'postal_code: "150-0001"', 'postal_code: "150-00012"'],
  ])('%s', async (_, text, from, to) => {
    const wrong = edit(text, from, to);
    expect(await checkFlags(wrong)).toBe(true);
    expect(editorFlags(wrong)).toBe(true);
  });

  it('and accepts what a clerk types that check accepts', async () => {
    const typed = [
      ['date: 2026-12-01', 'date: 令和8年12月1日'], ['mode: compensation', 'mode: 代償金'], ['postal_code: "150-0001"', 'postal_code: 〒１５０－０００１'],
      ['published_on: 2026-11-15', 'published_on: R8.11.15'], ['price: 1800', 'price: ２，０００円'], ['publishing_type: self-published', 'publishing_type: 自費出版'],
      ['receipt_requested: true', 'receipt_requested: はい'], ['phone: 03-1234-5678', 'phone: 0312345678'],
    ].reduce((t, [from, to]) => edit(t, from, to), deposit);
    expect(await checkFlags(typed)).toBe(false);
    expect(editorFlags(typed)).toBe(false);
    const rate = edit(reprint, 'rate: 7%', 'rate: ７パーセント');
    expect(await checkFlags(rate)).toBe(false);
    expect(editorFlags(rate)).toBe(false);
  });
});
