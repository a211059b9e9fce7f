import { defineConfig } from 'vitest/config';

/**
 * Two tiers, one run (`npm test`), each runnable alone by its folder:
 * - test/unit (`npm run test:unit`): the code itself, in this process — rules, layout properties,
 *   schema, messages, the CLI run in-process. No other program, no build: vitest runs src/ directly.
 * - test/clients (`npm run test:clients`): what real clients make of our output (poppler, qpdf,
 *   LibreOffice, Chromium), what needs a process of its own (a kill, a terminal, a process's memory,
 *   the preview's Ctrl-C) or the built dist/ (a folder of cases renders in worker threads that load
 *   dist/), and the runs at scale (500 works, NDL lists of 3,000 rows (30,000 in the bench), the 250-case fuzz of the front
 *   door). The fuzz needs no client, but at 7–15 s here it alone would be the unit tier's whole
 *   budget (15 s).
 * The tiers are folders, not vitest projects: projects ran one after the other, each in pools of
 * its own, and left a core idle at each end (63 s for the suite; one pool of both packs it tighter).
 */
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/clients/**/*.test.ts'],
    // vitest's default is one worker fewer than the cores: one on this 2-core machine. Most client
    // tests wait on another program (LibreOffice, poppler, a CLI process), so two files at a time
    // keep both cores busy: the suite took 135 s with one worker.
    maxWorkers: 2,
    // Files share a worker's modules: the 7.8 MB font is parsed and fontkit, pdf-lib and the
    // templates loaded once per worker instead of once per file (about 1 s each; 19 s of the
    // suite). Safe because the tests keep no state in shared modules (no mocks; each writes its own
    // temporary folder).
    isolate: false,
    pool: 'threads',
    globalSetup: ['test/temp-root.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
