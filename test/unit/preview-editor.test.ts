/**
 * The editor's server (`yoshiki open`), in this process, tried from outside the page as another
 * web page or another user of the machine would: every write without the page's token, its own
 * Origin and a JSON body is refused with nothing written; uploads with a `../` or absolute name, of
 * the wrong kind, or aimed at a planted link are refused or go elsewhere; a case file replaced by a
 * link is never read. And what the page does: an edit saved keeps the file's comments and order (one
 * line changes), a save over an outside edit is a conflict, a case starts from a form's starter, and
 * each download is the bytes `yoshiki render` makes. The page itself in Chromium: test/clients/preview.test.ts.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, tempDir } from '../helpers.js';

interface Answer { status: number; body: Buffer; json: () => Record<string, unknown>; headers: Record<string, string | string[] | undefined> }
type Server = { url: string; token: string; state(): { version: number; file: string | null; diskChanged: boolean; dirty: boolean; problems: { first: string; second: string }[] }; close(): Promise<void> };

/** A raw request to the server: any method, path, headers and body (the token is not added here). */
function call(server: Server, method: string, path: string, headers: Record<string, string> = {}, body?: string | Buffer): Promise<Answer> {
  const { port } = new URL(server.url);
  return new Promise((ok, fail) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers: { Host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (b: Buffer) => chunks.push(b));
      res.on('end', () => {
        const all = Buffer.concat(chunks);
        ok({ status: res.statusCode ?? 0, body: all, json: () => JSON.parse(all.toString('utf8')), headers: res.headers });
      });
    });
    req.on('error', fail);
    req.end(body);
  });
}

/** As the page sends it: token, its own Origin, JSON. */
const page = (server: Server) => ({ 'X-Yoshiki-Token': server.token, Origin: new URL(server.url).origin, 'Content-Type': 'application/json' });
const post = (server: Server, path: string, value: unknown, headers: Record<string, string> = page(server)) => call(server, 'POST', path, headers, JSON.stringify(value));
const getting = (server: Server, path: string) => call(server, 'GET', `${path}${path.includes('?') ? '&' : '?'}t=${server.token}`);

/** What a folder holds, each file's bytes: compared before and after a refused request. */
const snapshot = (dir: string) => Object.fromEntries(readdirSync(dir).sort().map((n) => [n, readFileSync(join(dir, n), 'latin1')]));

async function start(caseFile: string | null, folder?: string): Promise<Server> {
  const { startPreview } = await import('../../src/app/preview/server.js');
  return startPreview(caseFile, 0, () => {}, folder ? { folder } : {});
}

/** A copy of the deposit fixture opened in the editor; closed after `run`. */
async function withDeposit(prefix: string, run: (server: Server, caseFile: string, original: string) => Promise<void>): Promise<void> {
  const caseFile = join(tempDir(prefix), 'case.yaml');
  copyFileSync(join(FIXTURES, 'deposit-compensation.yaml'), caseFile);
  const server = await start(caseFile);
  try {
    await run(server, caseFile, readFileSync(caseFile, 'utf8'));
  } finally {
    await server.close();
  }
}

const PNG = readFileSync(join(FIXTURES, 'reading-room.png'));
const PDF = readFileSync(join(FIXTURES, 'ruling-submission-reply.pdf'));

describe('the editor refuses writes from outside the page, writing nothing', () => {
  let server: Server;
  let dir: string;
  let caseFile: string;
  beforeAll(async () => {
    dir = tempDir('editor-refuse-');
    caseFile = join(dir, 'case.yaml');
    copyFileSync(join(FIXTURES, 'deposit-compensation.yaml'), caseFile);
    server = await start(caseFile);
  });
  afterAll(() => server.close());

  const edit = { ops: [{ op: 'set', path: ['publication', 'title'], value: '書き換えられた題' }] };
  const upload = { name: 'x.png', data: PNG.toString('base64') };

  it.each([
    ['no token', (s: Server) => { const h: Record<string, string> = page(s); delete h['X-Yoshiki-Token']; return h; }, 403],
    ['a wrong token', (s: Server) => ({ ...page(s), 'X-Yoshiki-Token': 'A'.repeat(43) }), 403],
    ['a foreign Origin', (s: Server) => ({ ...page(s), Origin: 'http://evil.example' }), 403],
    ['no Origin', (s: Server) => { const h: Record<string, string> = page(s); delete h.Origin; return h; }, 403],
    ['Origin of another port', (s: Server) => ({ ...page(s), Origin: 'http://127.0.0.1:1' }), 403],
    ['a text/plain body (a cross-site form)', (s: Server) => ({ ...page(s), 'Content-Type': 'text/plain' }), 403],
    ['a form-encoded body', (s: Server) => ({ ...page(s), 'Content-Type': 'application/x-www-form-urlencoded' }), 403],
  ])('%s: refused', async (_what, headers, status) => {
    const before = snapshot(dir);
    for (const [path, value] of [['/api/edit', edit], ['/api/save', { force: true }], ['/api/upload', upload], ['/api/reload', {}]] as const)
      expect((await post(server, path, value, headers(server))).status, path).toBe(status);
    expect(snapshot(dir)).toEqual(before);
    expect(server.state().dirty).toBe(false);
  });

  it('a body that is not JSON, or too large, is refused', async () => {
    const before = snapshot(dir);
    expect((await call(server, 'POST', '/api/edit', page(server), '{"ops": [')).status).toBe(400);
    const huge = JSON.stringify({ ops: [{ op: 'set', path: ['publication', 'title'], value: 'あ'.repeat(3 * 1024 * 1024) }] });
    expect((await call(server, 'POST', '/api/edit', page(server), huge)).status).toBe(413);
    expect(snapshot(dir)).toEqual(before);
  });

  it('every reading needs the token too (issue 21 §13): the page, the state, renders, downloads, events', async () => {
    for (const path of ['/', '/api/state', '/api/case', '/api/schema', '/doc/deposit-form.pdf', '/download/deposit-form.pdf', '/download/all.zip', '/print', '/events']) {
      expect((await call(server, 'GET', path)).status, path).toBe(403);
      expect((await call(server, 'GET', `${path}?t=wrong`)).status, path).toBe(403);
    }
    expect((await getting(server, '/api/state')).status).toBe(200);
  });

  it.each([
    ['../outside.png', 400], ['/tmp/abs.png', 400], ['sub/x.png', 400], ['..\\x.png', 400], ['.hidden.png', 400], ['..', 400], ['a\u0007.png', 400],
  ])('an upload named %s is refused', async (name, status) => {
    const before = snapshot(dir);
    expect((await post(server, '/api/upload', { name, data: PNG.toString('base64') })).status).toBe(status);
    expect(snapshot(dir)).toEqual(before);
    expect(existsSync(join(dir, '..', 'outside.png'))).toBe(false);
  });

  it('an upload is checked by content: a text named .png, a PNG named .pdf, a damaged PNG, a kind the field does not take', async () => {
    const before = snapshot(dir);
    expect((await post(server, '/api/upload', { name: 'x.png', data: Buffer.from('<script>').toString('base64') })).status).toBe(415);
    expect((await post(server, '/api/upload', { name: 'x.pdf', data: PNG.toString('base64') })).status).toBe(415);
    expect((await post(server, '/api/upload', { name: 'x.png', data: PNG.subarray(0, PNG.length - 40).toString('base64') })).status).toBe(422);
    expect((await post(server, '/api/upload', { name: 'x.pdf', data: PDF.toString('base64'), purpose: 'image' })).status).toBe(415);
    expect((await post(server, '/api/upload', { name: 'x.png', data: 'not base64!' })).status).toBe(400);
    expect(snapshot(dir)).toEqual(before);
  });

  it('an upload never writes through a link planted at its name, nor over a file: it takes the next free name', async () => {
    const outside = join(tempDir('editor-outside-'), 'target.pdf');
    writeFileSync(outside, 'untouched');
    symlinkSync(outside, join(dir, 'reply.pdf'));
    writeFileSync(join(dir, 'reply-2.pdf'), 'mine');
    const answer = await post(server, '/api/upload', { name: 'reply.pdf', data: PDF.toString('base64'), purpose: 'attachment' });
    expect(answer.status).toBe(200);
    expect(answer.json()).toEqual({ name: 'reply-3.pdf' });
    expect(readFileSync(outside, 'utf8')).toBe('untouched');
    expect(readFileSync(join(dir, 'reply-2.pdf'), 'utf8')).toBe('mine');
    expect(readFileSync(join(dir, 'reply-3.pdf'))).toEqual(PDF);
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    await expect.poll(async () => (await getting(server, '/api/state')).json().files).toHaveProperty(['reply-3.pdf', 'kind'], 'pdf');
  });
});

describe('the editor edits, saves and follows the file', () => {
  it('an edit saved keeps every comment and the key order: one line of the file changes', () => withDeposit('editor-save-', async (server, caseFile, original) => {
    const edited = await post(server, '/api/edit', { ops: [{ op: 'set', path: ['publication', 'price'], value: 2400 }] });
    expect(edited.status).toBe(200);
    expect(edited.json()).toMatchObject({ dirty: true, ok: true });
    expect(readFileSync(caseFile, 'utf8')).toBe(original); // nothing written before a save
    expect((await getting(server, '/api/case')).json().data).toHaveProperty(['publication', 'price'], 2400);
    expect((await post(server, '/api/save', {})).status).toBe(200);
    const saved = readFileSync(caseFile, 'utf8').split('\n');
    const before = original.split('\n');
    expect(saved.length).toBe(before.length);
    const changed = before.flatMap((line, i) => (line === saved[i] ? [] : [[line, saved[i]]]));
    expect(changed).toEqual([['  price: 1800                 # 小売価格（本体）', '  price: 2400                 # 小売価格（本体）']]);
    expect(server.state().dirty).toBe(false);
    // A mistake: shown at its field, nothing written until saved.
    const wrong = await post(server, '/api/edit', { ops: [{ op: 'set', path: ['mode'], value: 'gift' }] });
    expect((wrong.json().problems as { path: unknown[] }[])[0].path).toEqual(['mode']);
    // A path that is not there is said, and changes nothing.
    expect((await post(server, '/api/edit', { ops: [{ op: 'move', path: ['publisher'], from: 0, to: 1 }] })).status).toBe(400);
  }), 30_000);

  it('a save over an outside edit is a conflict; reload takes the disk\'s, keep-mine writes the page\'s', () => withDeposit('editor-conflict-', async (server, caseFile, original) => {
    await post(server, '/api/edit', { ops: [{ op: 'set', path: ['publication', 'title'], value: 'ページの題' }] });
    const outside = original.replace('港町の記憶', 'エディタの題');
    writeFileSync(caseFile, outside);
    await expect.poll(() => server.state().diskChanged, { timeout: 10_000 }).toBe(true);
    const refused = await post(server, '/api/save', {});
    expect(refused.status).toBe(409);
    expect(refused.json()).toMatchObject({ conflict: true });
    expect(readFileSync(caseFile, 'utf8')).toBe(outside);
    // Keep mine: the page's text is written.
    expect((await post(server, '/api/save', { force: true })).status).toBe(200);
    expect(readFileSync(caseFile, 'utf8')).toContain('ページの題');
    // Dirty again, the outside edits again, and this time the disk's is taken.
    await post(server, '/api/edit', { ops: [{ op: 'set', path: ['publication', 'title'], value: '捨てる題' }] });
    writeFileSync(caseFile, outside);
    await expect.poll(() => server.state().diskChanged, { timeout: 10_000 }).toBe(true);
    expect((await post(server, '/api/reload', {})).json()).toMatchObject({ dirty: false, diskChanged: false });
    expect((await getting(server, '/api/case')).json().data).toHaveProperty(['publication', 'title'], 'エディタの題');
    // Clean: an outside edit is taken by itself, as the preview always did.
    writeFileSync(caseFile, original);
    await expect.poll(async () => (await getting(server, '/api/case')).json().data, { timeout: 10_000 }).toHaveProperty(['publication', 'title'], '港町の記憶');
  }), 30_000);

  it('a case file replaced by a link is not read through: said, and the linked file never shown', () => withDeposit('editor-link-', async (server, caseFile) => {
    const secret = join(tempDir('editor-secret-'), 'secret.yaml');
    writeFileSync(secret, 'form: deposit\nsecret_key: 秘密の値\n');
    unlinkSync(caseFile);
    symlinkSync(secret, caseFile);
    await expect.poll(() => server.state().problems[0]?.second ?? '', { timeout: 10_000 }).toContain('replaced by a symbolic link');
    const shown = JSON.stringify((await getting(server, '/api/state')).json()) + (await getting(server, '/api/case')).body.toString();
    expect(shown).not.toContain('秘密の値');
    expect(shown).not.toContain('secret_key');
  }), 30_000);
});

describe('the editor without a file starts from a form\'s starter', () => {
  it('refuses names outside its folder or not .yaml, then saves the starter and opens it', async () => {
    const dir = tempDir('editor-new-');
    mkdirSync(join(dir, 'work'));
    const folder = join(dir, 'work');
    const server = await start(null, folder);
    try {
      expect((await getting(server, '/api/state')).json()).toMatchObject({ file: null, form: null });
      expect((await getting(server, '/api/forms')).json()).toEqual(expect.arrayContaining([expect.objectContaining({ id: 'ruling', language: 'ja' })]));
      for (const name of ['../escape.yaml', '/tmp/abs.yaml', 'sub/x.yaml', 'x.txt', '.hidden.yaml', 'x.yaml\n'])
        expect((await post(server, '/api/new', { form: 'deposit', name })).status, name).toBe(400);
      expect((await post(server, '/api/new', { form: 'constructor', name: 'x.yaml' })).status).toBe(400);
      expect((await post(server, '/api/edit', { ops: [] })).status).toBe(409);
      writeFileSync(join(folder, 'taken.yaml'), 'mine');
      expect((await post(server, '/api/new', { form: 'deposit', name: 'taken.yaml' })).status).toBe(409);
      expect(readFileSync(join(folder, 'taken.yaml'), 'utf8')).toBe('mine');
      expect(readdirSync(dir)).toEqual(['work']);
      const made = await post(server, '/api/new', { form: 'deposit', name: '納本.yaml' });
      expect(made.status).toBe(200);
      expect(made.json()).toMatchObject({ file: '納本.yaml', form: 'deposit', ok: true, dirty: false });
      expect(readFileSync(join(folder, '納本.yaml'), 'utf8')).toMatch(/^# yaml-language-server: \$schema=\.\/deposit\.schema\.json\n/);
      expect((await post(server, '/api/new', { form: 'deposit', name: 'again.yaml' })).status).toBe(409);
    } finally {
      await server.close();
    }
  }, 30_000);
});

describe('the editor\'s downloads are what `yoshiki render` makes', () => {
  let server: Server;
  let caseFile: string;
  beforeAll(async () => {
    const dir = tempDir('editor-download-');
    caseFile = join(dir, 'case.yaml');
    copyFileSync(join(FIXTURES, 'deposit-compensation.yaml'), caseFile);
    server = await start(caseFile);
  });
  afterAll(() => server.close());

  it('each document in each format, all as a zip, and print as one PDF', async () => {
    const { renderFile } = await import('../../src/pipeline/api.js');
    const expected = await renderFile(caseFile);
    expect(new Set(expected.files.map((f) => f.name.split('.').pop()))).toEqual(new Set(['pdf', 'docx']));
    const state = (await getting(server, '/api/state')).json() as { documents: { name: string; formats: string[] }[] };
    expect(state.documents.flatMap((d) => d.formats.map((f) => `${d.name}.${f}`)).sort()).toEqual(expected.files.map((f) => f.name).sort());
    for (const file of expected.files) {
      const answer = await getting(server, `/download/${file.name}`);
      expect(answer.status, file.name).toBe(200);
      expect(answer.headers['content-disposition']).toBe(`attachment; filename="${file.name}"`);
      expect(Buffer.compare(answer.body, Buffer.from(file.bytes)), file.name).toBe(0);
    }
    const zip = await getting(server, '/download/all.zip');
    expect(zip.body.subarray(0, 2).toString()).toBe('PK');
    const { zipEntries, entryContent, concatBytes } = await import('../../src/export/zip.js');
    const entries = zipEntries(new Uint8Array(zip.body));
    expect([...entries.keys()].sort()).toEqual(expected.files.map((f) => f.name).sort());
    const pdf = expected.files.find((f) => f.name.endsWith('.pdf'))!;
    const inZip: Uint8Array[] = [];
    for await (const chunk of entryContent(new Uint8Array(zip.body), entries.get(pdf.name)!)) inZip.push(chunk);
    expect(Buffer.compare(Buffer.from(concatBytes(inZip)), Buffer.from(pdf.bytes))).toBe(0);
    const printed = await getting(server, '/print');
    expect(printed.headers['content-type']).toBe('application/pdf');
    expect(printed.headers['content-disposition']).toMatch(/^inline/);
    expect(printed.body.subarray(0, 5).toString()).toBe('%PDF-');
    // A form without a bound submission prints its papers' PDFs joined: every page of each.
    const { PDFDocument } = (await import('pdf-lib')).default;
    const pages = expected.files.filter((f) => f.name.endsWith('.pdf')).reduce((n, f) => n + (f.pages ?? 0), 0);
    expect((await PDFDocument.load(new Uint8Array(printed.body))).getPageCount()).toBe(pages);
    expect((await getting(server, '/download/nothing.pdf')).status).toBe(404);
  }, 60_000);
});

describe('yoshiki open on a port in use', () => {
  it('says so and exits 1, leaving nothing running', async () => {
    const holder = createServer();
    const port = await new Promise<number>((ok) => holder.listen(0, '127.0.0.1', () => ok((holder.address() as { port: number }).port)));
    const dir = tempDir('editor-port-');
    copyFileSync(join(FIXTURES, 'deposit-compensation.yaml'), join(dir, 'case.yaml'));
    const { runCli } = await import('../../src/app/cli/main.js');
    let out = '';
    let err = '';
    try {
      const code = await runCli(['open', join(dir, 'case.yaml'), '--port', String(port)],
        { stdout: { write: (s: string) => ((out += s), true) }, stderr: { write: (s: string) => ((err += s), true) }, stdin: process.stdin } as never);
      expect(code).toBe(1);
      expect(err).toContain(`Port ${port} is in use`);
      expect(err).toContain('--port');
      expect(out).not.toContain('http://');
    } finally {
      holder.close();
    }
  }, 30_000);
});

describe('edits change only their own lines of the YAML text', () => {
  const text = readFileSync(join(FIXTURES, 'ruling-reprint.yaml'), 'utf8');
  /** The lines of `after` that are not in `text` and those of `text` that are gone. */
  const changed = (after: string) => {
    const [a, b] = [text.split('\n'), after.split('\n')];
    return { added: b.filter((l) => !a.includes(l)), removed: a.filter((l) => !b.includes(l)) };
  };
  it.each([
    ['a value replaced where it stands, its comment kept', { op: 'set', path: ['subject'], value: 'performance' },
      ['subject: performance                 # work | performance | phonogram | broadcast | cablecast'], ['subject: work                 # work | performance | phonogram | broadcast | cablecast']],
    ['a string that reads as a number is quoted', { op: 'set', path: ['applicant', 'name'], value: '1800' }, ['  name: "1800"'], ['  name: 株式会社 文部科学出版']],
    ['a new key under its mapping', { op: 'set', path: ['applicant', 'fax'], value: '03-0000-0000' }, ['  fax: 03-0000-0000'], []],
    ['a new key with new parents', { op: 'set', path: ['agent', 'name'], value: '代理 人' }, ['agent:', '  name: 代理 人'], []],
    ['multi-line text as a literal block under its key', { op: 'set', path: ['works', 0, 'title'], value: '一行目\n二行目' },
      ['  - title: |-', '      一行目', '      二行目'], ['  - title: 日本の文化']],
    ['a list item inserted', { op: 'insert', path: ['works'], index: 1, value: { title: '二冊目', author: '著者 二郎' } }, ['  - title: 二冊目', '    author: 著者 二郎'], []],
    ['a key removed', { op: 'delete', path: ['applicant', 'contact', 'email'] }, [], ['    email: chosaku@example.jp']],
  ] as const)('%s', async (_what, op, added, removed) => {
    const { applyOps } = await import('../../src/app/preview/edit.js');
    const after = applyOps(text, [op as never]);
    expect(changed(after)).toEqual({ added, removed });
  });
  it('a value keeps how the clerk quoted it, where the quotes can hold the new text', async () => {
    const { applyOps } = await import('../../src/app/preview/edit.js');
    const quoted = [
      'form: deposit',
      'publisher:',
      "  name: '山田 花子'   # 奥付のとおり",
      '  postal_code: "150-0001"',
      '  phone: "03-1234-5678"',
      'publication:',
      '  price: "1800"',
      '  note: |-',
      '    一行だけ',
      '',
    ].join('\n');
    const after = applyOps(quoted, [
      { op: 'set', path: ['publisher', 'name'], value: "It's 出版" },
      { op: 'set', path: ['publisher', 'postal_code'], value: '150-0002' },
      // A double quote kept where its text needs an escape: yaml writes the escape.
      { op: 'set', path: ['publisher', 'phone'], value: '03\t1234' },
      // A number typed where a quoted one stood is a number now (quotes would make it text).
      { op: 'set', path: ['publication', 'price'], value: 12400 },
      { op: 'set', path: ['publication', 'note'], value: '別の一行' },
    ]);
    expect(after.split('\n')).toEqual([
      'form: deposit',
      'publisher:',
      "  name: 'It''s 出版'   # 奥付のとおり",
      '  postal_code: "150-0002"',
      '  phone: "03\\t1234"',
      'publication:',
      '  price: 12400',
      '  note: |-',
      '    別の一行',
      '',
    ]);
  });
  it('a list item moved keeps its own lines, comments and all', async () => {
    const { applyOps } = await import('../../src/app/preview/edit.js');
    const two = applyOps(text, [{ op: 'insert', path: ['works'], index: 1, value: { title: '二冊目', author: '著者 二郎' } }]);
    const moved = applyOps(two, [{ op: 'move', path: ['works'], from: 1, to: 0 }]);
    expect(moved.split('\n').sort()).toEqual(two.split('\n').sort());
    expect(moved.indexOf('二冊目')).toBeLessThan(moved.indexOf('日本の文化'));
    expect(moved).toContain('    category: language        # 法10条1項');
  });
});
