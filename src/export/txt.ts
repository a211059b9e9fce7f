/**
 * Plain-text renderer: a document's words for an e-mail, a web form or a label printer. Indents are
 * full-width spaces, as Japanese text is set; tables become one line per row, cells split by tabs.
 */
import { runsOf, unhandledBlock, type Block, type DocumentModel, type Paragraph } from '../model/document.js';

const IDEOGRAPHIC_SPACE = '\u3000';

export function renderText(doc: DocumentModel): Uint8Array {
  const lines = doc.blocks.flatMap(blockText);
  return new TextEncoder().encode(`${lines.join('\n').replace(/\n{3,}/g, '\n\n').trim()}\n`);
}

function blockText(b: Block): string[] {
  switch (b.kind) {
    case 'paragraph': {
      const pad = IDEOGRAPHIC_SPACE.repeat(Math.round(b.indent ?? 0));
      const first = IDEOGRAPHIC_SPACE.repeat(Math.round(b.firstLine ?? 0));
      const label = b.label ? `${b.label}${IDEOGRAPHIC_SPACE}` : '';
      const body = plainText(b).split('\n').map((line, i) => (i === 0 ? `${pad}${label}${first}${line}` : `${pad}${line}`));
      return [...blank(b.before), ...body, ...blank(b.after)];
    }
    case 'keyValue':
      return [...blank(b.before), ...b.rows.map((r) => (r.key ? `${r.key}${IDEOGRAPHIC_SPACE}${r.value}` : r.value))];
    case 'table':
      return ['', ...(b.headerRow === false ? [] : [b.columns.map((c) => c.header).join('\t')]),
        ...b.rows.map((r) => r.map((c) => c.replace(/\n/g, ' ')).join('\t')), ''];
    case 'box':
      return [b.lines.map((l) => l.text).filter(Boolean).join(IDEOGRAPHIC_SPACE), ...(b.beside ? [b.beside] : [])];
    case 'image':
      return [`［${b.caption}］`];
    case 'pdfPages':
      return [b.caption, b.standIn];
    case 'pageBreak':
      return ['', ''];
    default:
      return unhandledBlock(b);
  }
}

/** A fill run (a line to sign on) has no text of its own: in plain text it is a row of ＿. */
const plainText = (p: Paragraph) => (p.runs?.some((r) => r.fill) ? runsOf(p).map((r) => (r.fill ? `${IDEOGRAPHIC_SPACE}${'＿'.repeat(14)}` : r.text)).join('') : p.text);

const blank = (lines = 0) => Array.from({ length: Math.round(lines) }, () => '');
