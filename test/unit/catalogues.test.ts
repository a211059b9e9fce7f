/**
 * The message catalogues (templates/<form>/messages.yaml) against the code that words with them:
 * every key the code names exists in the catalogue it reads, every key of a catalogue is named by
 * some code, and every message says the same things in Japanese and English. The code is read as
 * text: a key is always written out at its call (m.error('key', …)), so it can be found.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { messages } from '../../src/forms/kit/messages.js';
import { tempDir } from '../helpers.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const TEMPLATES = join(ROOT, 'templates');
const FORMS = readdirSync(TEMPLATES).filter((f) => existsSync(join(TEMPLATES, f, 'messages.yaml')));

interface Entry { ja: string; en: string; fix?: { ja: string; en: string }; ja_only?: string[]; en_only?: string[] }
const catalogue = (form: string) => parse(readFileSync(join(TEMPLATES, form, 'messages.yaml'), 'utf8')) as Record<string, Entry>;

const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? sources(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : []);

/** A key is kebab-case with at least one hyphen; other quoted words (a mode, a stage) are not keys. */
const keysIn = (text: string) => [...text.matchAll(/'([a-z0-9]+(?:-[a-z0-9]+)+)'/g)].map((m) => m[1]);

/** Which name stands for which catalogue in a file: a local `messages('x')`, or `xMessages as m` imported. */
function catalogueNames(text: string, exported: Map<string, string>): Map<string, string> {
  const names = new Map<string, string>();
  for (const [, name, form] of text.matchAll(/const (\w+) = messages\('([\w-]+)'\)/g)) names.set(name, form);
  for (const [, name, alias] of text.matchAll(/(\w+Messages) as (\w+)/g)) if (exported.has(name)) names.set(alias, exported.get(name)!);
  return names;
}

/** The codes of the findings a file words: the keys written in the rule modules it imports that return findings. */
function findingCodes(file: string, text: string): string[] {
  return [...text.matchAll(/from '([./]+law\/rules\/[\w-]+)\.js'/g)].flatMap(([, rule]) => {
    const ruleText = readFileSync(join(dirname(file), `${rule}.ts`), 'utf8');
    return ruleText.includes('Finding<') ? keysIn(ruleText) : [];
  });
}

/**
 * The keys each catalogue's code names: the first argument of each
 * call on a name for the catalogue, and the codes of the findings the file words with it.
 */
function keysUsed(): Map<string, Set<string>> {
  const files = sources(join(ROOT, 'src'));
  const exported = new Map<string, string>();
  for (const f of files)
    for (const [, name, form] of readFileSync(f, 'utf8').matchAll(/export const (\w+) = messages\('([\w-]+)'\)/g)) exported.set(name, form);
  const used = new Map<string, Set<string>>();
  const use = (form: string, keys: string[]) => keys.forEach((key) => (used.get(form) ?? used.set(form, new Set()).get(form)!).add(key));
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    const names = catalogueNames(text, exported);
    for (const [, name, , first] of text.matchAll(/\b(\w+)\.(error|warning|text|say)\(([^,()]*)/g))
      if (names.has(name)) use(names.get(name)!, keysIn(first));
    for (const [, name] of text.matchAll(/\b(\w+)\.finding\(/g))
      if (names.has(name)) use(names.get(name)!, findingCodes(f, text));
  }
  return used;
}

const placeholders = (text = '') => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
/** The placeholders of one side of a pair, less those the entry says only that side has. */
const said = (text: string | undefined, only: string[] | undefined) => [...new Set(placeholders(text))].filter((p) => !only?.includes(p)).sort();

describe('message catalogues', () => {
  const used = keysUsed();

  it('there is one for each form folder that has problems to report', () => {
    expect(FORMS.sort()).toEqual(['copyright', 'deferred-payment', 'deposit', 'ill', 'official-form', 'ruling', 'transmission-exclusion', 'unmanaged-ruling']);
  });

  it.each(FORMS)('%s: every key the code names is in the catalogue', (form) => {
    const keys = new Set(Object.keys(catalogue(form)));
    expect([...(used.get(form) ?? [])].filter((key) => !keys.has(key))).toEqual([]);
  });

  it.each(FORMS)('%s: every key of the catalogue is named by some code', (form) => {
    const named = used.get(form) ?? new Set<string>();
    expect(Object.keys(catalogue(form)).filter((key) => !named.has(key))).toEqual([]);
  });

  it.each(FORMS)('%s: every message has ja and en, its fix both, and the same placeholders in each', (form) => {
    for (const [key, e] of Object.entries(catalogue(form))) {
      const where = `${form}: ${key}`;
      expect(typeof e.ja === 'string' && e.ja.trim() !== '', where).toBe(true);
      expect(typeof e.en === 'string' && e.en.trim() !== '', where).toBe(true);
      if (e.fix !== undefined) expect([typeof e.fix.ja, typeof e.fix.en], where).toEqual(['string', 'string']);
      expect(said(e.ja, e.ja_only), where).toEqual(said(e.en, e.en_only));
      expect(said(e.fix?.ja, e.ja_only), where).toEqual(said(e.fix?.en, e.en_only));
    }
    // The loader's own checks pass too (it throws on the first entry it refuses).
    expect(messages(form).keys().length).toBe(Object.keys(catalogue(form)).length);
  });
});

describe('the loader', () => {
  /** A templates folder with one catalogue, `form`, written from `yaml`. */
  function withCatalogue(yaml: string) {
    const root = tempDir();
    mkdirSync(join(root, 'form'));
    writeFileSync(join(root, 'form', 'messages.yaml'), yaml);
    return messages('form', new URL(`file://${root}/`));
  }
  const good = withCatalogue([
    'late:', '  ja: 期限（{deadline}）を過ぎています。', '  en: The deadline ({deadline}) has passed.',
    '  fix: { ja: "{deadline}までに", en: "By {deadline}" }',
    'kept:', '  ja: "{count}部まで（{where}）"', '  en: At most {count}.', '  ja_only: [where]',
  ].join('\n'));

  it('fills the placeholders, a { ja, en } value on each side, and the fix', () => {
    expect(good.error('late', ['date'], { deadline: { ja: '令和8年12月1日', en: '2026-12-01' } })).toEqual({
      severity: 'error', path: ['date'], ja: '期限（令和8年12月1日）を過ぎています。', en: 'The deadline (2026-12-01) has passed.',
      hint: { ja: '令和8年12月1日までに', en: 'By 2026-12-01' }, code: 'form.late',
    });
    expect(good.text('kept', { count: 2, where: '東京' })).toEqual({ ja: '2部まで（東京）', en: 'At most 2.' });
  });

  it('a key the catalogue lacks throws, naming the file and the key', () => {
    expect(() => good.warning('lost', [])).toThrow('templates/form/messages.yaml has no message "lost"');
    expect(() => messages('deposit').error('no-such-message', [])).toThrow('templates/deposit/messages.yaml has no message "no-such-message"');
  });

  it('a placeholder not given, or a value given for none, throws', () => {
    expect(() => good.text('late')).toThrow('"late" needs {deadline}');
    expect(() => good.text('kept', { count: 1, where: 'x', extra: 'y' })).toThrow('"kept" has no placeholder for extra');
  });

  it('a schema message cannot carry a fix', () => {
    expect(() => good.say('late', { deadline: 'x' })).toThrow('has a fix');
    expect(good.say('kept', { count: 1, where: 'x' }).message).toContain('At most 1.');
  });

  it('refuses a catalogue whose languages say different things', () => {
    expect(() => withCatalogue('a:\n  ja: 日本語だけ\n').keys()).toThrow('"a" needs ja and en');
    expect(() => withCatalogue('a:\n  ja: "{n}件"\n  en: Some.\n').keys()).toThrow('{n} only in ja');
    expect(() => withCatalogue('a:\n  ja: 件\n  en: Some.\n  fix: { ja: 直す }\n').keys()).toThrow('the fix needs ja and en');
    expect(() => withCatalogue('a:\n  ja: "{n}件"\n  en: "{n}."\n  ja_only: [n]\n').keys()).toThrow('which is not only in ja');
  });
});
