/**
 * `diagnose explain <code>` prints the long explanation of a reason or finding code
 * (src/diagnose/explain.ts); `diagnose explain --list` lists every code.
 */
import type { Argv } from 'yargs';
import type { Command } from '../command.js';
import { EXPLAIN_OPTIONS, type ExplainOptions } from './settings.js';

export const explainCommand: Command = {
  command: 'explain [code..]',
  describe: 'explain a code in full (--list: every code), or the TLS error in a pasted log line',
  builder: (yargs: Argv) =>
    yargs
      .positional('code', {
        type: 'string',
        array: true,
        describe:
          "a code from a report, e.g. unknown-authority; or log text holding a TLS error, e.g. 'failed calling webhook …: x509: …'; - reads it from stdin",
      })
      .option('list', EXPLAIN_OPTIONS.list),
  // The explanations are loaded only when this command runs (src/cli/explain/run.ts).
  // The parser built the arguments from EXPLAIN_OPTIONS, so they have its types.
  run: async (args, io, argv) =>
    (await import('./run.js')).runExplain(args as ExplainOptions, io, argv),
};
