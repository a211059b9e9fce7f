/**
 * One output in one format, in memory: the renderers each format has, loaded on first use. Shared
 * by the pipeline (src/pipeline/pipeline.ts) and the thread that renders a large case's other
 * formats beside its PDFs (side-thread.ts), which loads only what its formats need.
 */
import type { DocumentModel, FilledSheet, Output, Bundle, OutputFormat } from '../model/document.js';
import type { FontBook } from '../typeset/fonts.js';
import type { OfficialForm } from '../model/official-form.js';
import type { PdfPart } from '../export/pdf-join.js';

/** A rendered file, in memory; a PDF also says how many pages it has (for the batch summary). */
export interface RenderedFile { path: string; bytes: Uint8Array; pages?: number }
/** A file as a renderer made it: a PDF of ours with the document it was saved from, which a bundle binds. */
export type Made = Omit<RenderedFile, 'path'> & { document?: PdfPart };
type Renderer = (doc: DocumentModel, fonts: FontBook) => Promise<Made>;
const bytesOnly = (render: (doc: DocumentModel, fonts: FontBook) => Promise<Uint8Array> | Uint8Array): Renderer =>
  async (doc, fonts) => ({ bytes: await render(doc, fonts) });

/** Renderers load on first use: a PDF-only run never parses the DOCX library. */
const RENDERERS: Record<OutputFormat, () => Promise<Renderer>> = {
  pdf: async () => {
    const { writePdfDocument, layoutForPdf } = await import('../export/pdf.js');
    return async (doc, fonts) => {
      const pages = layoutForPdf(doc, fonts);
      return { ...await writePdfDocument(pages, doc.title, fonts, doc.fonts), pages: pages.length };
    };
  },
  docx: async () => bytesOnly((await import('../export/docx.js')).renderDocx),
  csv: async () => bytesOnly((await import('../export/csv.js')).renderCsv),
  xlsx: async () => bytesOnly((await import('../export/xlsx.js')).renderXlsx),
  txt: async () => bytesOnly((await import('../export/txt.js')).renderText),
};

/** A filled spreadsheet goes only to the exporter of its own format. */
const SHEET_FILLERS: Record<FilledSheet['format'], () => Promise<(sheet: FilledSheet) => Promise<Uint8Array> | Uint8Array>> = {
  csv: async () => (await import('../export/csv.js')).fillCsv,
  xlsx: async () => (await import('../export/xlsx-fill.js')).fillXlsx,
};

/** How documents are rendered: `outline` outlines the boxes of an agency's form (the preview, to adjust a map). */
export interface RenderOptions { outline?: boolean }

/** `fonts`: the session's font book, asked for only by what draws text. */
export async function renderOutput(output: Exclude<Output, Bundle>, format: OutputFormat, fonts: () => Promise<FontBook>, options: RenderOptions = {}): Promise<Made> {
  if (output.kind === 'filledSheet') return { bytes: await (await SHEET_FILLERS[output.format]())(output) };
  // A paper the case gives the agency's own form for is written onto that form; its DOCX stays ours.
  if (format === 'pdf' && output.official) return renderOfficial(output, output.official, await fonts(), options);
  return (await RENDERERS[format]())(output, await fonts());
}

async function renderOfficial(doc: DocumentModel, form: OfficialForm, fonts: FontBook, options: RenderOptions): Promise<Omit<RenderedFile, 'path'>> {
  const [{ writeOverlay }, { layoutOverlay }] = await Promise.all([import('../export/pdf-overlay.js'), import('../layout/fit.js')]);
  const plan = layoutOverlay(form, doc.fields ?? {}, fonts.chain(doc.fonts));
  return writeOverlay(form, plan, fonts, doc.fonts, options);
}
