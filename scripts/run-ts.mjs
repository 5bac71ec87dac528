// Runs a TypeScript script of this repository: bundles it with esbuild into a
// temporary file and imports it. Usage: node scripts/run-ts.mjs scripts/x.ts [args…]
// @peculiar/x509 needs the Reflect metadata API before any bundled module loads.
import 'reflect-metadata';
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

// Modules that find files beside themselves (import.meta.url) keep their own location
// rather than the bundle's.
const keepImportMetaUrl = {
  name: 'keep-import-meta-url',
  setup(builder) {
    builder.onLoad({ filter: /\.ts$/ }, (args) => ({
      contents: readFileSync(args.path, 'utf8').replaceAll(
        'import.meta.url',
        JSON.stringify(pathToFileURL(args.path).href),
      ),
      loader: 'ts',
    }));
  },
};

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error('usage: node scripts/run-ts.mjs <script.ts> [args…]');
  process.exit(2);
}
// Inside node_modules so the bundle's external imports resolve from the project.
const cache = resolve('node_modules/.cache/kube-tls-doctor');
mkdirSync(cache, { recursive: true });
const dir = mkdtempSync(join(cache, 'run-'));
const outfile = join(dir, 'script.mjs');
try {
  await build({
    entryPoints: [resolve(entry)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
    plugins: [keepImportMetaUrl],
  });
  process.argv = [process.argv[0], resolve(entry), ...args];
  await import(pathToFileURL(outfile).href);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
