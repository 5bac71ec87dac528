#!/usr/bin/env node
// The CLI is bundled into dist/cli.js by `npm run build` (run on install by `prepare`).
await import('../dist/cli.js');
