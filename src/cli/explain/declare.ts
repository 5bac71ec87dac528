/**
 * `diagnose explain <code>` prints the long explanation of a reason or finding code
 * (src/diagnose/explain.ts); `diagnose explain --list` lists every code.
 */
import { defineCommand } from '../command.js';
import { EXPLAIN_OPTIONS, EXPLAIN_POSITIONALS } from './settings.js';

export const explainCommand = defineCommand({
  command: 'explain [code..]',
  describe: 'explain a code in full (--list: every code), or the TLS error in a pasted log line',
  positionals: EXPLAIN_POSITIONALS,
  options: EXPLAIN_OPTIONS,
  // The explanations are loaded only when this command runs (src/cli/explain/run.ts).
  run: async (options, io, argv) => (await import('./run.js')).runExplain(options, io, argv),
});
