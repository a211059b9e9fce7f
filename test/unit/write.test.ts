/**
 * A case's folder holds exactly the documents of its last successful render (issue 21 §8–9): the new
 * set is swapped in whole; what yoshiki no longer makes goes; what the clerk put there stays; a kill
 * between the renames is undone by the next write; an output folder that cannot be written is said
 * as what it is, and a case file name that would point elsewhere is refused.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MANIFEST, OutputError, writeFilesAtomically } from '../../src/pipeline/write.js';
import { cli, FIXTURES, tempDir } from '../helpers.js';

const files = (...names: string[]) => names.map((path) => ({ path, bytes: new TextEncoder().encode(`${path} v${names.length}`) }));
const list = (dir: string) => readdirSync(dir).sort();
const DEAD_PID = 2 ** 22 + 12345; // above Linux's pid_max (4,194,304): no process has it

describe('the case folder after a render', () => {
  it('holds the last set only: a document no longer made is gone, the clerk\'s own file stays, no hidden folder is left', () => {
    const out = tempDir('write-');
    const dir = join(out, 'case');
    writeFilesAtomically(dir, files('application.pdf', 'power-of-attorney.pdf'));
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    const written = writeFilesAtomically(dir, files('application.pdf'));
    expect(written).toEqual([join(dir, 'application.pdf')]);
    expect(list(dir)).toEqual([MANIFEST, 'application.pdf', 'notes.txt']);
    expect(readFileSync(join(dir, 'application.pdf'), 'utf8')).toBe('application.pdf v1');
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('mine');
    expect(list(out)).toEqual(['case']);
  });

  it('a folder written before there was a manifest keeps every file the new set does not replace', () => {
    const dir = join(tempDir('write-'), 'case');
    mkdirSync(dir);
    writeFileSync(join(dir, 'power-of-attorney.pdf'), 'old');
    writeFilesAtomically(dir, files('application.pdf'));
    expect(list(dir)).toEqual([MANIFEST, 'application.pdf', 'power-of-attorney.pdf']);
  });

  it('a run killed between the two renames: the next write puts the old set back first, then swaps', () => {
    const out = tempDir('write-');
    const old = join(out, `.case.${DEAD_PID}-0.old`);
    mkdirSync(old);
    writeFileSync(join(old, 'application.pdf'), 'old');
    writeFileSync(join(old, 'notes.txt'), 'mine');
    writeFileSync(join(old, MANIFEST), 'application.pdf\n');
    mkdirSync(join(out, `.case.${DEAD_PID}-0.new`));
    writeFilesAtomically(join(out, 'case'), files('cover-letter.pdf'));
    expect(list(out)).toEqual(['case']);
    expect(list(join(out, 'case'))).toEqual([MANIFEST, 'cover-letter.pdf', 'notes.txt']);
  });

  it('a file in the folder\'s place, or a place no folder can be made, is said as such', () => {
    const out = tempDir('write-');
    writeFileSync(join(out, 'case'), 'a file');
    expect(() => writeFilesAtomically(join(out, 'case'), files('a.pdf'))).toThrow(OutputError);
    expect(() => writeFilesAtomically(join(out, 'case'), files('a.pdf'))).toThrow(/is a file or a link, not a folder/);
    expect(readFileSync(join(out, 'case'), 'utf8')).toBe('a file');
    expect(() => writeFilesAtomically('/proc/self/case', files('a.pdf'))).toThrow(/No folder can be made at "\/proc\/self\/case"/);
  });
});

describe('through the command', () => {
  it('-o /proc/self: a message, exit 1, no hang, not an internal error', async () => {
    const r = await cli('render', join(FIXTURES, 'deposit-compensation.yaml'), '-o', '/proc/self', '--format', 'txt');
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('にフォルダを作れません');
    expect(r.stdout).not.toContain('Internal error');
  });

  it('a case file named ...yaml is refused at check, and render writes nothing beside -o', async () => {
    const dir = tempDir('dots-');
    writeFileSync(join(dir, '...yaml'), readFileSync(join(FIXTURES, 'deposit-compensation.yaml')));
    const out = join(dir, 'out');
    for (const args of [['check'], ['render', '-o', out]]) {
      const r = await cli(...args, join(dir, '...yaml'));
      expect(r.status).toBe(1);
      expect(r.stdout).toContain('cannot name its output folder');
    }
    expect(list(dir)).toEqual(['...yaml']);
    expect(existsSync(out)).toBe(false);
  });
});
