/**
 * The editor's HTTP guards (README, "The editor: safety"). Any web page the clerk visits, and any
 * other user of the machine, can send requests to 127.0.0.1; the page itself is told apart by:
 * - the Host header, exactly 127.0.0.1:PORT or localhost:PORT, once (DNS rebinding);
 * - a token made at each start (256 random bits) that only the printed URL carries, asked of every
 *   request but the fixed static assets — for reading renders as well as for writing (issue 21 §13);
 * - for a write, an Origin equal to the server's own and a JSON body (a form on another site can
 *   post text/plain or form data across origins without asking; JSON needs a preflight the server
 *   never grants), read only up to a limit.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** 127.0.0.1:port or localhost:port, exactly: a rebinding attacker's domain never matches. */
export function isLoopbackHost(host: string | undefined, port: number): boolean {
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

/** Node keeps the first of two Host headers: a request with two could pass the check with one and reach a proxy with the other. */
export function hostHeaders(req: IncomingMessage): number {
  return req.rawHeaders.filter((h, i) => i % 2 === 0 && h.toLowerCase() === 'host').length;
}

/** The token of the request (`?t=` or the X-Yoshiki-Token header) is the server's, compared in constant time. */
export function hasToken(req: IncomingMessage, url: URL, token: string): boolean {
  const given = url.searchParams.get('t') ?? req.headers['x-yoshiki-token'];
  if (typeof given !== 'string') return false;
  const [a, b] = [Buffer.from(given), Buffer.from(token)];
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A write comes from the page: its Origin is the server's own (the Host was checked already) and its body is JSON. */
export function isPageWrite(req: IncomingMessage): boolean {
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  return req.headers.origin === `http://${req.headers.host}` && type === 'application/json';
}

/** The body as JSON, read no further than `limit` bytes: undefined past it, or when it is not JSON. */
export function readJson(req: IncomingMessage, limit: number): Promise<{ ok: true; value: unknown } | { ok: false; status: 400 | 413 }> {
  return new Promise((resolve) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      req.resume();
      return resolve({ ok: false, status: 413 });
    }
    const chunks: Buffer[] = [];
    let length = 0;
    req.on('data', (chunk: Buffer) => {
      length += chunk.length;
      if (length > limit) {
        req.removeAllListeners('data');
        req.resume();
        resolve({ ok: false, status: 413 });
      } else chunks.push(chunk);
    });
    req.on('end', () => {
      if (length > limit) return;
      try {
        resolve({ ok: true, value: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      } catch {
        resolve({ ok: false, status: 400 });
      }
    });
    req.on('error', () => resolve({ ok: false, status: 400 }));
  });
}

export function send(res: ServerResponse, status: number, type: string, body: string | Uint8Array, headers: Record<string, string> = {}): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    // No other site may frame the page (frame-ancestors, X-Frame-Options for older browsers) or load
    // its renders into an <img>, <object> or <script> (CORP): a foreign page cannot even tell which
    // documents exist, since a blocked load fails the same way as a missing one.
    'Content-Security-Policy': "default-src 'self'; img-src 'self' data: blob:; worker-src 'self' blob:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'",
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Referrer-Policy': 'no-referrer',
    ...headers,
  });
  res.end(body);
}

export const sendJson = (res: ServerResponse, status: number, value: unknown) =>
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value));

/** A refusal as JSON, in both languages. */
export const refuse = (res: ServerResponse, status: number, ja: string, en: string) => sendJson(res, status, { error: { ja, en } });
