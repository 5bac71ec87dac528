/**
 * The fast path for the common command line: `diagnose <file> --name … --client …`
 * parsed without loading yargs (a quarter of a cold start). It reads the default
 * command's own yargs declaration — the builder runs against a recorder — and handles
 * only what it can read without doubt: known long/short options with plain values.
 * Anything else (help, version, subcommands, `-`, `--`, unknown or repeated flags, an
 * array flag followed by a bare word, which yargs would take into the array) returns
 * null, and yargs parses as before. tests/cli/fast-args.test.ts holds the two equal.
 */
import type { Argv } from 'yargs';
import type { Args, Command } from './command.js';

export interface OptionSpec {
  readonly name: string;
  readonly aliases: readonly string[];
  readonly type: 'string' | 'number' | 'boolean';
  readonly array: boolean;
  readonly choices: readonly unknown[] | undefined;
  readonly default: unknown;
}

interface Declaration {
  readonly options: readonly OptionSpec[];
  readonly positionals: readonly { readonly name: string; readonly required: boolean }[];
}

/** Option settings the fast path understands; any other setting sends the line to yargs. */
const PLAIN_SETTINGS = new Set([
  'alias',
  'type',
  'array',
  'choices',
  'default',
  'describe',
  'description',
  'desc',
  'hidden',
  'group',
]);

export function fastParse(
  argv: readonly string[],
  commands: readonly Command[],
  globals: readonly OptionSpec[],
): { readonly command: Command; readonly args: Args } | null {
  const command = commands.at(-1);
  if (!command || typeof command.command !== 'string' || !command.command.startsWith('$0')) {
    return null;
  }
  const otherNames = new Set(
    commands
      .slice(0, -1)
      .flatMap((other) =>
        (typeof other.command === 'string' ? [other.command] : other.command).map(
          (text) => text.split(' ')[0] ?? '',
        ),
      ),
  );
  if (argv.some((token) => otherNames.has(token))) return null;
  const declaration = declare(command);
  if (!declaration) return null;
  const args = parse(argv, [...declaration.options, ...globals], declaration.positionals);
  return args ? { command, args } : null;
}

function declare(command: Command): Declaration | null {
  const options: OptionSpec[] = [];
  let supported = true;
  const record = (name: string, settings: Record<string, unknown> = {}): OptionSpec | null => {
    if (Object.keys(settings).some((key) => !PLAIN_SETTINGS.has(key))) return null;
    const type = settings['type'];
    if (type !== 'string' && type !== 'number' && type !== 'boolean' && type !== undefined) {
      return null;
    }
    const alias = settings['alias'];
    const choices = settings['choices'];
    return {
      name,
      aliases:
        typeof alias === 'string' ? [alias] : Array.isArray(alias) ? (alias as string[]) : [],
      // yargs treats an untyped option with choices as a string.
      type: type ?? 'string',
      array: settings['array'] === true,
      choices: Array.isArray(choices) ? (choices as unknown[]) : undefined,
      default: settings['default'],
    };
  };
  const positionalSpecs = new Map<string, OptionSpec>();
  const recorder: unknown = new Proxy(
    {},
    {
      get(_target, property) {
        if (property === 'option' || property === 'positional') {
          return (name: string, settings?: Record<string, unknown>) => {
            const spec = record(name, settings);
            if (!spec) supported = false;
            else if (property === 'option') options.push(spec);
            else positionalSpecs.set(name, spec);
            return recorder;
          };
        }
        return () => {
          supported = false;
          return recorder;
        };
      },
    },
  );
  command.builder(recorder as Argv);
  if (!supported) return null;
  const positionals: { name: string; required: boolean }[] = [];
  for (const word of (command.command as string).split(' ').slice(1)) {
    const match = /^([<[])([\w-]+)[\]>]$/.exec(word);
    if (!match) return null; // variadic and other forms: yargs
    const spec = positionalSpecs.get(match[2] ?? '');
    if (spec && (spec.type !== 'string' || spec.array || spec.default !== undefined)) return null;
    positionals.push({ name: match[2] ?? '', required: match[1] === '<' });
  }
  return { options, positionals };
}

function parse(
  argv: readonly string[],
  options: readonly OptionSpec[],
  positionals: Declaration['positionals'],
): Args | null {
  const byName = new Map<string, OptionSpec>();
  for (const spec of options) {
    for (const name of [spec.name, ...spec.aliases]) {
      if (byName.has(name)) return null;
      byName.set(name, spec);
    }
  }
  const values = new Map<OptionSpec, unknown>();
  const words: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i] ?? '';
    if (token === '-' || token === '--' || token === '') return null;
    if (!token.startsWith('-')) {
      words.push(token);
      continue;
    }
    let name: string;
    let inline: string | undefined;
    if (token.startsWith('--')) {
      const equals = token.indexOf('=');
      name = equals < 0 ? token.slice(2) : token.slice(2, equals);
      inline = equals < 0 ? undefined : token.slice(equals + 1);
    } else if (token.length === 2) {
      name = token.slice(1);
    } else {
      return null; // -abc, -n=x, negative numbers: yargs
    }
    let spec = byName.get(name);
    let negated = false;
    if (!spec && name.startsWith('no-') && inline === undefined) {
      spec = byName.get(name.slice(3));
      negated = spec?.type === 'boolean';
      if (!negated) return null;
    }
    if (!spec || (values.has(spec) && !spec.array)) return null;
    if (spec.type === 'boolean') {
      if (inline !== undefined || spec.array) return null;
      const next = argv[i + 1];
      if (next === 'true' || next === 'false') return null;
      values.set(spec, !negated);
      continue;
    }
    let text = inline;
    if (text === undefined) {
      text = argv[i + 1];
      if (text === undefined || text === '' || text.startsWith('-')) return null;
      i++;
    }
    if (text === '') return null;
    let value: unknown = text;
    if (spec.type === 'number') {
      if (!/^\d+(\.\d+)?$/.test(text)) return null;
      value = Number(text);
    }
    if (spec.choices && !spec.choices.includes(value)) return null;
    if (spec.array) {
      // yargs keeps reading bare words into an array option: leave that to it.
      const after = argv[i + 1];
      if (after !== undefined && !after.startsWith('-')) return null;
      values.set(spec, [...((values.get(spec) as unknown[] | undefined) ?? []), value]);
    } else {
      values.set(spec, value);
    }
  }
  if (words.length > positionals.length) return null;
  if (positionals.some((positional, index) => positional.required && words[index] === undefined)) {
    return null;
  }

  const args: Record<string, unknown> = { _: [], $0: 'diagnose' };
  const put = (name: string, value: unknown): void => {
    args[name] = value;
    const camel = name.replace(/-([a-z])/g, (_match, letter: string) => letter.toUpperCase());
    if (camel !== name) args[camel] = value;
  };
  for (const spec of options) {
    const value = values.has(spec) ? values.get(spec) : spec.default;
    if (value === undefined) continue;
    for (const name of [spec.name, ...spec.aliases]) put(name, value);
  }
  positionals.forEach((positional, index) => {
    const word = words[index];
    if (word !== undefined) put(positional.name, word);
  });
  return args;
}
