/**
 * `yoshiki new` starters check and render as they are (on today's date, as a newcomer runs them),
 * and come with the line and the file that give an editor the form's JSON Schema; that schema
 * accepts every example case and every starter, and rejects a misspelt field — what an editor's
 * YAML language server will say.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadForms } from '../../src/forms/registry.js';
import { editorSchema } from '../../src/input/json-schema.js';
import { checkCase, renderCase } from '../../src/pipeline/pipeline.js';
import { cli, editorValidator, FIXTURES, tempDir } from '../helpers.js';

const FORMS = await loadForms();

const schemaOf = (form: string) => editorSchema(FORMS[form].schema, form);
const accepts = async (data: { form: string }) => {
  const validate = editorValidator(data.form);
  return validate(data) ? true : validate.errors;
};

describe('yoshiki new', () => {
  it.each(Object.keys(FORMS))('%s: the starter checks without errors or unsettled warnings, renders, and the schema accepts it', async (form) => {
    const dir = tempDir('starter-');
    const file = join(dir, `${form}.yaml`);
    const made = await cli('new', form, '-o', file);
    expect(made.status, made.stderr).toBe(0);
    const text = readFileSync(file, 'utf8');
    // The first line gives an editor the schema written beside the case (README, "Editing a case in VS Code").
    expect(text.split('\n')[0]).toBe(`# yaml-language-server: $schema=./${form}.schema.json`);
    expect(JSON.parse(readFileSync(join(dir, `${form}.schema.json`), 'utf8'))).toEqual(schemaOf(form));
    expect(text.split('\n')[1]).toMatch(FORMS[form].language === 'en' ? /^# yoshiki: [A-Z]/ : /^# yoshiki: .*[ぁ-んァ-ン一-龥]/);
    expect(text).not.toContain('{{');
    const checked = await checkCase(file);
    expect(checked.problems.filter((p) => p.severity === 'error')).toEqual([]);
    // A newcomer's first check is clean: what a starter cannot complete (a file to attach) it
    // acknowledges, each line saying why; an acknowledgement nothing raised would warn here too.
    expect(checked.problems.filter((p) => p.severity === 'warning').map((p) => `${p.code}: ${p.en}`)).toEqual([]);
    const acknowledged = (parse(text) as { acknowledged?: string[] }).acknowledged ?? [];
    expect([...new Set(checked.settled)].sort()).toEqual([...acknowledged].sort());
    const entries = text.split('\n').filter((l) => acknowledged.some((c) => l.trimStart().startsWith(`- ${c}`)));
    expect(entries.length).toBe(acknowledged.length);
    for (const line of entries) expect(line, 'each acknowledgement says why').toMatch(/#\s*\S/);
    const written = await renderCase(checked, join(dir, 'out'), ['pdf', 'txt']);
    expect(written.length).toBeGreaterThan(0);
    expect(await accepts(parse(text))).toBe(true);
  });
  it('never overwrites a file', async () => {
    const file = join(tempDir('starter-'), 'mine.yaml');
    writeFileSync(file, 'form: deposit # my own work\n');
    const again = await cli('new', 'deposit', '-o', file);
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('never overwritten');
    expect(readFileSync(file, 'utf8')).toBe('form: deposit # my own work\n');
  });
  it('leaves a schema file of that name alone when it is not yoshiki\'s', async () => {
    const dir = tempDir('starter-');
    writeFileSync(join(dir, 'deposit.schema.json'), '{"mine": true}\n');
    const made = await cli('new', 'deposit', '-o', join(dir, 'case.yaml'));
    expect(made.status).toBe(0);
    expect(made.stdout).toContain('is not yoshiki\'s');
    expect(readFileSync(join(dir, 'deposit.schema.json'), 'utf8')).toBe('{"mine": true}\n');
    expect(existsSync(join(dir, 'case.yaml'))).toBe(true);
  });
});

describe('yoshiki schema', () => {
  const fixtures = readdirSync(FIXTURES).filter((f) => f.endsWith('.yaml'));
  it.each(fixtures)('accepts %s', async (name) => {
    expect(await accepts(parse(readFileSync(join(FIXTURES, name), 'utf8')))).toBe(true);
  });
  it('rejects a misspelt field, naming it', async () => {
    const data = parse(readFileSync(join(FIXTURES, 'deposit-compensation.yaml'), 'utf8'));
    data.publication.titel = data.publication.title;
    delete data.publication.title;
    const errors = await accepts(data);
    expect(errors).not.toBe(true);
    expect(JSON.stringify(errors)).toContain('titel');
  });
  // An editor shows a field's description on hover and beside each completion: every field of every
  // form needs one, in Japanese and in English, or the clerk is left guessing.
  it.each(Object.keys(FORMS))('%s: every field has a description in Japanese and English', async (form) => {
    const fields = fieldsOf(schemaOf(form) as JsonSchema);
    expect(fields.length).toBeGreaterThan(3);
    const undescribed = fields.filter((f) => !/[ぁ-んァ-ン一-龥].* \/ [A-Za-z]/.test(f.description ?? '')).map((f) => f.path);
    expect(undescribed).toEqual([]);
  });
});

interface JsonSchema { description?: string; properties?: Record<string, JsonSchema>; items?: JsonSchema; anyOf?: JsonSchema[]; oneOf?: JsonSchema[] }

/** Every named property anywhere in a JSON Schema (inside objects, array items and unions), with its path. */
function fieldsOf(node: JsonSchema, path = ''): { path: string; description?: string }[] {
  const own = Object.entries(node.properties ?? {}).flatMap(([key, child]) =>
    [{ path: `${path}.${key}`, description: child.description }, ...fieldsOf(child, `${path}.${key}`)]);
  const nested = [node.items, ...(node.anyOf ?? []), ...(node.oneOf ?? [])]
    .filter((n): n is JsonSchema => !!n)
    .flatMap((n) => fieldsOf(n, n === node.items ? `${path}[]` : path));
  return [...own, ...nested];
}
