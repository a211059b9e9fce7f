/**
 * Normalising works out what to do at each schema once and builds objects by assignment
 * (src/input/normalise.ts): a field named __proto__ stays a field, and a schema walked again (the
 * next row of a works list) reads its values as the first time.
 */
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { normalise } from '../../src/input/normalise.js';
import { choice, isoDate, text } from '../../src/input/fields.js';

const schema = z.object({ name: text(), on: isoDate().optional(), kind: choice({ book: '図書', map: '地図' }), tags: z.array(text()).optional() });

describe('normalising', () => {
  it('keeps a field named __proto__ as a field of the object, not its prototype', () => {
    const data = JSON.parse('{"name":"題","kind":"book","__proto__":{"polluted":true}}');
    const out = normalise(schema, data).data as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.keys(out)).toEqual(['name', 'kind', '__proto__']);
    expect(Object.getOwnPropertyDescriptor(out, '__proto__')?.value).toEqual({ polluted: true });
    expect((out as { polluted?: boolean }).polluted).toBeUndefined();
  });

  it('reads a row the same way each time the schema is walked', () => {
    const row = { name: '題', on: '令和8年2月30日', kind: '地図', tags: ['a', 'b'] };
    const first = normalise(schema, row);
    const again = normalise(schema, { ...row });
    expect(again).toEqual(first);
    expect(first.data).toEqual({ name: '題', on: '令和8年2月30日', kind: 'map', tags: ['a', 'b'] });
    expect(first.problems.map((p) => p.path)).toEqual([['on']]);
  });

  it('leaves a value of the wrong shape as written', () => {
    expect(normalise(schema, ['a list']).data).toEqual(['a list']);
    expect(normalise(schema, { name: '題', kind: 'book', tags: 'one' }).data).toEqual({ name: '題', kind: 'book', tags: 'one' });
  });
});
