#!/usr/bin/env node
'use strict';
// The CLI is one CommonJS bundle, dist/cli.cjs, made by `npm run build` (run on install by
// `prepare`) with a V8 code cache beside it, dist/cli.cjs.cache, recorded by the build from a
// run of the main job (scripts/code-cache.mjs). Compiling from the cache instead of the
// source is most of what separates a cold start from Node's own; when V8 declines the cache
// (another Node version, other flags) the source is compiled as usual. Nothing is written.
// This file is CommonJS (bin/package.json): Node starts a CommonJS entry sooner than a module.
const { readFileSync } = require('node:fs');
const Module = require('node:module');
const { join } = require('node:path');
const { Script } = require('node:vm');

globalThis[Symbol.for('kube-tls-doctor.started')] = performance.now();
const dist = join(__dirname, '..', 'dist');
const file = join(dist, 'cli.cjs');
let cachedData;
try {
  cachedData = readFileSync(`${file}.cache`);
} catch {
  // No cache: compile the source.
}
const script = new Script(Module.wrap(readFileSync(file, 'latin1')), {
  filename: file,
  cachedData,
});
const module_ = { exports: {} };
script.runInThisContext()(module_.exports, Module.createRequire(file), module_, file, dist);
