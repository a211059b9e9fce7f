/**
 * An agency's own form (official form): a PDF the clerk has, onto which a document's values are
 * written instead of printing yoshiki's own layout. A form names the values of a document
 * (`FieldValues`, beside its blocks); the pipeline matches them to places on the PDF — its AcroForm
 * fields by name, or the boxes of a field map — and the layout fits each value into its box
 * (src/layout/fit.ts). Nothing here knows a form: a placement is a value's name and a box.
 */

/** As a paragraph's (document.ts), said again here: the document model imports this module. */
type Align = 'left' | 'center' | 'right';

/**
 * The named values of a document, for an official form: text as the paper prints it (a date in
 * the paper's calendar, a price with its unit), or true / false for a box to tick. An item of a
 * list is numbered from 1 (`items.1.title`); a value the case leaves out is the empty string, so a
 * map may name it whether or not this case has it.
 */
export type FieldValues = Record<string, string | boolean>;

/** Where an agency's form comes from, for a document the agency accepts only on its own form. */
export interface AgencyForm {
  /** The form's own name (出版物納入書, "the designated request form"). */
  name: { ja: string; en: string };
  /** Where the clerk gets it: a URL, or who sends it and when. */
  obtain: { ja: string; en: string };
  /** A file name to suggest in the message's example (ndl-request-form.pdf). */
  file: string;
}

/** A box on a page as it is shown (a /Rotate turns it): points, origin at the bottom left. */
export interface Rect { x: number; y: number; w: number; h: number }

export type VerticalAlign = 'top' | 'middle' | 'bottom';

/** One place a value goes: a box on a page, and how its text may be set there. */
export interface Placement {
  /** The document's value written here (a key of its FieldValues). */
  value: string;
  /** What the messages name it by: the map's entry (its file, line and column), or the PDF's own field. */
  where: { entry?: string; file?: string; line?: number; column?: number; field?: string };
  /** 0-based page of the official PDF. */
  page: number;
  box: Rect;
  /** The size text starts at, and the least it may shrink to before it is an error (never cut off). */
  size: number;
  minSize: number;
  align: Align;
  valign: VerticalAlign;
  /** Break lines at the box's width (禁則 as everywhere); without it only the value's own line ends break. */
  wrap: boolean;
  lineHeight: number;
  /** Room kept between the box's edge and its text. */
  padding: number;
  /** Drawn, centred, for a value that is true (a box ticked); nothing for false. */
  mark: string;
  /** One character per cell of this many equal cells (an AcroForm comb field: a postal code's boxes). */
  cells?: number;
  /** The AcroForm field this box is a widget of: flattened (removed, its look kept) when written. */
  acroField?: string;
}

/** The official form of one document: the PDF as given, and where each value goes on it. */
export interface OfficialForm {
  /** The path as the case wrote it, for messages. */
  file: string;
  bytes: Uint8Array;
  /** Each page as shown: the crop box and its clockwise turn. */
  pages: OfficialPage[];
  placements: Placement[];
}

export interface OfficialPage {
  /** The crop box in the page's own (unturned) coordinates. */
  crop: Rect;
  rotate: 0 | 90 | 180 | 270;
}

/** A page's size as it is shown: a quarter turn swaps width and height. */
export const shownSize = (p: OfficialPage): { width: number; height: number } =>
  p.rotate % 180 === 0 ? { width: p.crop.w, height: p.crop.h } : { width: p.crop.h, height: p.crop.w };

/**
 * The matrix from the shown page (origin bottom left, as a viewer shows it) to the page's own
 * coordinates, which the content stream draws in. 90: the page is shown turned a quarter clockwise,
 * so its own left edge is shown at the top.
 */
export function shownToPage(p: OfficialPage): [number, number, number, number, number, number] {
  const { x, y, w, h } = p.crop;
  switch (p.rotate) {
    case 90: return [0, 1, -1, 0, x + w, y];
    case 180: return [-1, 0, 0, -1, x + w, y + h];
    case 270: return [0, -1, 1, 0, x, y + h];
    default: return [1, 0, 0, 1, x, y];
  }
}

/** A rectangle in the page's own coordinates (an AcroForm widget's /Rect) as it is shown. */
export function pageRectShown(p: OfficialPage, r: { x: number; y: number; width: number; height: number }): Rect {
  const [a, b, c, d, e, f] = shownToPage(p);
  // The inverse of a quarter-turn matrix is its transpose, applied after taking off the shift.
  const toShown = (u: number, v: number) => ({ X: a * (u - e) + b * (v - f), Y: c * (u - e) + d * (v - f) });
  const corners = [toShown(r.x, r.y), toShown(r.x + r.width, r.y + r.height)];
  const xs = corners.map((q) => q.X), ys = corners.map((q) => q.Y);
  return { x: Math.min(...xs), y: Math.min(...ys), w: Math.abs(xs[0] - xs[1]), h: Math.abs(ys[0] - ys[1]) };
}
