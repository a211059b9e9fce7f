/**
 * The command line as users and scripts rely on it (README, Commands): exit status, JSON facts, batch rules.
 * Run in-process (cli); test/clients/cli.test.ts runs the built command as a process.
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MANIFEST } from '../../src/pipeline/write.js';
import { cli, cliWith, FIXTURES, lineIn, tempDir } from '../helpers.js';

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

describe('the command line people expect (issue 18 §4)', () => {
  it('--version prints the package\'s version', async () => {
    const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    const r = await cli('--version');
    expect(r).toMatchObject({ status: 0, stdout: `yoshiki ${version}\n` });
  });

  it('--help for every command, in Japanese and English, each option with both', async () => {
    const { COMMANDS } = await import('../../src/app/cli/commands.js');
    expect(COMMANDS.map((c) => c.name).sort()).toEqual(['check', 'forms', 'new', 'open', 'preview', 'render', 'schema']);
    for (const spec of COMMANDS) {
      for (const args of [[spec.name, '--help'], [spec.name, '-h'], ['help', spec.name]]) {
        const r = await cli(...args);
        expect(r.status, args.join(' ')).toBe(0);
        expect(r.stdout).toContain('使い方 / Usage:');
        expect(r.stdout).toContain(`yoshiki ${spec.name}`);
        for (const o of spec.options) {
          expect(r.stdout).toContain(`--${o.name}`);
          expect(r.stdout).toContain(o.ja);
          expect(r.stdout).toContain(o.en);
        }
      }
    }
    // render --help used to print Node's parseArgs error; help wins over anything else on the line.
    const render = await cli('render', 'x.yaml', '--bogus', '--help');
    expect(render.status).toBe(0);
    expect(render.stdout).toContain('--format');
    expect(render.stderr).toBe('');
    const overall = await cli('--help');
    for (const spec of COMMANDS) expect(overall.stdout).toContain(spec.en);
  });

  it('did you mean: a misspelt command, form, option or format', async () => {
    const command = await cli('rendr', 'x.yaml');
    expect(command.status).toBe(2);
    expect(command.stderr).toContain('「render」ではありませんか。 / Did you mean render?');
    const form = await cli('new', 'rulng');
    expect(form.status).toBe(2);
    expect(form.stderr).toContain('did you mean "ruling"?');
    expect(form.stderr).toContain('yoshiki new --help');
    expect((await cli('schema', 'deposi')).stderr).toContain('did you mean "deposit"?');
    const option = await cli('render', 'x.yaml', '--fromat', 'pdf');
    expect(option.status).toBe(2);
    expect(option.stderr).toContain('Did you mean --format?');
    const format = await cli('render', 'x.yaml', '--format', 'pfd');
    expect(format.stderr).toContain('Did you mean pdf?');
    const missing = await cli('render', 'x.yaml', '-o');
    expect(missing.stderr).toContain('-o needs a value');
    // Nothing close: no guess, but the way to the list.
    const far = await cli('check', '--zzzzzzzz');
    expect(far.stderr).not.toContain('Did you mean');
    expect(far.stderr).toContain('yoshiki check --help');
  });

  it('"-" reads a case from standard input, for check and render', async () => {
    const text = readFileSync(join(FIXTURES, 'deposit-compensation.yaml'), 'utf8');
    const checked = await cliWith({ stdin: text }, 'check', '--json', '-');
    expect(checked.status).toBe(0);
    expect(JSON.parse(checked.stdout)).toMatchObject({ case: 'stdin', form: 'deposit', ok: true, facts: { compensation_eligible: true } });
    const out = tempDir();
    const rendered = await cliWith({ stdin: text }, 'render', '-', '-o', out, '--format', 'docx');
    expect(rendered.status).toBe(0);
    expect(readdirSync(join(out, 'stdin'))).toContain('deposit-form.docx');
    // A mistake is placed at <stdin>:line:column.
    const bad = await cliWith({ stdin: 'form: deposit\nmode: donatoin\n' }, 'check', '-');
    expect(bad.status).toBe(1);
    expect(bad.stdout).toMatch(/<stdin>:2:7 {2}mode/);
    expect((await cli('check', '-', '-')).status).toBe(2);
  });

  it('forms --json lists every form with its documents and formats', async () => {
    const r = await cli('forms', '--json');
    const list = JSON.parse(r.stdout);
    const { FORM_IDS } = await import('../../src/forms/registry.js');
    expect(list.map((f: { id: string }) => f.id)).toEqual(FORM_IDS);
    expect(list.find((f: { id: string }) => f.id === 'ill-request')).toMatchObject({ language: 'en', title: { en: expect.any(String), ja: expect.any(String) } });
    expect(list[0].documents[0]).toEqual({ name: expect.any(String), about: expect.any(String), formats: expect.arrayContaining(['pdf']) });
  });

  it('render --json: one summary with each case\'s files, problems and pages, in the order given, and the seconds', async () => {
    // The second case has the first one's name: refused, so one case renders, here, without a worker.
    const dir = tempDir();
    for (const sub of ['a', 'b']) {
      mkdirSync(join(dir, sub));
      copyFileSync(join(FIXTURES, 'deferred-payment.yaml'), join(dir, sub, 'deferred-payment.yaml'));
    }
    const out = join(dir, 'out');
    const r = await cli('render', join(dir, 'a'), join(dir, 'b'), '-o', out, '--format', 'pdf,txt', '--json');
    expect(r.status).toBe(1);
    const summary = JSON.parse(r.stdout);
    expect(summary).toMatchObject({ ok: false, rendered: 1, failed: 1, seconds: expect.any(Number) });
    const [good, refused] = summary.cases;
    expect(good).toMatchObject({ case: 'deferred-payment', form: 'deferred-payment', ok: true, errors: [] });
    expect(good.file).toMatch(/a\/deferred-payment\.yaml$/);
    expect(good.written.map((w: string) => basename(w))).toEqual(['application.pdf']);
    expect(good.pages).toBeGreaterThan(0);
    expect(summary.pages).toBe(good.pages);
    expect(refused).toMatchObject({ ok: false, written: [], pages: 0 });
    expect(refused.file).toMatch(/b\/deferred-payment\.yaml$/);
    expect(refused.errors[0].message).toContain('same name');
  });

  it('--quiet prints only the cases with errors, and their errors only', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'broken.yaml'), 'form: deposit\nmode: donatoin\n');
    const r = await cli('check', '--quiet', join(FIXTURES, 'ruling-reprint.yaml'), join(dir, 'broken.yaml'));
    expect(r.status).toBe(1);
    expect(r.stdout).not.toContain('ruling-reprint');
    expect(r.stdout).toContain('broken.yaml:2:7');
    expect(r.stdout).not.toMatch(/注意|Warning/);
    expect((await cli('check', '-q', join(FIXTURES, 'ruling-reprint.yaml'))).stdout).toBe('');
  });

  it('colours errors, warnings and places on a terminal; none with NO_COLOR or in a pipe', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'broken.yaml'), 'form: deposit\nmode: donatoin\n');
    const file = join(dir, 'broken.yaml');
    const tty = await cliWith({ columns: 100 }, 'check', file);
    expect(tty.stdout).toContain('\u001b[31m'); // red: the ✗ and "エラー:"
    expect(tty.stdout).toMatch(/\u001b\[36m[^\u001b]*broken\.yaml:2:7\u001b\[39m/); // cyan file:line:col
    const warned = await cliWith({ columns: 100 }, 'check', join(FIXTURES, 'ruling-reprint.yaml'));
    expect(warned.stdout).toContain('\u001b[33m'); // yellow "注意:"
    expect((await cliWith({ columns: 100, env: { NO_COLOR: '1' } }, 'check', file)).stdout).not.toContain('\u001b[');
    expect((await cli('check', file)).stdout).not.toContain('\u001b[');
    expect((await cliWith({ env: { FORCE_COLOR: '1' } }, 'check', file)).stdout).toContain('\u001b[31m');
  });

  it('wraps messages to the terminal: hanging indent, Japanese by 禁則, English between words', async () => {
    const { displayWidth } = await import('../../src/app/cli/terminal.js');
    const { NO_LINE_START } = await import('../../src/typeset/kinsoku.js');
    const dir = tempDir();
    const file = join(dir, 'broken.yaml');
    writeFileSync(file, 'form: ruling\nsubject: wrk\n');
    const plain = (await cli('check', file)).stdout;
    for (const columns of [40, 53, 67]) {
      const wrapped = (await cliWith({ columns, env: { NO_COLOR: '1' } }, 'check', file)).stdout;
      const lines = wrapped.trimEnd().split('\n');
      for (const line of lines) expect(displayWidth(line), line).toBeLessThan(columns);
      // (The case's path, ../../tmp/…, may start a line with its dot.)
      for (const line of lines.filter((l) => !/yoshiki-test|broken\.yaml/.test(l))) expect(NO_LINE_START.has(line.trim()[0]), line).toBe(false);
      expect(lines.length).toBeGreaterThan(plain.trimEnd().split('\n').length);
      // Each message is its lines joined again: English by a space (no word cut), Japanese directly.
      const message = (label: string) => {
        const start = lines.findIndex((l) => l.trimStart().startsWith(label));
        const textAt = lines[start].indexOf(label) + label.length + 1;
        const indent = displayWidth(lines[start].slice(0, textAt)); // the hanging indent, in columns
        const under = (l: string) => l.startsWith(' '.repeat(indent)) && l[indent] !== ' ';
        const end = lines.findIndex((l, i) => i > start && !under(l));
        return [lines[start].slice(textAt), ...lines.slice(start + 1, end < 0 ? undefined : end).map((l) => l.slice(indent))];
      };
      const unwrapped = (label: string) => plain.split('\n').find((l) => l.trimStart().startsWith(label))!.trimStart().slice(label.length + 1);
      expect(message('Error:').join(' ')).toBe(unwrapped('Error:'));
      // (A space at a break is the break itself: Japanese lines are compared without spaces.)
      expect(message('エラー:').join('').replace(/ /g, '')).toBe(unwrapped('エラー:').replace(/ /g, ''));
    }
  });

  it('a wrapped line never starts with 「。」 nor cuts an English word, and a hyphenated code stays whole', async () => {
    const { hanging, PLAIN } = await import('../../src/app/cli/terminal.js');
    const at = (width: number) => ({ ...PLAIN, width });
    // 24 columns of text after a 4-column prefix: 「。」 would fall at the start of the second line.
    expect(hanging('    ', 'あいうえおかきくけこさし。すせそ', at(28))).toBe('    あいうえおかきくけこさ\n    し。すせそ');
    expect(hanging('  ', 'The Agency for Cultural Affairs office', at(24))).toBe('  The Agency for\n  Cultural Affairs\n  office');
    expect(hanging('', 'the form ill-registration is here', at(22))).toBe('the form\nill-registration is\nhere');
    // Unwrapped when the output is no terminal.
    expect(hanging('  ', 'あいうえおかき。くけこ', PLAIN)).toBe('  あいうえおかき。くけこ');
  });
});

describe('text from a case is printed safe for a terminal (issue 21 §10)', () => {
  it('ESC, BEL, NUL, C1 and bidi overrides in a field name, a message or a file name are shown, not obeyed', async () => {
    const dir = tempDir('escape-');
    const file = join(dir, 'a.yaml');
    writeFileSync(file, 'form: deposit\n"ev\\e[2K\\rok\\a\\0\\u202e\\u0085": 1\n');
    const named = join(dir, 'a\u001b[2Kb.yaml');
    writeFileSync(named, 'form: deposit\n');
    const r = await cli('check', file, named);
    expect(r.status).toBe(1);
    // Nothing but line ends among the control characters (no colour: not a terminal).
    expect(r.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    expect(r.stdout).toContain('There is no field "ev␛[2K␍ok␇␀<U+202E><U+0085>"');
    expect(r.stdout).toContain('a␛[2Kb.yaml');
    // --json stays exact JSON: the characters escaped as JSON does.
    const json = await cli('check', file, '--json');
    expect(JSON.parse(json.stdout.trim().split('\n')[0]).errors.some((e: { message: string }) => e.message.includes('ev\u001b[2K\rok\u0007'))).toBe(true);
  });
});
