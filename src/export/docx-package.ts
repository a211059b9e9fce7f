/**
 * The parts of a DOCX around its body (ECMA-376 Part 2, Open Packaging Conventions): the content
 * types, the relationships, the styles (the document's font, size, language and line spacing),
 * the settings, the font table with the embedded font, the page-number footer and the pictures.
 * Only what the papers use: the `docx` package also wrote a theme, footnotes, endnotes, a bullet
 * list and twenty styles no paper names, which neither Word nor LibreOffice needs.
 */
import { obfuscatedFont, type EmbeddedFont } from './docx-font.js';
import { pageField, paragraph, textRun } from './wordml.js';
import { coreProperties } from './zip.js';
import { writeZip, type ZipPart } from './zip-write.js';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const WP = 'http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing';
const RELATIONSHIPS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';

/** A picture the body shows, as its media part. */
export interface Media { bytes: Uint8Array; extension: 'png' | 'jpg' }

export interface DocxParts {
  title: string;
  font: EmbeddedFont;
  /** The paragraphs' defaults: size in half-points, the language of Latin text, line spacing in 240ths of a line. */
  defaults: { size: number; language: string; line: number };
  /** The body's XML in pieces, the section's settings last; read while the file is compressed. */
  body: () => Iterable<string>;
  /** The pictures the body shows, in its order. */
  media: Media[];
  /** The page-number footer's size (half-points); none without page numbers. */
  footerSize?: number;
}

export const FOOTER_RELATIONSHIP = 'rId4';
/** The relationship of the n-th picture (from 1). */
export const mediaRelationship = (n: number) => `rId${4 + n}`;

/** The DOCX file: every part, the body streamed through the compressor. */
export function packDocx(parts: DocxParts): Promise<Uint8Array> {
  const entries: ZipPart[] = [
    { path: '[Content_Types].xml', data: contentTypes(parts) },
    { path: '_rels/.rels', data: PACKAGE_RELATIONSHIPS },
    { path: 'docProps/core.xml', data: coreProperties(parts.title) },
    { path: 'word/document.xml', data: () => documentXml(parts.body()) },
    { path: 'word/_rels/document.xml.rels', data: documentRelationships(parts) },
    { path: 'word/styles.xml', data: styles(parts.font.name, parts.defaults) },
    { path: 'word/settings.xml', data: SETTINGS },
    { path: 'word/fontTable.xml', data: parts.font.fontTable },
    { path: 'word/_rels/fontTable.xml.rels', data: relationships([['rId1', `${R}/font`, 'fonts/font1.odttf']]) },
    // Stored: deflate takes a font subset only to 73% of its size (153 → 112 KB for a 350-character
    // paper), at 3–5 ms, as long as the rest of the DOCX takes to write.
    { path: 'word/fonts/font1.odttf', data: obfuscatedFont(parts.font), store: true },
    ...(parts.footerSize !== undefined ? [{ path: 'word/footer1.xml', data: footer(parts.footerSize) }] : []),
    // Pictures are compressed already.
    ...parts.media.map((m, i) => ({ path: `word/media/image${i + 1}.${m.extension}`, data: m.bytes, store: true })),
  ];
  return writeZip(entries);
}

function* documentXml(body: Iterable<string>): Generator<string> {
  yield `${XML_DECLARATION}<w:document xmlns:w="${W}" xmlns:r="${R}" xmlns:wp="${WP}"><w:body>`;
  yield* body;
  yield '</w:body></w:document>';
}

const relationships = (list: [id: string, type: string, target: string][]) =>
  `${XML_DECLARATION}<Relationships xmlns="${RELATIONSHIPS}">${list.map(([id, type, target]) => `<Relationship Id="${id}" Type="${type}" Target="${target}"/>`).join('')}</Relationships>`;

const PACKAGE_RELATIONSHIPS = relationships([
  ['rId1', `${R}/officeDocument`, 'word/document.xml'],
  ['rId2', 'http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties', 'docProps/core.xml'],
]);

function documentRelationships(parts: DocxParts): string {
  return relationships([
    ['rId1', `${R}/styles`, 'styles.xml'],
    ['rId2', `${R}/settings`, 'settings.xml'],
    ['rId3', `${R}/fontTable`, 'fontTable.xml'],
    ...(parts.footerSize !== undefined ? [[FOOTER_RELATIONSHIP, `${R}/footer`, 'footer1.xml'] as [string, string, string]] : []),
    ...parts.media.map((m, i): [string, string, string] => [mediaRelationship(i + 1), `${R}/image`, `media/image${i + 1}.${m.extension}`]),
  ]);
}

const WORD = 'application/vnd.openxmlformats-officedocument.wordprocessingml';

function contentTypes(parts: DocxParts): string {
  const override = (part: string, type: string) => `<Override PartName="${part}" ContentType="${type}"/>`;
  return `${XML_DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`
    + '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    + '<Default Extension="xml" ContentType="application/xml"/>'
    + '<Default Extension="odttf" ContentType="application/vnd.openxmlformats-officedocument.obfuscatedFont"/>'
    + '<Default Extension="png" ContentType="image/png"/><Default Extension="jpg" ContentType="image/jpeg"/>'
    + override('/word/document.xml', `${WORD}.document.main+xml`)
    + override('/word/styles.xml', `${WORD}.styles+xml`)
    + override('/word/settings.xml', `${WORD}.settings+xml`)
    + override('/word/fontTable.xml', `${WORD}.fontTable+xml`)
    + (parts.footerSize !== undefined ? override('/word/footer1.xml', `${WORD}.footer+xml`) : '')
    + override('/docProps/core.xml', 'application/vnd.openxmlformats-package.core-properties+xml')
    + '</Types>';
}

/**
 * The document's defaults: every run in the embedded font in all four slots (Latin, East Asian,
 * complex script, high ANSI), at the body size, Japanese for kana and kanji; no space between
 * paragraphs. Normal and the default table style (Word's cell margins) as Word defines them.
 */
function styles(font: string, d: DocxParts['defaults']): string {
  return `${XML_DECLARATION}<w:styles xmlns:w="${W}"><w:docDefaults><w:rPrDefault><w:rPr>`
    + `<w:rFonts w:ascii="${font}" w:cs="${font}" w:eastAsia="${font}" w:hAnsi="${font}"/>`
    + `<w:sz w:val="${d.size}"/><w:szCs w:val="${d.size}"/><w:lang w:val="${d.language}" w:eastAsia="ja-JP"/></w:rPr></w:rPrDefault>`
    + `<w:pPrDefault><w:pPr><w:spacing w:after="0" w:before="0" w:line="${d.line}"/></w:pPr></w:pPrDefault></w:docDefaults>`
    + '<w:style w:type="paragraph" w:styleId="Normal" w:default="1"><w:name w:val="Normal"/><w:qFormat/></w:style>'
    + '<w:style w:type="table" w:styleId="TableNormal" w:default="1"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>'
    + '<w:tblPr><w:tblInd w:type="dxa" w:w="0"/><w:tblCellMar><w:top w:type="dxa" w:w="0"/><w:left w:type="dxa" w:w="108"/><w:bottom w:type="dxa" w:w="0"/><w:right w:type="dxa" w:w="108"/></w:tblCellMar></w:tblPr></w:style>'
    + '</w:styles>';
}

/** Word 2013's layout (compatibility mode 15), which LibreOffice follows too; tab stops every half inch; the fonts kept when Word saves. */
const SETTINGS = `${XML_DECLARATION}<w:settings xmlns:w="${W}"><w:displayBackgroundShape/><w:embedTrueTypeFonts/><w:defaultTabStop w:val="720"/>`
  + '<w:evenAndOddHeaders w:val="false"/><w:compat><w:compatSetting w:val="15" w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word"/></w:compat></w:settings>';

/** "n / N", centred at the foot of every page. */
function footer(size: number): string {
  const look = { size };
  return `${XML_DECLARATION}<w:ftr xmlns:w="${W}" xmlns:r="${R}">`
    + paragraph({ align: 'center' }, pageField('PAGE', look) + textRun(' / ', look) + pageField('NUMPAGES', look))
    + '</w:ftr>';
}
