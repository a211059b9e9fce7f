/**
 * The editor's server (`yoshiki open`, once the preview), in this process: it refuses traversal,
 * foreign Host headers and anything that is not a page asset or a render, and follows the files a
 * case names. What it refuses of writes, and its edits, saves and downloads: preview-editor.test.ts. The page in a real
 * Chromium, and the command's Ctrl-C, are in test/clients/preview.test.ts.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { FormPlugin } from '../../src/forms/kit/plugin.js';
import { FIXTURES, tempDir } from '../helpers.js';

/** A raw HTTP GET with the path as written (no normalisation), any Host header, and the server's token unless told otherwise. */
let serverUrl: string;
let serverToken: string;
function get(path: string, host?: string, token: string | null = serverToken): Promise<{ status: number; body: string }> {
  const { port } = new URL(serverUrl);
  return new Promise((ok, fail) => {
    const headers: Record<string, string> = { Host: host ?? `127.0.0.1:${port}`, ...(token === null ? {} : { 'X-Yoshiki-Token': token }) };
    const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
      let body = '';
      res.on('data', (b) => { body += b; });
      res.on('end', () => ok({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', fail);
    req.end();
  });
}

describe('the preview server refuses what it must', () => {
  let server: { url: string; token: string; close(): Promise<void> };
  beforeAll(async () => {
    const { startPreview } = await import('../../src/app/preview/server.js');
    const d = tempDir('preview-srv-');
    copyFileSync(join(FIXTURES, 'deposit-compensation.yaml'), join(d, 'case.yaml'));
    server = await startPreview(join(d, 'case.yaml'), 0);
    serverUrl = server.url;
    serverToken = server.token;
  });
  afterAll(() => server.close());

  it('serves the page, its assets, the state and a current render', async () => {
    expect((await get('/')).body).toContain('<nav id="tabs"');
    expect((await get('/pdf.mjs', undefined, null)).status).toBe(200);
    for (const asset of ['/preview.js', '/form.js', '/viewer.js', '/preview.css']) expect((await get(asset, undefined, null)).status, asset).toBe(200);
    expect((await get('/doc/deposit-form.pdf')).body.startsWith('%PDF-')).toBe(true);
    // The page's Japanese where the machine has no Japanese font: yoshiki's own IPAex Mincho, asked for last.
    const font = await fetch(new URL('/ipaexm.ttf', serverUrl));
    expect(font.headers.get('content-type')).toBe('font/ttf');
    expect(Buffer.from(await font.arrayBuffer()).equals(readFileSync(new URL('../../fonts/ipaexm.ttf', import.meta.url)))).toBe(true);
    expect((await get('/preview.css', undefined, null)).body).toMatch(/font-family:[^;]*"IPAex Mincho \(yoshiki\)";/);
    expect(JSON.parse((await get('/api/state')).body)).toMatchObject({ ok: true, form: 'deposit' });
    expect((await get('/', `localhost:${new URL(serverUrl).port}`)).status).toBe(200);
  });
  it.each([
    '/../package.json', '/%2e%2e/package.json', '/%2E%2E%2Fpackage.json', '/doc/../../package.json', '/doc/..%2F..%2Fpackage.json',
    '/doc/%2e%2e%2fcase.yaml', '/case.yaml', '/doc/case.yaml', '/doc/deposit-form.docx', '/node_modules/pdfjs-dist/package.json',
    '/preview/', '/doc/', '//etc/passwd', '/download/../case.yaml', '/download/%2e%2e%2fcase.yaml', '/download/case.yaml',
  ])('404 for %s', async (path) => {
    const res = await get(path);
    expect(res.status).toBe(404);
    expect(res.body).not.toContain('"name"');
  });
  it('every answer forbids framing and cross-origin loading (issue 21 §13)', async () => {
    const { port } = new URL(serverUrl);
    const headers = await new Promise<Record<string, string | string[] | undefined>>((ok, fail) => {
      request({ host: '127.0.0.1', port, path: `/doc/deposit-form.pdf?t=${serverToken}`, headers: { Host: `127.0.0.1:${port}` } }, (res) => { res.resume(); ok(res.headers); })
        .on('error', fail).end();
    });
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(headers['x-frame-options']).toBe('DENY');
    expect(headers['cross-origin-resource-policy']).toBe('same-origin');
  });
  it('403 for two Host headers, even when the first is right', async () => {
    const { port } = new URL(serverUrl);
    const status = await new Promise<number>((ok, fail) => {
      const req = request({ host: '127.0.0.1', port, path: `/api/state?t=${serverToken}`, setHost: false }, (res) => { res.resume(); ok(res.statusCode ?? 0); });
      req.setHeader('Host', [`127.0.0.1:${port}`, 'evil.example']);
      req.on('error', fail).end();
    });
    expect(status).toBe(403);
  });
  it('403 for a foreign Host header (DNS rebinding), even on a valid path', async () => {
    const { port } = new URL(serverUrl);
    for (const host of ['evil.example', `evil.example:${port}`, '127.0.0.1', '127.0.0.1:1', `localhost.evil.example:${port}`])
      expect((await get('/api/state', host)).status, host).toBe(403);
  });
});

describe('the preview follows the files a case names', () => {
  it('replacing the reading-room photo re-renders the registration', async () => {
    const { startPreview } = await import('../../src/app/preview/server.js');
    const d = tempDir('preview-named-');
    copyFileSync(join(FIXTURES, 'ill-registration.yaml'), join(d, 'case.yaml'));
    copyFileSync(join(FIXTURES, 'reading-room.png'), join(d, 'reading-room.png'));
    const server = await startPreview(join(d, 'case.yaml'), 0);
    try {
      const first = server.state();
      expect(first).toMatchObject({ ok: true, english: true });
      writeFileSync(join(d, 'reading-room.png'), readFileSync(join(FIXTURES, 'cover-photo.png')));
      await expect.poll(() => server.state().renderVersion, { timeout: 10_000 }).toBeGreaterThan(first.renderVersion);
      // An unreadable photo: the error at its field, the last render kept and marked out of date.
      writeFileSync(join(d, 'reading-room.png'), 'not a picture');
      await expect.poll(() => server.state().stale, { timeout: 10_000 }).toBe(true);
      expect(server.state().problems[0]).toMatchObject({ severity: 'error', field: 'enclosures.reading_room_photo' });
      expect(server.state().problems[0].first).toMatch(/PNG or JPEG/);
    } finally {
      await server.close();
    }
  }, 30_000);
});

describe('the preview follows yoshiki\'s own templates', () => {
  it('a changed template shows on the page (a new session compiles it afresh)', async () => {
    const { startPreview } = await import('../../src/app/preview/server.js');
    const { Session } = await import('../../src/pipeline/session.js');
    const { formTemplates } = await import('../../src/forms/kit/templates.js');
    const root = tempDir('preview-templates-');
    mkdirSync(join(root, 'note'));
    writeFileSync(join(root, 'note', 'note.hbs'), 'p | 最初の文言：{{text}}\n');
    const templates = formTemplates('note', pathToFileURL(`${root}/`));
    // A one-document form whose words are in that folder.
    const note: FormPlugin<{ form: 'note'; text: string }, object> = {
      id: 'note', title: { ja: 'メモ', en: 'Note' },
      schema: z.strictObject({ form: z.literal('note'), text: z.string() }),
      derive: () => ({ facts: {}, problems: [], derived: {} }),
      documents: [{ name: 'note', about: 'メモ', formats: ['txt'], make: (c, _d, ctx) => templates.document(ctx, 'note.hbs', 'メモ', () => ({ text: c.text })) }],
    };
    const d = tempDir('preview-note-');
    writeFileSync(join(d, 'case.yaml'), 'form: note\ntext: 港町\n');
    const server = await startPreview(join(d, 'case.yaml'), 0, () => {}, { session: () => new Session({ note }), templatesAndFonts: [root] });
    serverUrl = server.url;
    serverToken = server.token;
    try {
      expect((await get('/doc/note.txt')).body).toContain('最初の文言：港町');
      writeFileSync(join(root, 'note', 'note.hbs'), 'p | 改めた文言：{{text}}\n');
      await expect.poll(async () => (await get('/doc/note.txt')).body, { timeout: 10_000 }).toContain('改めた文言：港町');
    } finally {
      await server.close();
    }
  }, 30_000);
});
