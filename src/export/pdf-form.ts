/**
 * What an AcroForm's fields are made of, read the same way where the official form is read (its
 * fields and their places, src/input/official-form.ts) and where it is filled (pdf-overlay.ts).
 */
import { PDFArray, PDFDict, PDFName, PDFRef, PDFWidgetAnnotation, type PDFAcroTerminal, type PDFDocument } from 'pdf-lib';

/** A field's widgets: its kids, or the field itself when field and widget are one dictionary. */
export function widgetsOf(field: PDFAcroTerminal, ref: PDFRef): { ref: PDFRef; widget: PDFWidgetAnnotation }[] {
  const kids = field.Kids();
  const refs = kids ? kids.asArray().filter((k): k is PDFRef => k instanceof PDFRef) : [ref];
  return refs.map((r) => ({ ref: r, widget: PDFWidgetAnnotation.fromDict(field.dict.context.lookup(r, PDFDict)) }));
}

/** Which page each annotation sits on, by its reference: a widget's /P is optional, a page's /Annots is not. */
export function annotationPages(doc: PDFDocument): Map<string, number> {
  const pageOf = new Map<string, number>();
  doc.getPages().forEach((page, i) => {
    for (const a of page.node.lookupMaybe(PDFName.of('Annots'), PDFArray)?.asArray() ?? []) if (a instanceof PDFRef) pageOf.set(a.toString(), i);
  });
  return pageOf;
}

/**
 * The file's last cross-reference section, which an incremental update appends to: where it starts
 * (the last startxref), whether it is a stream (PDF 1.5) rather than a table, and the /Size its
 * trailer gives (one past the highest object number in use). Undefined when startxref points at
 * neither: a damaged file a reader repairs on the fly, which cannot be updated in place.
 */
export function lastCrossReference(bytes: Uint8Array): { offset: number; stream: boolean; size: number } | undefined {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const at = text.lastIndexOf('startxref');
  const offset = Number(/^startxref\s+(\d+)/.exec(text.slice(at))?.[1]);
  if (at < 0 || !Number.isInteger(offset) || offset >= bytes.length) return undefined;
  const section = text.slice(offset, offset + 65536);
  const stream = /^\d+\s+\d+\s+obj\b/.test(section);
  if (!stream && !section.startsWith('xref')) return undefined;
  const size = Number(/\/Size\s+(\d+)/.exec(stream ? section : text.slice(offset))?.[1]);
  return Number.isInteger(size) ? { offset, stream, size } : undefined;
}
