/**
 * A file a case names (an image, the NDL's list): the path is relative to the case file's folder,
 * only that path is read (a regular file, at most a limit; see readBounded), and a missing,
 * unreadable, special or oversized file gets a message naming it.
 *
 * Cases come from colleagues and by e-mail: a case may name only files inside its own folder
 * (after links are followed), or `/etc/passwd` or a `../` path would be bound into the 別添資料 sent
 * to the Agency. A clerk who means a file elsewhere says so on the command line
 * (`--allow-files-outside`), and the refusal says how.
 */
import { realpathSync } from 'node:fs';
import { isAbsolute, resolve, sep } from 'node:path';
import { readBounded } from '../base/bounded-file.js';
import type { Bilingual } from '../base/problem.js';

export type NamedFileResult = { ok: true; bytes: Uint8Array } | { ok: false; problem: Bilingual; hint: Bilingual };

/** The folder a case's paths are relative to, and whether its files may lie outside it. */
export interface CaseFolder {
  dir: string;
  /** `--allow-files-outside`: the clerk allowed files anywhere. */
  anywhere?: boolean;
}
/** A bare folder path allows files inside it only. */
export type FolderOf = string | CaseFolder;
const folderOf = (f: FolderOf): CaseFolder => (typeof f === 'string' ? { dir: f } : f);

/** Where a path written in a case points. */
export const namedPath = (caseDir: FolderOf, name: string) => {
  const dir = folderOf(caseDir).dir;
  return isAbsolute(name) ? name : resolve(dir, name);
};

/** Whether the file lies in the case's folder once every link is followed (a missing file is left to the reader to report). */
export function insideFolder(folder: FolderOf, path: string): boolean {
  const { dir, anywhere } = folderOf(folder);
  if (anywhere) return true;
  let real: string;
  try {
    real = realpathSync(path);
  } catch {
    return true;
  }
  const root = realpathSync(dir);
  return real.startsWith(root.endsWith(sep) ? root : root + sep);
}

/** The refusal of a file outside the case's folder, and how to allow it. */
export function outsideProblem(name: string, what: Bilingual): { problem: Bilingual; hint: Bilingual } {
  return { problem: { ja: `${what.ja}「${name}」はケースファイルのフォルダの外にあります（リンクをたどった先を含みます）。`,
    en: `${what.en} "${name}" is outside the case file's folder (links followed).` },
  hint: { ja: 'ファイルをケースファイルのフォルダにコピーしてください。外のファイルを使うと決めたなら、--allow-files-outside を付けて実行してください。',
    en: 'Copy the file into the case file\'s folder; if you mean to use a file elsewhere, run with --allow-files-outside.' } };
}

/** `what` names the kind of file in messages (画像ファイル / The image); `tooLarge` says what to do about size. */
export function readNamedFile(caseDir: FolderOf, name: string, limit: number, what: Bilingual, tooLarge: Bilingual): NamedFileResult {
  const path = namedPath(caseDir, name);
  if (!insideFolder(caseDir, path)) return { ok: false, ...outsideProblem(name, what) };
  const read = readBounded(path, limit);
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
