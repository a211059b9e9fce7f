/**
 * The layers of src/ (README, "How it is built"; the rules are .dependency-cruiser.cjs) are kept
 * by dependency-cruiser: a module importing a layer above its own fails here.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { cruise, type ICruiseResult } from 'dependency-cruiser';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const config = createRequire(import.meta.url)(join(ROOT, '.dependency-cruiser.cjs'));

async function violations(baseDir: string): Promise<string[]> {
  const { forbidden, options } = config;
  const result = await cruise(['src'], { ...options, baseDir, validate: true, ruleSet: { forbidden } });
  const output = result.output as ICruiseResult;
  return output.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);
}

describe('layers', () => {
  it('src/ imports only downwards', async () => {
    expect(await violations(ROOT)).toEqual([]);
  });

  it('an exporter importing the input layer, and a module outside every layer, are caught', async () => {
    const dir = tempDir();
    for (const [file, text] of Object.entries({
      'src/input/sheet.ts': 'export const sheet = 1;\n',
      'src/export/csv.ts': "import { sheet } from '../input/sheet.js';\nexport const csv = sheet;\n",
      'src/somewhere.ts': "import { sheet } from './input/sheet.js';\nexport const loose = sheet;\n",
      'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext' } }),
    })) {
      mkdirSync(join(dir, file, '..'), { recursive: true });
      writeFileSync(join(dir, file), text);
    }
    const found = await violations(dir);
    expect(found).toContain('export-imports-upwards: src/export/csv.ts → src/input/sheet.ts');
    expect(found).toContain('outside-the-layers: src/somewhere.ts → src/input/sheet.ts');
  });
});
