// npm run build, second step: the compiled CLI (dist/app/bundle.js: dist/app/cli/main.js, the batch worker's task, and the ~550 module files they
// loads) bundled by esbuild into one script, dist/bundle/cli.cjs, which bin/yoshiki.js runs when it
// is there and not older than the compiled files. Node reads and compiles one file instead of
// hundreds of small ones (a cold `yoshiki render` of one case spent more than half of its time
// loading modules), and one script is what V8 can keep compiled code of between runs: bin/yoshiki.js
// compiles it with vm.Script and keeps the code cache in the user's cache folder (README, "Speed").
// ES modules have no such cache on Node 20, so the bundle is CommonJS; the modules only some
// commands need (DOCX, XLSX, the preview) are still evaluated only when first imported (esbuild
// wraps each in a function called on first import), though compiled with the rest.
//
// Left outside the bundle, loaded from node_modules as they are: packages that read files next to
// their own code (harfbuzzjs its WebAssembly, pdfjs-dist the viewer the preview serves, piscina
// and exceljs their workers and streams) and chokidar (the preview's watcher, native fsevents).
// Each module of ours that finds files from its own place (import.meta.url: the fonts, the
// templates, the starters, the batch worker) is given the URL of its file in dist/, so it finds
// them where it always did.
//
// fontkit is bundled, with two changes: it decompressed Brotli's 120 KB dictionary when loaded,
// which only a WOFF2 font needs, and four Unicode property tables that only shaping a cluster needs
// (together a sixth of a cold one-case render); here each is made when first read. The build fails
// if fontkit's text is no longer what the changes expect.
import { createHash } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(ROOT, 'dist');
const OUT = join(DIST, 'bundle');
const EXTERNAL = ['harfbuzzjs', 'pdfjs-dist', 'piscina', 'exceljs', 'chokidar'];

/** A text replaced exactly once, or the build stops: a library or a file of ours changed under the change. */
function replaceOnce(source, from, to, where) {
  const at = source.indexOf(from);
  if (at < 0 || source.indexOf(from, at + 1) >= 0) throw new Error(`bundle: ${where} no longer holds ${JSON.stringify(from)} exactly once`);
  return source.slice(0, at) + to + source.slice(at + from.length);
}

/** import.meta.url in a file of dist/ → the URL of that file, from the bundle's own (a CommonJS script has no import.meta). */
const ownUrl = {
  name: 'own-url',
  setup(b) {
    b.onLoad({ filter: /\/dist\/.*\.js$/ }, async ({ path }) => {
      let source = await readFile(path, 'utf8');
      if (!source.includes('import.meta.url')) return undefined;
      // fonts.ts requires fontkit through createRequire (unbundled, an import has Node scan its
      // 1.3 MB for export names); bundled, a plain require puts it in the bundle.
      if (path.endsWith('/dist/typeset/fonts.js'))
        source = replaceOnce(source, "createRequire(import.meta.url)('@pdf-lib/fontkit')", "require('@pdf-lib/fontkit')", path);
      const from = JSON.stringify(relative(OUT, path).split('\\').join('/'));
      return { contents: source.replaceAll('import.meta.url', `new URL(${from}, __yoshikiBundleUrl).href`), loader: 'js', resolveDir: dirname(path) };
    });
  },
};

/** fontkit 1.1.1 (pinned in package.json): data only some fonts or texts need made when first read, not when fontkit loads. */
const lazyBrotliDictionary = {
  name: 'lazy-brotli-dictionary',
  setup(b) {
    b.onLoad({ filter: /@pdf-lib[\\/]fontkit[\\/]dist[\\/]fontkit\.umd\.js$/ }, async ({ path }) => {
      const source = await readFile(path, 'utf8');
      const lazy = 'Object.defineProperty(dictionary, "dictionary", { configurable: true, enumerable: true, get: function () {\n'
        + '  var data = dictionaryDataCompressed.init(BrotliDecompressBuffer);\n'
        + '  Object.defineProperty(dictionary, "dictionary", { value: data, writable: true, enumerable: true });\n'
        + '  return data;\n} });';
      let contents = replaceOnce(source, 'dictionary.init(BrotliDecompressBuffer);', lazy, path);
      // Its four Unicode property tries (script, category, joining, Indic classes: 0.2 MB inflated
      // twice over at load) are only read by font.layout(), which yoshiki calls for a cluster of
      // several code points (a kanji and its variation selector); made when first read.
      for (const n of ['', '$1', '$2', '$3']) {
        contents = replaceOnce(contents, `var trieData${n} = pako_1.inflate(base64Arraybuffer_2(base64DeflatedTrie${n}));`, '', path);
        contents = replaceOnce(contents, `var trie${n} = new unicodeTrie(trieData${n});`,
          `var trie${n} = lazyTrie(function () { return new unicodeTrie(pako_1.inflate(base64Arraybuffer_2(base64DeflatedTrie${n}))); });`
          + (n === '' ? '\nfunction lazyTrie(make) { var made; return { get: function (c) { return (made || (made = make())).get(c); } }; }' : ''), path);
      }
      return { contents, loader: 'js' };
    });
  },
};

await rm(OUT, { recursive: true, force: true });
let build;
try {
  ({ build } = await import('esbuild'));
} catch {
  // Installed without its development dependencies: the compiled files run as they are.
  process.stderr.write('esbuild is not installed: yoshiki runs unbundled (slower to start).\n');
  process.exit(0);
}
const result = await build({
  entryPoints: { cli: join(DIST, 'app/bundle.js') },
  outdir: OUT,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  outExtension: { '.js': '.cjs' },
  external: EXTERNAL,
  // import() of a package left outside (piscina, exceljs) made a require(): a script compiled from
  // V8's code cache has no callback for import() on Node 20.
  supported: { 'dynamic-import': false },
  plugins: [ownUrl, lazyBrotliDictionary],
  banner: { js: "const __yoshikiBundleUrl = require('node:url').pathToFileURL(__filename).href;" },
  logLevel: 'warning',
  legalComments: 'none',
});
if (result.errors.length) process.exit(1);

// bin/yoshiki.js reads the bundle as Latin-1, which is only its text when it is ASCII: esbuild
// escapes other characters in strings and names but leaves them in regular expressions (円, ０-９)
// and comments. Each UTF-16 unit left is written \uXXXX, which means the same unit in a string, a
// regular expression (with or without the u flag, where a pair of them is one character) and a
// comment. Its first line is the SHA-1 of the rest, the key of V8's code cache, so that no run
// hashes 6 MB.
const file = join(OUT, 'cli.cjs');
const written = await readFile(file, 'utf8');
// After a backslash (an identity escape, /\円/) the unit would not mean the same: none is expected.
if (/\\[^\x00-\x7f]/.test(written)) throw new Error('bundle: a backslash before a non-ASCII character; escape it by hand');
const text = written.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
await writeFile(file, `// ${createHash('sha1').update(text).digest('hex')}\n${text}`);
