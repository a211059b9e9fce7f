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
