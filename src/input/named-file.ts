/**
 * A file a case names (an image, the NDL's list): the path is relative to the case file's folder,
 * only that path is read, and a missing, unreadable or oversized file gets a message naming it.
 */
import { readFileSync, statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { Bilingual } from '../base/problem.js';

export type NamedFileResult = { ok: true; bytes: Uint8Array } | { ok: false; problem: Bilingual; hint: Bilingual };

/** Where a path written in a case points. */
export const namedPath = (caseDir: string, name: string) => (isAbsolute(name) ? name : resolve(caseDir, name));

/** `what` names the kind of file in messages (画像ファイル / The image); `tooLarge` says what to do about size. */
export function readNamedFile(caseDir: string, name: string, limit: number, what: Bilingual, tooLarge: Bilingual): NamedFileResult {
  const path = namedPath(caseDir, name);
  let size: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new Error('not a file');
    size = st.size;
  } catch {
    return { ok: false, problem: { ja: `${what.ja}「${name}」が見つかりません。`, en: `${what.en} "${name}" does not exist.` },
      hint: { ja: 'パスはケースファイルのあるフォルダからの相対パスで書いてください。', en: 'Write the path relative to the case file\'s folder.' } };
  }
  if (size > limit)
    return { ok: false, problem: { ja: `${what.ja}「${name}」が大きすぎます（${size}バイト、上限${limit}バイト）。`,
      en: `${what.en} "${name}" is too large (${size} bytes; the limit is ${limit}).` }, hint: tooLarge };
  return { ok: true, bytes: new Uint8Array(readFileSync(path)) };
}
