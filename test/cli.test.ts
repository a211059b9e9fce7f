/** The command line as users and scripts rely on it (design.md): exit status, JSON facts, batch rules. */
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, tempDir, yoshiki } from './helpers.js';

const noStackTrace = (out: string) => expect(out).not.toMatch(/\n\s+at .+:\d+:\d+/);

describe('yoshiki check --json', () => {
  it('prints the facts of each case, one JSON object per line', () => {
    const res = yoshiki('check', '--json', join(FIXTURES, 'ruling-reprint.yaml'), join(FIXTURES, 'ruling-museum-broadcast.yaml'));
    expect(res.status).toBe(0);
    const [reprint, museum] = res.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(reprint).toMatchObject({
      case: 'ruling-reprint', form: 'ruling', ok: true, errors: [], documents: ['application', 'evidence', 'advertisement', 'copy-notice'],
      facts: { fee: 6900, stamps: [6000, 600, 300], deposit_exempt: false, in_application_use: true, tax_rate: 0.08,
        compensation: [181440, 30240], earliest_filing_date: '2018-11-09' },
    });
    expect(reprint.warnings[0]).toHaveProperty('path');
    expect(museum.facts).toMatchObject({ fee: 0, stamps: [], deposit_exempt: true, tax_rate: 0.1, compensation: [20000], earliest_filing_date: null });
  });

  it('puts English first for the English forms, Japanese first for the others', () => {
    const dir = tempDir();
    const bad = join(dir, 'too-many.yaml');
    writeFileSync(bad, readFileSync(join(FIXTURES, 'ill-request.yaml'), 'utf8').replace('currently_borrowed: 3', 'currently_borrowed: 9'));
    const res = yoshiki('check', bad);
    expect(res.status).toBe(1);
    const lines = res.stdout.split('\n');
    const error = lines.findIndex((l) => l.trim().startsWith('Error:'));
    expect(lines[error]).toContain('you may request 1 more, not 2');
    expect(lines[error + 1].trim()).toMatch(/^エラー: /);
    const json = JSON.parse(yoshiki('check', '--json', bad).stdout);
    expect(json.errors[0].message).toMatch(/^At most 10 items/);
    const ruling = JSON.parse(yoshiki('check', '--json', join(FIXTURES, 'ruling-reprint.yaml')).stdout);
    expect(ruling.warnings[0].message).toMatch(/^[^A-Za-z]/);
  });

  it('reports errors with line and column and exits 1', () => {
    const dir = tempDir();
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'form: ruling\nsubject: wrk\n');
    const res = yoshiki('check', '--json', bad);
    expect(res.status).toBe(1);
    const out = JSON.parse(res.stdout);
    expect(out.ok).toBe(false);
    expect(out.errors.find((e: { path: string }) => e.path === 'subject')).toMatchObject({ line: 2, column: 10 });
  });
});

describe('yoshiki render', () => {
  it('renders a directory; a bad case is reported, writes nothing, and does not stop the others', () => {
    const dir = tempDir();
    for (const f of ['ruling-reprint.yaml', 'ruling-ringtone.yaml']) copyFileSync(join(FIXTURES, f), join(dir, f));
    writeFileSync(join(dir, 'a-broken.yaml'), 'form: ruling\napplicant: [\n');
    const out = join(dir, 'out');
    const res = yoshiki('render', dir, '-o', out);
    expect(res.status).toBe(1);
    expect(res.stdout).toContain('a-broken.yaml:');
    noStackTrace(res.stdout + res.stderr);
    const submission = ['advertisement.docx', 'advertisement.txt', 'application.docx', 'application.pdf', 'copy-notice.txt',
      'evidence.csv', 'evidence.docx', 'evidence.pdf'];
    expect(readdirSync(join(out, 'ruling-reprint')).sort()).toEqual(submission);
    expect(readdirSync(join(out, 'ruling-ringtone')).sort()).toEqual(submission);
    expect(existsSync(join(out, 'a-broken'))).toBe(false);
  });

  it('writes only the formats asked for, and exits 0 when all is well', () => {
    const out = tempDir();
    const res = yoshiki('render', join(FIXTURES, 'ruling-drama-dvd.yaml'), '-o', out, '--format', 'pdf');
    expect(res.status).toBe(0);
    expect(readdirSync(join(out, 'ruling-drama-dvd')).sort()).toEqual(['application.pdf', 'evidence.pdf']);
  });

  it('exits 2 on bad usage', () => {
    expect(yoshiki('render').status).toBe(2);
    expect(yoshiki('render', FIXTURES, '--format', 'xls').status).toBe(2);
    expect(yoshiki('render', FIXTURES, '--bogus').status).toBe(2);
    expect(yoshiki('frobnicate').status).toBe(2);
  });
});

describe('yoshiki forms and schema', () => {
  it('lists the forms and gives a JSON Schema for editors', () => {
    expect(yoshiki('forms').stdout).toContain('ruling');
    const schema = JSON.parse(yoshiki('schema', 'ruling').stdout);
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['form', 'subject', 'applicant', 'works', 'uses', 'due_diligence']));
  });
});
