/**
 * A subcommand: its yargs declaration, how its parsed arguments become options, and
 * what it does with them. `run` (src/cli/run.ts) wires every command into one parser.
 */
import type { Argv } from 'yargs';
import type { ExitCode } from '../base/errors.js';
import type { Io } from './io.js';

export type Args = Readonly<Record<string, unknown>>;

export interface Command {
  /** yargs command string, e.g. `explain [code]`; `$0 …` for the default command. */
  readonly command: string | readonly string[];
  readonly describe: string;
  readonly builder: (yargs: Argv) => Argv;
  /**
   * Runs the command; `argv` is the raw command line (for the odd flag yargs loses);
   * `commands` every command there is (for completion, which lists them).
   */
  readonly run: (
    args: Args,
    io: Io,
    argv: readonly string[],
    commands: readonly Command[],
  ) => Promise<ExitCode>;
}

export function stringArg(args: Args, name: string): string | undefined {
  const value = args[name];
  return typeof value === 'string' ? value : undefined;
}

export function stringsArg(args: Args, name: string): string[] {
  const value = args[name];
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return typeof value === 'string' ? [value] : [];
}

export function booleanArg(args: Args, name: string): boolean {
  return args[name] === true;
}

export function numberArg(args: Args, name: string): number | undefined {
  const value = args[name];
  return typeof value === 'number' ? value : undefined;
}
