/**
 * What a process keeps while it checks and renders cases: the forms a case may name, the parsed
 * fonts (FontBook) and the read and compiled templates (TemplateBook). One object, made by the
 * application (the CLI for its run, each batch worker thread, the preview) and handed to
 * `checkCase`; nothing of it lives in module globals. The preview starts a new session when a
 * template or font file changes, and so shows the change.
 */
import { TemplateBook } from '../forms/kit/templates.js';
import type { FormPlugin } from '../forms/kit/plugin.js';
import { FORM_TABLE } from '../forms/registry.js';
import type { FontBook } from '../typeset/fonts.js';

export class Session {
  readonly templates = new TemplateBook();
  private fontBook?: Promise<FontBook>;

  private readonly forms: Record<string, () => Promise<FormPlugin>>;

  /** `forms`: the plugins a case may name (a test's own); default every form yoshiki knows, each loaded when first named. */
  constructor(forms?: Record<string, FormPlugin>) {
    this.forms = forms ? Object.fromEntries(Object.entries(forms).map(([id, plugin]) => [id, () => Promise.resolve(plugin)]))
      : Object.fromEntries(Object.entries(FORM_TABLE).map(([id, entry]) => [id, entry.load]));
  }

  /** The ids a case may name. */
  formIds(): string[] {
    return Object.keys(this.forms);
  }

  /** The plugin of a form the session knows (its modules evaluated on first use), or undefined. */
  form(id: string): Promise<FormPlugin> | undefined {
    return Object.hasOwn(this.forms, id) ? this.forms[id]() : undefined;
  }

  /** The fonts, loaded on first use: `yoshiki forms` or `--help` never imports fontkit (about a second). */
  fonts(): Promise<FontBook> {
    return (this.fontBook ??= import('../typeset/fonts.js').then(({ FontBook }) => new FontBook()));
  }
}

let shared: Session | undefined;

/** The session of a caller that brings none (a library user, a test): one per process, made when first asked. */
export const defaultSession = (): Session => (shared ??= new Session());
