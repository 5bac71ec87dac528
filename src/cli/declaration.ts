/**
 * A command's flags as its yargs declaration states them, read without yargs: the
 * builder runs against a recorder. The help, the usage checks (missing values, unknown
 * flags) and shell completion all read this, so they cannot drift from the parser.
 */
import type { Argv } from 'yargs';
import type { Command } from './command.js';

export interface DeclaredOption {
  readonly name: string;
  readonly aliases: readonly string[];
  readonly type: 'string' | 'number' | 'boolean';
  readonly array: boolean;
  readonly choices: readonly string[] | undefined;
  readonly default: unknown;
  readonly describe: string;
  readonly group: string | undefined;
  readonly hidden: boolean;
}

export interface DeclaredPositional {
  readonly name: string;
  readonly describe: string;
  readonly variadic: boolean;
}

export interface Declaration {
  /** The command's name (`batch`), or '' for the default command. */
  readonly name: string;
  readonly describe: string;
  readonly options: readonly DeclaredOption[];
  readonly positionals: readonly DeclaredPositional[];
}

/** Options every command takes (the parser in args.ts declares them). */
export const GLOBAL_DECLARED: readonly DeclaredOption[] = [
  option('help', { alias: 'h', type: 'boolean', describe: 'this help' }),
  option('version', { type: 'boolean', describe: 'the version' }),
  option('debug', { type: 'boolean', describe: 'print the stack of an internal error' }),
].map((declared) => ({ ...declared, group: 'Other' }));

export function commandName(command: Command): string {
  const text = typeof command.command === 'string' ? command.command : (command.command[0] ?? '');
  const first = text.split(' ')[0] ?? '';
  return first === '$0' ? '' : first;
}

export function declaration(command: Command): Declaration {
  let declared = declarations.get(command);
  if (!declared) {
    declared = declare(command);
    declarations.set(command, declared);
  }
  return declared;
}

/** A run asks for its command's declaration more than once (the usage checks, the help). */
const declarations = new WeakMap<Command, Declaration>();

function declare(command: Command): Declaration {
  const options: DeclaredOption[] = [];
  const positionalDescriptions = new Map<string, string>();
  const recorder: unknown = new Proxy(
    {},
    {
      get(_target, property) {
        if (property === 'option' || property === 'positional') {
          return (name: string, settings: Record<string, unknown> = {}) => {
            if (property === 'option') options.push(option(name, settings));
            else positionalDescriptions.set(name, textOf(settings['describe']));
            return recorder;
          };
        }
        // .check(), .conflicts() …: nothing the help or the checks need.
        return () => recorder;
      },
    },
  );
  command.builder(recorder as Argv);
  const text = typeof command.command === 'string' ? command.command : (command.command[0] ?? '');
  const positionals = text
    .split(' ')
    .slice(1)
    .map((word) => /^[<[]([\w-]+)(\.\.)?[\]>]$/.exec(word))
    .filter((match) => match !== null)
    .map((match) => ({
      name: match[1] ?? '',
      describe: positionalDescriptions.get(match[1] ?? '') ?? '',
      variadic: match[2] !== undefined,
    }));
  return { name: commandName(command), describe: command.describe, options, positionals };
}

function option(name: string, settings: Record<string, unknown>): DeclaredOption {
  const alias = settings['alias'];
  const type = settings['type'];
  const choices = settings['choices'];
  return {
    name,
    aliases: typeof alias === 'string' ? [alias] : Array.isArray(alias) ? (alias as string[]) : [],
    type: type === 'number' || type === 'boolean' ? type : 'string',
    array: settings['array'] === true,
    choices: Array.isArray(choices) ? choices.map(String) : undefined,
    default: settings['default'],
    describe: textOf(settings['describe'] ?? settings['description'] ?? settings['desc']),
    group: typeof settings['group'] === 'string' ? settings['group'] : undefined,
    hidden: settings['hidden'] === true,
  };
}

function textOf(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
