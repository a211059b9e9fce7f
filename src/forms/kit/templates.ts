/**
 * A form's folder under templates/: its YAML word lists, its Handlebars documents and its partials.
 * Every form reads its wording the same way, so a paper is edited in templates/, not in code.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { lazyDocument, type DocumentModel, type PageSetup } from '../../model/document.js';
import type { Made } from './plugin.js';
import { checkBlockTemplate, compileTemplate, escapeContext, parseMarkup, registerPartials } from './markup.js';

/** The templates/ folder of the project. */
export const TEMPLATES_ROOT = new URL('../../../templates/', import.meta.url);

/** Japanese paperwork's page: A4 portrait, margins of about 20–22 mm (forms.md, common conventions). */
export const portraitPage = (): PageSetup => ({ size: 'A4', orientation: 'portrait', marginsMm: [20, 22, 20, 22] });

export interface FormTemplates {
  /** A YAML file of the folder (words, headings, data), read once per process. */
  data<T>(name: string): T;
  /** Registers the folder's partials/*.hbs as `<form>/<name>` (once per process). */
  usePartials(): void;
  /**
   * A portrait A4 document filled from one of the folder's templates. `context` is worked out only
   * when the blocks are first read (see lazyDocument).
   */
  document(file: string, title: string, context: () => Record<string, unknown>,
    extra?: Partial<Omit<DocumentModel, 'blocks' | 'name' | 'formats'>>): Made;
}

/** `root`: the templates folder (tests give one of their own). */
export function formTemplates(form: string, root = TEMPLATES_ROOT): FormTemplates {
  const dir = new URL(`${form}/`, root);
  const cache = new Map<string, unknown>();
  const partials = new URL('partials/', dir);
  const usePartials = () => {
    if (existsSync(partials)) registerPartials(form, partials);
  };
  const template = (file: string) => {
    usePartials();
    return compileTemplate(`${dir.href}${file}`, () => checkBlockTemplate(readFileSync(new URL(file, dir), 'utf8'), `templates/${form}/${file}`));
  };
  return {
    data<T>(name: string): T {
      if (!cache.has(name)) cache.set(name, parseYaml(readFileSync(new URL(name, dir), 'utf8')));
      return cache.get(name) as T;
    },
    usePartials,
    document(file, title, context, extra = {}) {
      return lazyDocument({
        title, page: portraitPage(), fontSize: 10.5, lineHeight: 1.6, pageNumbers: true, ...extra,
      }, () => {
        // The text lines are filled from the escaped context; structured @blocks take the values as they are.
        const ctx = context();
        return parseMarkup(template(file)(escapeContext(ctx)), ctx, `templates/${form}/${file}`);
      });
    },
  };
}
