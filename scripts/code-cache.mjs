// Records the V8 code cache bin/diagnose.js compiles dist/cli.cjs from:
//   node scripts/code-cache.mjs <diagnose arguments…>
// runs the bundle exactly as the bin does (the same text, which holds its own module
// wrapper, and the same file name, so V8 accepts the cache there) and, when the run is over, writes what V8 compiled for it — the functions the
// run used included — to dist/cli.cjs.cache. scripts/build.mjs calls it after every bundle.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

const file = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'cli.cjs');
const script = new Script(readFileSync(file, 'latin1'), {
  filename: file,
});
process.on('exit', () => writeFileSync(`${file}.cache`, script.createCachedData()));
const module = { exports: {} };
script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file));
