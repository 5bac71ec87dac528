/** What `explain`'s declaration and its run share: the arguments and their types. */
import type { Parsed } from '../command.js';

export const EXPLAIN_POSITIONALS = {
  /** A code, or log text: one quoted argument or many words pasted without quotes. */
  code: {
    type: 'string',
    array: true,
    describe:
      "a code from a report, e.g. unknown-authority; or log text holding a TLS error, e.g. 'failed calling webhook …: x509: …'; - reads it from stdin",
  },
} as const;

export const EXPLAIN_OPTIONS = {
  list: { type: 'boolean', default: false, describe: 'list every code' },
} as const;

export type ExplainOptions = Parsed<typeof EXPLAIN_POSITIONALS> & Parsed<typeof EXPLAIN_OPTIONS>;
