#!/usr/bin/env node
'use strict';
// The CLI is one CommonJS bundle, dist/cli.cjs, made by `npm run build` (run on install by
// `prepare`) with a V8 code cache beside it, dist/cli.cjs.cache, recorded by the build from a
// run of the main job (scripts/code-cache.mjs). Compiling from the cache instead of the
// source is most of what separates a cold start from Node's own; when V8 declines the cache
// (another Node version, other flags) the source is compiled as usual. Nothing is written.
// This file is CommonJS (bin/package.json): Node starts a CommonJS entry sooner than a module.
const { readFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { join } = require('node:path');
const { Script } = require('node:vm');

// Milliseconds since the process started, for KUBE_TLS_DOCTOR_PHASES (src/cli/phases.ts).
globalThis[Symbol.for('kube-tls-doctor.started')] = process.uptime() * 1000;
const dist = join(__dirname, '..', 'dist');
const file = join(dist, 'cli.cjs');
let cachedData;
try {
  cachedData = readFileSync(`${file}.cache`);
} catch {
  // No cache: compile the source.
}
// The bundle's text is the module wrapper function itself (scripts/build.mjs).
const script = new Script(readFileSync(file, 'latin1'), {
  filename: file,
  cachedData,
});
// For KUBE_TLS_DOCTOR_PHASES too: whether V8 took the cache (tests/e2e/bin.test.ts asks).
globalThis[Symbol.for('kube-tls-doctor.code-cache')] =
  cachedData === undefined ? 'absent' : script.cachedDataRejected ? 'rejected' : 'accepted';
const module_ = { exports: {} };
script.runInThisContext()(module_.exports, createRequire(file), module_, file, dist);
