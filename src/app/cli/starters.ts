/**
 * `yoshiki new <form>`: a starter case file per form, kept in starters/<form>.yaml with comments in
 * the form's language. Dates are written relative to today ({{today}}, {{today-21}},
 * {{fiscal_year}}) so a starter checks and renders whatever day it is made on.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { z } from 'zod';
import { addDays, fiscalYearOf } from '../../base/format.js';
import { editorSchema } from '../../input/json-schema.js';

const DIR = new URL('../../../starters/', import.meta.url);

export function hasStarter(form: string): boolean {
  return /^[a-z-]+$/.test(form) && existsSync(new URL(`${form}.yaml`, DIR));
}

export function starter(form: string, today: string): string {
  return readFileSync(new URL(`${form}.yaml`, DIR), 'utf8')
    .replace(/\{\{today([+-]\d+)?\}\}/g, (_, days?: string) => addDays(today, Number(days ?? 0)))
    .replace(/\{\{fiscal_year\}\}/g, () => String(fiscalYearOf(today)));
}

/**
 * A starter written to a file opens with the line that gives an editor's YAML language server the
 * form's schema (README, "Editing a case in VS Code"), and the schema goes beside it as
 * <form>.schema.json: completion, descriptions on hover and the mistakes `check` would find, as
 * the clerk types. The schema file is yoshiki's own: written again when it differs (a newer
 * yoshiki), left alone when it is someone else's file of that name. Returns whether it is in place.
 */
export function writeWithSchema(caseFile: string, text: string, form: string, schema: z.ZodType): boolean {
  const schemaFile = join(dirname(caseFile), `${form}.schema.json`);
  writeFileSync(caseFile, `# yaml-language-server: $schema=./${basename(schemaFile)}\n${text}`, { flag: 'wx' });
  const json = `${JSON.stringify(editorSchema(schema, form), null, 2)}\n`;
  if (existsSync(schemaFile)) {
    const old = readFileSync(schemaFile, 'utf8');
    if (old === json) return true;
    if (!old.includes('"$comment": "Made by yoshiki')) return false;
  }
  writeFileSync(schemaFile, json);
  return true;
}
