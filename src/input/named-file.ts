/**
 * A file a case names (an image, the NDL's list): the path is relative to the case file's folder,
 * only that path is read (a regular file, at most a limit; see readBounded), and a missing,
 * unreadable, special or oversized file gets a message naming it.
 */
import { isAbsolute, resolve } from 'node:path';
import { readBounded } from '../base/bounded-file.js';
import type { Bilingual } from '../base/problem.js';

export type NamedFileResult = { ok: true; bytes: Uint8Array } | { ok: false; problem: Bilingual; hint: Bilingual };

/** Where a path written in a case points. */
export const namedPath = (caseDir: string, name: string) => (isAbsolute(name) ? name : resolve(caseDir, name));

/** `what` names the kind of file in messages (画像ファイル / The image); `tooLarge` says what to do about size. */
export function readNamedFile(caseDir: string, name: string, limit: number, what: Bilingual, tooLarge: Bilingual): NamedFileResult {
  const read = readBounded(namedPath(caseDir, name), limit);
  if (read.ok) return read;
  if (read.reason === 'too-large')
    return { ok: false, problem: { ja: `${what.ja}「${name}」が大きすぎます（${read.size}バイト以上、上限${limit}バイト）。`,
      en: `${what.en} "${name}" is too large (${read.size} bytes or more; the limit is ${limit}).` }, hint: tooLarge };
  if (read.reason === 'not-file')
    return { ok: false, problem: { ja: `「${name}」は普通のファイルではありません（フォルダ・デバイス・パイプなど）。`,
      en: `"${name}" is not a regular file (a folder, a device, a pipe…).` },
      hint: { ja: `${what.ja}そのものを指定してください。`, en: `Name the file itself.` } };
  if (read.reason === 'unreadable')
    return { ok: false, problem: { ja: `${what.ja}「${name}」を読めません（読み取りの権限がないか、読み取りに失敗しました）。`,
      en: `${what.en} "${name}" cannot be read (no permission, or a read error).` },
      hint: { ja: 'ファイルの読み取り権限を確かめてください。', en: 'Check that you may read the file.' } };
  return { ok: false, problem: { ja: `${what.ja}「${name}」が見つかりません。`, en: `${what.en} "${name}" does not exist.` },
    hint: { ja: 'パスはケースファイルのあるフォルダからの相対パスで書いてください。', en: 'Write the path relative to the case file\'s folder.' } };
}
