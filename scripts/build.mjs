// Bundles the CLI with esbuild so a run reads one file, not hundreds of modules.
// dist/cli.cjs is the CLI in one CommonJS file: bin/diagnose.js compiles it from the V8
// code cache recorded below, which is cheaper than loading many ES module chunks (each one
// resolved, read and compiled on its own). What only some runs need is imported
// dynamically inside the bundle, so it is evaluated only when used, or left beside it
// (dist/yargs.cjs, the packages in node_modules) so a plain run does not even read it.
// dist/batch-worker.js is the entry of batch worker threads. See docs/performance.md.
// dist/index.js is the library.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

// What the CLI bundle and the worker bundle share.
const shared = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  // The ES builds of @peculiar/* and asn1js let esbuild drop what is never used
  // (CMS, PKCS#12, CSR …), which their CommonJS builds do not. (The worker bundle takes
  // them in; the CLI bundle leaves them in node_modules.)
  mainFields: ['module', 'main'],
  // Less to parse on every start; the source map keeps stacks (--debug) readable.
  // (No keepNames: it wraps every function expression at creation, a cost in hot loops;
  // nothing here reads a function's or class's name.)
  minify: true,
  sourcemap: true,
  legalComments: 'none',
  logLevel: 'warning',
};

// A cache recorded for an earlier bundle must never meet a new one: V8 checks a cache
// against the source's length, not its contents.
rmSync('dist/cli.cjs.cache', { force: true });

// The function Node wraps a CommonJS module in, written into the bundle itself so the bin
// compiles the file's text as it is read: wrapping it at run time would copy half a
// megabyte once more on every start. "use strict" heads the body, as the modules are ES.
const WRAPPER = '(function (exports, require, module, __filename, __dirname) {"use strict";';
await build({
  ...shared,
  entryPoints: { cli: 'src/cli/main.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
  // Left out, they cost a plain run nothing to read or compile; a run that needs one
  // requires it: the YAML reader (YAML inputs), @peculiar/x509 with reflect-metadata
  // (generate, and certificates the DER reader declines), asn1js (the same), the streaming
  // JSON parser (batch). Each has a CommonJS build in node_modules. import() becomes
  // require(): a script compiled by node:vm cannot import() (bin/diagnose.js).
  external: ['yaml', '@peculiar/*', 'reflect-metadata', 'asn1js', '@streamparser/json'],
  supported: { 'dynamic-import': false },
  // yargs is ES modules only, so it is bundled on its own below (dist/yargs.cjs): only
  // what the fast argument path declines (--help, completion, mistakes) loads it.
  plugins: [
    {
      name: 'yargs-beside',
      setup: (context) =>
        context.onResolve({ filter: /^yargs$/ }, () => ({ path: './yargs.cjs', external: true })),
    },
  ],
  // ASCII only (esbuild escapes the rest), so the bin reads the bundle as Latin-1 bytes.
  charset: 'ascii',
  // src/cli/batch/pool.ts finds the worker beside the bundle.
  define: { 'import.meta.url': '__kubeTlsDoctorUrl' },
  banner: {
    js: `${WRAPPER}var __kubeTlsDoctorUrl = require('node:url').pathToFileURL(__filename).href;`,
  },
  footer: { js: '})' },
});
await build({
  ...shared,
  // module.exports is yargs itself: the CLI bundle reads an external CommonJS module's
  // default export as its module.exports.
  stdin: {
    contents: "import yargs from 'yargs';\nmodule.exports = yargs;",
    resolveDir: process.cwd(),
  },
  outfile: 'dist/yargs.cjs',
  format: 'cjs',
  charset: 'ascii',
  // yargs finds its own files (locales) from import.meta.url.
  define: { 'import.meta.url': '__yargsUrl' },
  banner: { js: "var __yargsUrl = require('node:url').pathToFileURL(__filename).href;" },
});
await build({
  ...shared,
  entryPoints: { 'batch-worker': 'src/cli/batch/worker.ts' },
  outdir: 'dist',
  format: 'esm',
  banner: {
    // Bundled CommonJS dependencies (yargs helpers, tslib users) still call require().
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
});

// The code cache, from the main job on the bundled seed certificate (what `npm start` runs):
// a verdict (exit 0 or 1) with nothing on stderr; anything else is a broken bundle.
const recorded = spawnSync(
  process.execPath,
  [
    'scripts/code-cache.mjs',
    'fixtures/seed/apiserver.crt',
    '--heapster-version',
    'v0.18',
    '--client',
    'all',
    '--at',
    '2015-11-04T12:00:00Z',
  ],
  { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' },
);
if (
  (recorded.status !== 0 && recorded.status !== 1) ||
  recorded.stderr !== '' ||
  !existsSync('dist/cli.cjs.cache')
) {
  rmSync('dist/cli.cjs.cache', { force: true });
  throw new Error(
    `the bundle failed on the seed certificate (exit ${recorded.status}): ${recorded.stderr}`,
  );
}

// The library entry (src/index.ts, `import … from 'kube-tls-doctor'`): one module, its
// dependencies left to the user's node_modules. Declarations come from
// tsconfig.build.json (`npm run build:types`), which this fast build leaves out.
await build({
  entryPoints: { index: 'src/index.ts' },
  outdir: 'dist',
  bundle: true,
  packages: 'external',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  legalComments: 'none',
  logLevel: 'warning',
});

// The ES module chunks and entry of earlier builds are never loaded again: remove them.
for (const name of readdirSync('dist')) {
  if (/^(chunk-.*|cli)\.js(\.map)?$/.test(name)) rmSync(join('dist', name));
}
