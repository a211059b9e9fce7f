/**
 * The typography of every paper, in one table: the PDF layout (src/layout) and the DOCX exporter
 * read the same numbers, so the two cannot drift apart. Sizes are points; spacing is in body lines
 * unless said otherwise.
 */
export const STYLE = {
  /** Where a line's baseline sits in its line box, as a fraction of the font size from the box top (IPAex Mincho's ascent is 0.88 em). */
  ascent: 0.88,
  title: { size: 16, before: 1, after: 1 },
  table: {
    /** A table's text is 90% of the body size: a seven-column evidence table needs the room. */
    sizeScale: 0.9,
    /** Line height of table text, as a multiple of its size: tighter than body text (1.5–1.6) as cells are short. */
    lineHeight: 1.45,
    /** Room between a cell's border and its text. */
    padding: 3,
    /** The DOCX's top and bottom cell margins are smaller than the sides: Word adds the line's own leading there. */
    paddingDocxVertical: 2,
    headerRule: 0.8,
    bodyRule: 0.5,
    /** Blank space after a table, in body lines. */
    after: 0.5,
  },
  /** The "n / N" at the foot of each page: smaller than the body. */
  pageNumber: { sizeScale: 0.85 },
  /** The framed box: its rule, how far its top and bottom lines sit inside it, the gap to what is set beside it. */
  box: { rule: 0.8, insetMm: 2, besideGapMm: 4, after: 0.5 },
  /** A hanging label takes its width plus this gap, rounded up to this step (em): labels of one list align. */
  hang: { gap: 0.5, step: 0.5 },
  /** An underline sits this far below the baseline, and a fill run starts this far after its text (em of its size). */
  underline: { drop: 0.12, fillGap: 0.5 },
  /** A picture's caption, and the share of the text height a DOCX picture may take (the caption and its spacing need the rest). */
  image: { captionAfter: 0.5, docxHeightShare: 0.8 },
  keep: {
    /** A paragraph of up to this many lines is never split over a page; a longer one starts only where this many fit. */
    paragraphLines: 6,
    /** The least of a table row that may stand at a page foot, in lines: a heading row never stands alone above it. */
    rowLines: 2,
  },
  /** A picture starts on a new page when the page is already this full (its caption and picture stay together and large). */
  imageNewPageAt: 0.4,
  /** A run that fills to the end of the line (a line to sign on) is underlined this thick. */
  fillRule: 0.5,
  /**
   * A paragraph's last line holds at least this many characters where the line before can give some
   * up: a lone 「と」 under a full line reads as a mistake.
   */
  shortestLastLine: 3,
  /**
   * Text written onto an agency's own form, where the field map or the PDF's field says nothing:
   * 10 pt as typed entries on forms commonly are; shrinking stops at 7 pt, still legible on a fax at
   * 200 dpi (smaller is an error naming the field); 1.2 lines as a form's boxes are tight; the text
   * kept 1 pt inside a map's box (drawn to the box's inside) and 2 pt inside a form field (its
   * border's width and the 1 pt Acrobat keeps); ✓ for a box ticked.
   */
  official: { size: 10, minSize: 7, lineHeight: 1.2, padding: 1, fieldPadding: 2, mark: '✓' },
  docx: {
    /**
     * Word's line spacing "multiple" counts in the font's own line, not its size: this factor turns
     * the model's line height (× font size) into Word's unit, chosen by the first version so that a
     * DOCX page holds about as many lines as the PDF's.
     */
    lineFactor: 0.8,
    /** Table rules in eighths of a point (Word's unit): 6 = 0.75 pt, between the PDF's heading and body rules. */
    ruleEighths: 6,
  },
} as const;
