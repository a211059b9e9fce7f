/**
 * The command line as users and scripts rely on it (README, Commands): exit status, JSON facts, batch rules.
 * Run in-process (cli); test/clients/cli.test.ts runs the built command as a process.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MANIFEST } from '../../src/pipeline/write.js';
import { cli, FIXTURES, lineIn, tempDir } from '../helpers.js';

describe('yoshiki check --json', () => {
  it('prints the facts of each case, one JSON object per line', async () => {
    const res = await cli('check', '--json', join(FIXTURES, 'ruling-reprint.yaml'), join(FIXTURES, 'ruling-museum-broadcast.yaml'));
    expect(res.status).toBe(0);
    const [reprint, museum] = res.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(reprint).toMatchObject({
      case: 'ruling-reprint', form: 'ruling', ok: true, errors: [], documents: ['cover-letter', 'application', 'evidence', 'advertisement', 'copy-notice', 'consultation-mail', 'checklist', 'submission'],
      facts: { fee: 6900, stamps: [6000, 600, 300], deposit_exempt: false, in_application_use: true, tax_rate: 0.08,
        compensation: [181440, 30240], earliest_filing_date: '2018-11-09' },
    });
    expect(reprint.warnings[0]).toHaveProperty('path');
    expect(museum.facts).toMatchObject({ fee: 0, stamps: [], deposit_exempt: true, tax_rate: 0.1, compensation: [20000], earliest_filing_date: null });
  });

  it('puts English first for the English forms, Japanese first for the others', async () => {
    const dir = tempDir();
    const bad = join(dir, 'too-many.yaml');
    writeFileSync(bad, readFileSync(join(FIXTURES, 'ill-request.yaml'), 'utf8').replace('currently_borrowed: 3', 'currently_borrowed: 9'));
    const res = await cli('check', bad);
    expect(res.status).toBe(1);
    const lines = res.stdout.split('\n');
    const error = lines.findIndex((l) => l.trim().startsWith('Error:'));
    expect(lines[error]).toContain('you may request 1 more, not 2');
    expect(lines[error + 1].trim()).toMatch(/^エラー: /);
    const json = JSON.parse((await cli('check', '--json', bad)).stdout);
    expect(json.errors[0].message).toMatch(/^At most 10 items/);
    const ruling = JSON.parse((await cli('check', '--json', join(FIXTURES, 'ruling-reprint.yaml'))).stdout);
    expect(ruling.warnings[0].message).toMatch(/^[^A-Za-z]/);
  });

  it('reports errors with line and column and exits 1', async () => {
    const dir = tempDir();
    const bad = join(dir, 'bad.yaml');
    const text = 'form: ruling\nsubject: wrk\n';
    writeFileSync(bad, text);
    const res = await cli('check', '--json', bad);
    expect(res.status).toBe(1);
    const out = JSON.parse(res.stdout);
    expect(out.ok).toBe(false);
    expect(out.errors.find((e: { path: string }) => e.path === 'subject')).toMatchObject({ line: lineIn(text, 'subject:'), column: 'subject: '.length + 1 });
  });
});

describe('yoshiki render', () => {
  it('writes only the formats asked for, and exits 0 when all is well', async () => {
    const out = tempDir();
    const res = await cli('render', join(FIXTURES, 'ruling-drama-dvd.yaml'), '-o', out, '--format', 'pdf');
    expect(res.status).toBe(0);
    expect(readdirSync(join(out, 'ruling-drama-dvd')).sort()).toEqual([MANIFEST, 'application.pdf', 'checklist.pdf', 'cover-letter.pdf', 'evidence.pdf', 'submission.pdf']);
  });

  it('exits 2 on bad usage', async () => {
    expect((await cli('render')).status).toBe(2);
    expect((await cli('render', FIXTURES, '--format', 'xls')).status).toBe(2);
    expect((await cli('render', FIXTURES, '--bogus')).status).toBe(2);
    const unknown = await cli('frobnicate');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('Unknown command "frobnicate"');
  });
});

describe('yoshiki forms and schema', () => {
  it('lists the forms and gives a JSON Schema for editors', async () => {
    expect((await cli('forms')).stdout).toContain('ruling');
    const schema = JSON.parse((await cli('schema', 'ruling')).stdout);
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['form', 'subject', 'applicant', 'works', 'uses', 'due_diligence']));
  });
});
