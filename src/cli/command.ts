/**
 * A subcommand: its yargs declaration, how its parsed arguments become options, and
 * what it does with them. `run` (src/cli/run.ts) wires every command into one parser.
 *
 * Each command declares its positionals and flags once, as const records
 * (src/cli/<command>/settings.ts); `defineCommand` hands them to yargs in that order, and
 * the command's run receives them typed as yargs infers them. The help, the usage checks,
 * completion and the fast path read the same declaration (src/cli/declaration.ts), so
 * no flag is named by string twice.
 */
import type { Argv, InferredOptionTypes, Options, PositionalOptions } from 'yargs';
import type { ExitCode } from '../base/errors.js';
import type { Io } from './io.js';

/** What a parser hands a command: the flags by name (yargs' shape, or fast-args.ts'). */
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

/** A command's flags (or positionals), declared as a const record of yargs settings. */
export type OptionRecord = Readonly<Record<string, Options>>;
export type PositionalRecord = Readonly<Record<string, PositionalOptions & Options>>;

/** The values a record's flags parse to, typed as yargs infers them from the settings. */
export type Parsed<Record extends OptionRecord> = Readonly<InferredOptionTypes<Record>>;

export function defineCommand<
  const Positionals extends PositionalRecord,
  const Flags extends OptionRecord,
>(spec: {
  /** yargs command string; its positionals are the keys of `positionals`, in order. */
  readonly command: string;
  readonly describe: string;
  readonly positionals: Positionals;
  readonly options: Flags;
  readonly run: (
    options: Parsed<Positionals> & Parsed<Flags>,
    io: Io,
    argv: readonly string[],
    commands: readonly Command[],
  ) => Promise<ExitCode>;
}): Command {
  return {
    command: spec.command,
    describe: spec.describe,
    builder: (yargs: Argv) => {
      let declared = yargs;
      for (const [name, settings] of Object.entries(spec.positionals)) {
        declared = declared.positional(name, settings);
      }
      for (const [name, settings] of Object.entries(spec.options)) {
        declared = declared.option(name, settings);
      }
      return declared;
    },
    // Both parsers build `args` from exactly these declarations (yargs through the builder,
    // fast-args.ts by reading it), and usage.ts refuses a single-valued flag given twice,
    // so the values have the declared types: this is the one place that says so.
    run: (args, io, argv, commands) =>
      spec.run(args as Parsed<Positionals> & Parsed<Flags>, io, argv, commands),
  };
}
