/**
 * The editor schema's hints for the browser form (README "The editor schema"): a field a choice
 * makes irrelevant is hidden by the form (`x-yoshiki-when`) exactly where `check` refuses it, since
 * both read one declaration; file fields say what they take; each field has a short title; the eras
 * the form reads dates with are src/base/era.ts's.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { ERAS } from '../../src/base/era.js';
import { loadForms } from '../../src/forms/registry.js';
import { EDITOR_KEYWORDS, editorSchema } from '../../src/input/json-schema.js';
import { checkCase } from '../../src/pipeline/pipeline.js';
import { FIXTURES, tempDir } from '../helpers.js';

const FORMS = await loadForms();

type Node = Record<string, unknown> & { properties?: Record<string, Node>; enum?: unknown[] };
type Path = (string | number)[];

/** Every node of a schema with its path of property names (lists and unions walked through). */
function* nodes(node: Node, path: Path = []): Generator<[Path, Node]> {
  yield [path, node];
  for (const [name, child] of Object.entries(node.properties ?? {})) yield* nodes(child, [...path, name]);
  // A list's entry as its first (what a case holds at items[0]).
  if (typeof node.items === 'object') yield* nodes(node.items as Node, [...path, 0]);
  if (typeof node.additionalProperties === 'object') yield* nodes(node.additionalProperties as Node, path);
  for (const key of ['anyOf', 'oneOf'] as const) for (const branch of (node[key] as Node[] | undefined) ?? []) yield* nodes(branch, path);
}

const schemaOf = (form: string) => editorSchema(FORMS[form].schema, form) as Node;
const hinted = (form: string) => [...nodes(schemaOf(form))].filter(([, n]) => n['x-yoshiki-when'])
  .map(([path, n]) => ({ path, when: n['x-yoshiki-when'] as { field: string; is: unknown[] } }));

describe('x-yoshiki-when', () => {
  it('hides the other medium\'s fields of a public notice, a claim\'s fields of a gift, another criterion\'s fields', () => {
    expect(hinted('ruling').map(({ path, when }) => [path.join('.'), when.field, when.is])).toEqual([
      ['due_diligence.public_notice.start', 'medium', ['cric']],
      ['due_diligence.public_notice.end', 'medium', ['cric']],
      ['due_diligence.public_notice.published_on', 'medium', ['newspaper']],
      ['due_diligence.public_notice.name', 'medium', ['newspaper']],
      ['due_diligence.public_notice.own_site', 'medium', ['cric']],
    ]);
    expect(hinted('deposit').map(({ path, when }) => [path.join('.'), when.field, when.is])).toEqual([
      ['advance_contact', 'mode', ['compensation', 'postage-only']],
      ['publication.on_demand_sold', 'publishing_type', ['on-demand']],
      ['return_address', 'receipt_requested', [true]],
      ['postage', 'mode', ['compensation', 'postage-only']],
    ]);
    expect(hinted('transmission-exclusion').map(({ path, when }) => [path.join('.'), when.field, when.is])).toEqual([
      ['items.0.reissue_on', 'criterion', ['in-print']],
      ['items.0.managed_by', 'criterion', ['managed']],
      ['items.0.author_request', 'criterion', ['author-request']],
      ['items.0.category', 'criterion', ['reserved-category']],
    ]);
  });

  // A value for each hinted field, and a case where its sibling holds a value outside `is`.
  const SAMPLE: Record<string, unknown> = {
    start: '2018-11-01', end: '2018-11-10', own_site: true, name: '〇〇新聞', published_on: '2018-11-01',
    advance_contact: { date: '2026-11-20' }, postage: 520, return_address: { address: '東京都千代田区永田町1-10-1' }, on_demand_sold: 5,
    reissue_on: '2027-04-01', managed_by: '〇〇管理事業者', author_request: '2026年10月に書面で', category: 'manga',
  };
  const cases = [['ruling', 'ruling-reprint.yaml'], ['deposit', 'deposit-compensation.yaml'], ['transmission-exclusion', 'transmission-exclusion.yaml']] as const;

  it.each(cases)('%s: check refuses each hidden field where the form hides it', async (form, fixture) => {
    const schema = schemaOf(form);
    for (const { path, when } of hinted(form)) {
      const doc = parseDocument(readFileSync(join(FIXTURES, fixture), 'utf8'));
      const parent = path.slice(0, -1);
      const control = [...nodes(schema)].find(([p]) => p.join('.') === [...parent, when.field].join('.'))![1];
      const other = control.enum!.find((v) => !when.is.includes(v));
      doc.deleteIn(path);
      doc.setIn([...parent, when.field], other);
      doc.setIn(path, SAMPLE[path.at(-1)!]);
      const file = join(tempDir('hints-'), 'case.yaml');
      writeFileSync(file, doc.toString());
      const { problems } = await checkCase(file, '2026-12-01');
      const at = (p: Path) => p.join('.') === path.join('.');
      expect([path.join('.'), problems.some((p) => p.severity === 'error' && at(p.path))]).toEqual([path.join('.'), true]);
    }
  }, 30_000);
});

describe('the other hints', () => {
  it('file fields say what they take; a works list is counted by rows', () => {
    const files = [...nodes(schemaOf('ruling'))].filter(([, n]) => n['x-yoshiki-file']).map(([p, n]) => [p.join('.'), n['x-yoshiki-file']]);
    expect(files).toContainEqual(['works_file', { accept: ['.csv', '.xlsx'], rows: true }]);
    expect(files).toContainEqual(['due_diligence.public_notice.copy_file', { accept: ['.pdf', '.png', '.jpg', '.jpeg'] }]);
    expect(files).toContainEqual(['fonts.0', { accept: ['.ttf', '.otf'] }]);
    expect(files).toContainEqual(['official_forms.file', { accept: ['.pdf'] }]);
    // A picture field: the page uploads for it as an image, which the server refuses to be a PDF or a list.
    const photo = [...nodes(schemaOf('ill-registration'))].find(([p]) => p.join('.') === 'enclosures.reading_room_photo')?.[1];
    expect(photo?.['x-yoshiki-file']).toEqual({ accept: ['.png', '.jpg', '.jpeg'] });
  });

  it.each(Object.keys(FORMS))('%s: every described field has a short title in both languages', (form) => {
    for (const [path, node] of nodes(schemaOf(form))) {
      if (typeof node.description !== 'string' || !path.length) continue;
      const [ja, en] = String(node.title).split(' / ');
      expect([path.join('.'), ja.length > 0 && ja.length <= node.description.length, !!en]).toEqual([path.join('.'), true, true]);
      expect(ja).not.toMatch(/[（(]/);
    }
  });

  it('titles drop what brackets add: 公告（CRIC・新聞）の結果（ウ） is 公告の結果', () => {
    const evidence = [...nodes(schemaOf('ruling'))].find(([p]) => p.join('.') === 'works.0.evidence.public_notice')![1];
    expect(evidence.title).toBe('公告の結果 / Result of the public notice, CRIC or newspaper');
  });

  it('the eras, the kinds, and every x-yoshiki keyword declared for Ajv', () => {
    const schema = schemaOf('deposit');
    expect(schema['x-yoshiki-eras']).toEqual(ERAS.map(({ name, letter, from }) => ({ name, letter, from })));
    const kinds = Object.fromEntries([...nodes(schema)].filter(([, n]) => n['x-yoshiki-kind']).map(([p, n]) => [p.join('.'), n['x-yoshiki-kind']]));
    expect(kinds).toMatchObject({ date: 'date', 'publication.price': 'yen', 'publication.pages': 'number', mode: 'choice', 'publisher.postal_code': 'postal' });
    const used = new Set(JSON.stringify(schema).match(/"x-yoshiki-[a-z]+"/g)!.map((k) => JSON.parse(k) as string));
    expect([...used].filter((k) => !(EDITOR_KEYWORDS as readonly string[]).includes(k))).toEqual([]);
  });
});
