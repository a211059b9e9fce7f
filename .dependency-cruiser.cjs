/**
 * The layers of src/, bottom to top: a module may import its own layer and the layers below it,
 * never one above. The pipeline reads upwards in this list: a case is read (input), judged (law),
 * composed into a document (forms, model), laid out (layout, typeset) and exported (export).
 * `npm run test:unit` runs this through dependency-cruiser (test/layers.test.ts); `npx depcruise src`
 * prints the same verdict on the command line.
 */
const LAYERS = [
  ['base', 'problems and their places in a file, exact numbers, dates and eras'],
  ['typeset', 'fonts, grapheme clusters, 禁則 line breaking, measuring text'],
  ['model', 'the document model: general blocks and the style table'],
  ['layout', 'measure, then arrange blocks on pages as positioned glyph runs'],
  ['export', 'writers: pdf, docx, txt, csv, xlsx'],
  ['input', 'reading a case: YAML with positions, validation, files a case names, sheets'],
  ['law', 'dated legal data with sources, and pure rules over it'],
  ['forms', 'the form kit and one folder per form (a plugin)'],
  ['pipeline', 'check and render one case: parse → validate → derive → compose → render → write'],
  ['app', 'the applications: cli, batch (worker threads), preview (local web page)'],
];

module.exports = {
  forbidden: [
    ...LAYERS.slice(0, -1).map(([layer, what], i) => ({
      name: `${layer}-imports-upwards`,
      comment: `src/${layer}/ (${what}) may import only ${LAYERS.slice(0, i + 1).map(([l]) => l).join(', ')}`,
      severity: 'error',
      from: { path: `^src/${layer}/` },
      to: { path: `^src/(${LAYERS.slice(i + 1).map(([l]) => l).join('|')})/` },
    })),
    {
      name: 'outside-the-layers',
      comment: 'every module of src/ sits in one of the layers',
      severity: 'error',
      from: { path: '^src/', pathNot: `^src/(${LAYERS.map(([l]) => l).join('|')})/` },
      to: {},
    },
    {
      name: 'no-circular',
      comment: 'a cycle makes two modules one layer in disguise',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '\\.d\\.ts$' },
  },
};
