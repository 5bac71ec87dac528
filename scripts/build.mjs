// Bundles the CLI with esbuild so a run loads a few files, not hundreds of modules.
// Code splitting (ESM): dist/cli.js holds what every run needs; what only some runs
// need — other subcommands, live TLS, batch audits, yargs when the fast argument path
// suffices — sits in chunks loaded by dynamic import() when used. dist/batch-worker.js
// is the entry of batch worker threads. See docs/performance.md. dist/index.js is the library.
import { build } from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const result = await build({
  entryPoints: { cli: 'src/cli/main.ts', 'batch-worker': 'src/cli/batch/worker.ts' },
  outdir: 'dist',
  // Chunks sit beside the entries: modules find the worker as ./batch-worker.js.
  chunkNames: 'chunk-[hash]',
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // The ES builds of @peculiar/* and asn1js let esbuild drop what is never used
  // (CMS, PKCS#12, CSR …), which their CommonJS builds do not.
  mainFields: ['module', 'main'],
  // Less to parse on every start; the source map keeps stacks (--debug) readable.
  // (No keepNames: it wraps every function expression at creation, a cost in hot loops;
  // nothing here reads a function's or class's name.)
  minify: true,
  sourcemap: true,
  legalComments: 'none',
  banner: {
    // Bundled CommonJS dependencies (yargs helpers, tslib users) still call require().
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  logLevel: 'warning',
  metafile: true,
});

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

// Chunks of earlier builds are never loaded again: remove them.
const written = new Set(Object.keys(result.metafile.outputs).map((path) => join(path)));
for (const name of readdirSync('dist')) {
  const path = join('dist', name);
  if (/^chunk-.*\.js(\.map)?$/.test(name) && !written.has(path)) rmSync(path);
}
