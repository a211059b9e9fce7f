/**
 * yoshiki's cache folder, the user's (env-paths: ~/.cache/yoshiki on Linux, ~/Library/Caches/yoshiki
 * on macOS, %LOCALAPPDATA%\yoshiki\Cache on Windows; YOSHIKI_CACHE names another, `off` turns it
 * off), and what a process keeps there so that the next one need not work it out again: what the
 * templates' YAML parses to and what their Handlebars compiles to (a cold one-case render spent a
 * fifth of its time parsing the message catalogues' 67 KB of YAML). bin/yoshiki.js keeps V8's
 * compiled code of the bundle there too (README, "Speed").
 *
 * Nothing there is trusted by name or date: an entry holds the SHA-1 of everything it was made from
 * (the text, yoshiki's version, what made it) and is used only when that matches, so an edited
 * template, another yoshiki or another library is worked out afresh and its entry overwritten. One
 * file per source (by its path), so the folder does not grow with edits. A folder that cannot be
 * read or written (read-only, full, another user's) only makes yoshiki as slow as it was without.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import envPaths from 'env-paths';

/** The cache folder, or undefined when YOSHIKI_CACHE is `off`. */
export function cacheFolder(): string | undefined {
  const named = process.env.YOSHIKI_CACHE;
  if (named === 'off') return undefined;
  return named || envPaths('yoshiki', { suffix: '' }).cache;
}

export const sha1 = (data: string | Uint8Array) => createHash('sha1').update(data).digest('hex');

let ownVersion: string | undefined;
/** yoshiki's version (package.json, two folders above src/base and dist/base): part of every entry's key. */
function version(): string {
  return (ownVersion ??= (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version);
}

/** Writes a file of the cache whole or not at all (another process may read it meanwhile); failures are ignored. */
export function writeCacheFile(file: string, data: string | Uint8Array): void {
  const temp = `${file}.${process.pid}-${threadId}.tmp`;
  try {
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(temp, data);
    renameSync(temp, file);
  } catch {
    try {
      rmSync(temp, { force: true });
    } catch {
      // The folder itself is unusable (a file where it should be): nothing was written.
    }
  }
}

/**
 * What `make` derives from `text` (read from `source`), kept as JSON: `kind` names what is made and
 * how (a library's version in it when its output may change with the library). A value JSON cannot
 * carry as it is (a date, an infinite number, undefined) is made each time, never cached.
 */
export function derived<T>(kind: string, source: string, text: string, make: () => T): T {
  const folder = cacheFolder();
  if (!folder) return make();
  const file = join(folder, 'derived', `${sha1(`${kind}\n${source}`)}.json`);
  const key = sha1(`${version()}\n${kind}\n${text}`);
  try {
    const entry = JSON.parse(readFileSync(file, 'utf8')) as { key?: string; value?: T };
    if (entry.key === key) return entry.value as T;
  } catch {
    // Not there yet, or damaged: made again below.
  }
  const value = make();
  if (isJson(value)) writeCacheFile(file, JSON.stringify({ key, value }));
  return value;
}

/** A value JSON.parse(JSON.stringify(value)) gives back as it was: plain objects, arrays, strings, finite numbers, booleans and null. */
function isJson(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0);
  if (Array.isArray(value)) return value.every(isJson);
  if (typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return false;
  return Object.keys(value).every((k) => k !== '__proto__' && isJson((value as Record<string, unknown>)[k]));
}
