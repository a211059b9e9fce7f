/**
 * What package.json promises (README, "Installing"): the dependency tree admits every Node that
 * `engines` names, and the package exports the library API. test/clients/package.test.ts packs and
 * installs it for real.
 */
import { readFileSync } from 'node:fs';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('package.json', ROOT), 'utf8'));
const lock = JSON.parse(readFileSync(new URL('package-lock.json', ROOT), 'utf8'));

describe('package.json', () => {
  it('every package an install brings declares engines that admit all of ours (Node 20.19 and later)', () => {
    const ours: string = manifest.engines.node;
    expect(semver.subset('^20.19.0 || ^22.0.0 || ^24.0.0', ours)).toBe(true);
    const narrower = Object.entries(lock.packages as Record<string, { dev?: boolean; devOptional?: boolean; version: string; engines?: { node?: string } | string[] }>)
      .filter(([path, p]) => path && !p.dev && !p.devOptional && p.engines && !Array.isArray(p.engines) && p.engines.node)
      .filter(([, p]) => !semver.subset(ours, (p.engines as { node: string }).node))
      .map(([path, p]) => `${path}@${p.version}: ${(p.engines as { node: string }).node}`);
    expect(narrower).toEqual([]);
  });

  it('exports the library API with its declarations, and ships only what runs', () => {
    expect(manifest.exports['.']).toEqual({ types: './dist/pipeline/api.d.ts', default: './dist/pipeline/api.js' });
    expect(manifest.types).toBe(manifest.exports['.'].types);
    expect(JSON.parse(readFileSync(new URL('tsconfig.json', ROOT), 'utf8')).compilerOptions.declaration).toBe(true);
    expect(manifest.files).toEqual(['bin/', 'dist/**/*.js', 'dist/bundle/cli.cjs', 'dist/**/*.d.ts', 'fonts/', 'templates/', 'starters/', 'preview/']);
  });
});
