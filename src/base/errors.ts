/**
 * The tool's own failures, as opposed to verification findings (which are data).
 * Every error the CLI can print on purpose is one of these; anything else is a bug
 * and maps to exit code 3.
 */

/** Input that cannot be read or parsed: exit code 2, one line on stderr. */
export class InputError extends Error {
  override readonly name = 'InputError';
  constructor(
    /** What was being read: a path, `-` for stdin, or a flag name. */
    readonly source: string,
    /** What is wrong with it, in plain words, never containing secret material. */
    readonly problem: string,
  ) {
    super(`${source}: ${problem}`);
  }
}

/** Flags or arguments that do not make sense together: exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const ExitCode = {
  pass: 0,
  fail: 1,
  input: 2,
  internal: 3,
  /** The names pass but trust was not checked (a CA-signed certificate, no --ca): never a pass. */
  unchecked: 4,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
