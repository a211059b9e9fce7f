// npm run build, second step: the compiled CLI (dist/app/cli/main.js and the ~550 module files it
// loads) bundled by esbuild into dist/bundle/, which bin/yoshiki.js runs when it is there and not
// older than the compiled files. Node resolves, reads and compiles a few large files instead of
// hundreds of small ones: a cold `yoshiki render` of one case spent more than half of its time
// loading modules. Modules loaded only for some formats (DOCX, XLSX, the preview) stay separate
// chunks, loaded when used, as before.
//
// Left outside the bundle, loaded from node_modules as they are: packages that read files next to
// their own code (harfbuzzjs its WebAssembly, pdfjs-dist the viewer the preview serves, piscina
// and exceljs their workers and streams), chokidar (the preview's watcher, native fsevents) and
// fontkit (one file already; kept apart, a command that typesets nothing is seen not to load it).
// Each module of ours that finds files from its own place (import.meta.url: the fonts, the
// templates, the starters, the batch worker) is given the URL of its file in dist/, so it finds
// them where it always did.
import { readFile, rm } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(ROOT, 'dist');
const OUT = join(DIST, 'bundle');
const EXTERNAL = ['harfbuzzjs', 'pdfjs-dist', 'piscina', 'exceljs', 'chokidar', '@pdf-lib/fontkit'];

/** import.meta.url in a file of dist/ → the URL of that file, seen from the bundle's directory. */
const ownUrl = {
  name: 'own-url',
  setup(b) {
    b.onLoad({ filter: /\/dist\/.*\.js$/ }, async ({ path }) => {
      const source = await readFile(path, 'utf8');
      if (!source.includes('import.meta.url')) return undefined;
      const from = JSON.stringify(relative(OUT, path).split('\\').join('/'));
      return { contents: source.replaceAll('import.meta.url', `new URL(${from}, import.meta.url).href`), loader: 'js', resolveDir: dirname(path) };
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
  entryPoints: { cli: join(DIST, 'app/cli/main.js') },
  outdir: OUT,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outExtension: { '.js': '.mjs' },
  external: EXTERNAL,
  plugins: [ownUrl],
  // CommonJS packages (pdf-lib, fontkit) call require() for Node's own modules: an ES module has none.
  banner: { js: "import { createRequire as __yoshikiRequire } from 'node:module'; const require = __yoshikiRequire(import.meta.url);" },
  logLevel: 'warning',
  legalComments: 'none',
});
if (result.errors.length) process.exit(1);
