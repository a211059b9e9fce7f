/**
 * A form's folder under templates/: its YAML word lists, its Handlebars documents and its partials.
 * Every form reads its wording the same way, so a paper is edited in templates/, not in code.
 *
 * What is read and compiled is kept in a TemplateBook, part of the pipeline's session
 * (src/pipeline/session.ts) and handed to a form in its FormContext — not in module globals — so a
 * preview that sees a template change starts a new book and shows the change.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import { parse as parseYaml } from 'yaml';
import { derived } from '../../base/cache.js';
import { lazyDocument, type DocumentModel, type Made, type PageSetup } from '../../model/document.js';
import { checkBlockTemplate, escapeContext, parseMarkup } from './markup.js';

/**
 * A YAML file of templates/ parsed, from the cache when it was parsed before (src/base/cache.ts):
 * the `yaml` package took a fifth of a cold one-case render to parse the message catalogues.
 */
export const yamlOf = (url: URL): unknown => {
  const text = readFileSync(url, 'utf8');
  return derived('yaml', url.href, text, () => parseYaml(text) as unknown);
};

/** Handlebars' options for every template: strict, a field the template names but the context lacks is a bug, not an empty string. */
const COMPILE_OPTIONS = { noEscape: true, strict: true } as const;

/** The templates/ folder of the project. */
export const TEMPLATES_ROOT = new URL('../../../templates/', import.meta.url);

/** Japanese paperwork's page: A4 portrait, margins of about 20–22 mm, as Japanese official forms are commonly set. */
export const portraitPage = (): PageSetup => ({ size: 'A4', orientation: 'portrait', marginsMm: [20, 22, 20, 22] });

/** The templates of a session: each file read and compiled once, each folder's partials registered once. */
export class TemplateBook {
  /** One Handlebars of its own: partials registered here are this book's, not the process's. */
  private readonly hb = Handlebars.create();
  private readonly compiled = new Map<string, HandlebarsTemplateDelegate>();
  private readonly partialFolders = new Set<string>();
  private readonly data = new Map<string, unknown>();

  /** Compiles a template once; `load` is only called the first time. */
  compile(key: string, load: () => string): HandlebarsTemplateDelegate {
    let t = this.compiled.get(key);
    if (!t) this.compiled.set(key, (t = this.precompiled(key, load())));
    return t;
  }

  /**
   * A template as Handlebars compiles it (compile() is precompile() and template() in one), its
   * compiled JavaScript kept in the cache (src/base/cache.ts): compiling the ruling application
   * and its partials was a tenth of a cold one-case render.
   */
  private precompiled(source: string, text: string): HandlebarsTemplateDelegate {
    const spec = derived(`handlebars ${Handlebars.VERSION} ${JSON.stringify(COMPILE_OPTIONS)}`, source, text,
      () => this.hb.precompile(text, { ...COMPILE_OPTIONS }) as string);
    return this.hb.template(new Function(`return ${spec}`)() as TemplateSpecification);
  }

  /**
   * Registers every `*.hbs` in a folder as a partial named `<prefix>/<file name>` ({{> ruling/inquiry}}),
   * so one sentence's wording serves every document that says it.
   */
  registerPartials(prefix: string, dir: URL): void {
    if (this.partialFolders.has(dir.href)) return;
    // Compiled with the templates' options, as Handlebars would compile them when first used.
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.hbs')))
      this.hb.registerPartial(`${prefix}/${file.slice(0, -4)}`, this.precompiled(new URL(file, dir).href, readFileSync(new URL(file, dir), 'utf8').trim()));
    this.partialFolders.add(dir.href);
  }

  /** A YAML file, read once. */
  yaml<T>(url: URL): T {
    if (!this.data.has(url.href)) this.data.set(url.href, yamlOf(url));
    return this.data.get(url.href) as T;
  }
}

/** What a form's code hands the kit to reach its templates: its FormContext has the session's book. */
export interface WithTemplates {
  templates: TemplateBook;
}

export interface FormTemplates {
  /** A YAML file of the folder (words, headings, data). */
  data<T>(ctx: WithTemplates, name: string): T;
  /** One of the folder's partials (partials/<name>.hbs) filled with raw text: a sentence for a table cell or a plain-text line. */
  partial(ctx: WithTemplates, name: string, context: object): string;
  /**
   * A portrait A4 document filled from one of the folder's templates. `context` is worked out only
   * when the blocks are first read (see lazyDocument).
   */
  document(ctx: WithTemplates, file: string, title: string, context: () => Record<string, unknown>,
    extra?: Partial<Omit<DocumentModel, 'blocks' | 'name' | 'formats'>>): Made;
}

/** `root`: the templates folder (tests give one of their own). */
export function formTemplates(form: string, root = TEMPLATES_ROOT): FormTemplates {
  const dir = new URL(`${form}/`, root);
  const partials = new URL('partials/', dir);
  const usePartials = (book: TemplateBook) => {
    if (existsSync(partials)) book.registerPartials(form, partials);
  };
  const template = (book: TemplateBook, file: string) => {
    usePartials(book);
    return book.compile(`${dir.href}${file}`, () => checkBlockTemplate(readFileSync(new URL(file, dir), 'utf8'), `templates/${form}/${file}`));
  };
  return {
    data: <T>(ctx: WithTemplates, name: string) => ctx.templates.yaml<T>(new URL(name, dir)),
    partial(ctx, name, context) {
      usePartials(ctx.templates);
      return ctx.templates.compile(`partial:${form}/${name}`, () => `{{> ${form}/${name}}}`)(context);
    },
    document(ctx, file, title, context, extra = {}) {
      const book = ctx.templates;
      return lazyDocument({
        title, page: portraitPage(), fontSize: 10.5, lineHeight: 1.6, pageNumbers: true, ...extra,
      }, () => {
        // The text lines are filled from the escaped context; structured @blocks take the values as they are.
        const values = context();
        return parseMarkup(template(book, file)(escapeContext(values)), values, `templates/${form}/${file}`);
      });
    },
  };
}
