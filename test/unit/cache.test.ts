/**
 * yoshiki's cache folder (src/base/cache.ts): what is derived from a text is kept for that very text
 * and made again for any other, a value JSON would change is never kept, and a template compiled
 * through the cache behaves as Handlebars compiles it.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { derived } from '../../src/base/cache.js';
import { TemplateBook } from '../../src/forms/kit/templates.js';
import { tempDir } from '../helpers.js';

let folder: string;
const saved = process.env.YOSHIKI_CACHE;
beforeEach(() => {
  folder = tempDir('cache-');
  process.env.YOSHIKI_CACHE = folder;
});
afterEach(() => {
  process.env.YOSHIKI_CACHE = saved;
});

const entries = () => (existsSync(join(folder, 'derived')) ? readdirSync(join(folder, 'derived')) : []);

describe('derived', () => {
  it('makes a value once per text, again when the text changes, keeping one entry per source', () => {
    let made = 0;
    const parse = (text: string) => derived('test', 'file:///a.yaml', text, () => (made++, { text, list: [1, 'two', null, true] }));
    expect(parse('one')).toEqual({ text: 'one', list: [1, 'two', null, true] });
    expect(parse('one')).toEqual({ text: 'one', list: [1, 'two', null, true] });
    expect(made).toBe(1);
    expect(parse('two')).toEqual({ text: 'two', list: [1, 'two', null, true] });
    expect(made).toBe(2);
    expect(entries()).toHaveLength(1);
    // Another kind (another library version) or another source is another entry.
    derived('test 2', 'file:///a.yaml', 'two', () => (made++, 0));
    derived('test', 'file:///b.yaml', 'two', () => (made++, 0));
    expect(made).toBe(4);
    expect(entries()).toHaveLength(3);
  });

  it('never keeps what JSON would change, and makes everything afresh when the entry is damaged or the cache is off', () => {
    let made = 0;
    const odd = () => derived('test', 'odd', 'x', () => (made++, { when: new Date(0), big: Infinity }));
    expect(odd().when).toBeInstanceOf(Date);
    expect(odd().big).toBe(Infinity);
    expect(made).toBe(2);
    expect(entries()).toEqual([]);
    derived('test', 'plain', 'x', () => 1);
    writeFileSync(join(folder, 'derived', entries()[0]), '{ not json');
    expect(derived('test', 'plain', 'x', () => 2)).toBe(2);
    process.env.YOSHIKI_CACHE = 'off';
    expect(derived('test', 'plain', 'x', () => 3)).toBe(3);
    expect(derived('test', 'plain', 'x', () => 4)).toBe(4);
  });
});

describe('templates compiled through the cache', () => {
  it('fill as Handlebars compiles them, from a fresh book and from the cache, partials and strictness included', () => {
    const dir = tempDir('cache-templates-');
    writeFileSync(join(dir, 'line.hbs'), '{{name}} & {{#each items}}[{{this}}]{{/each}}\n');
    const source = 'Dear {{> f/line}}{{#if note}} — {{note}}{{/if}}';
    const context = { name: '<株式会社>', items: ['a', 'b'], note: '"ok"' };
    const hb = Handlebars.create();
    hb.registerPartial('f/line', readFileSync(join(dir, 'line.hbs'), 'utf8').trim());
    const expected = hb.compile(source, { noEscape: true, strict: true })(context);
    expect(expected).toBe('Dear <株式会社> & [a][b] — "ok"');
    const fill = () => {
      const book = new TemplateBook();
      book.registerPartials('f', new URL(`file://${dir}/`));
      return book.compile('test:letter', () => source);
    };
    expect(fill()(context)).toBe(expected);
    const cached = entries().length;
    expect(cached).toBe(2); // the template and its partial
    expect(fill()(context)).toBe(expected);
    expect(entries()).toHaveLength(cached);
    // strict, as compiled: a field the context lacks is an error, in the partial too.
    expect(() => fill()({ items: [], note: '' })).toThrow(/"name" not defined/);
  });
});
