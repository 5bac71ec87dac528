/** What `explain`'s declaration and its run share: the flags and their types. */
import type { InferredOptionTypes } from 'yargs';

export const EXPLAIN_OPTIONS = {
  list: { type: 'boolean', default: false, describe: 'list every code' },
} as const;

export type ExplainOptions = Readonly<InferredOptionTypes<typeof EXPLAIN_OPTIONS>> & {
  /** A code, or log text: one quoted argument or many words pasted without quotes. */
  readonly code?: readonly string[] | undefined;
};
