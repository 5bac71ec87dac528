/**
 * Usage mistakes caught before parsing, each as one line: a flag that needs a value and
 * has none (yargs would take `--name --client go` as an empty name and check the
 * defaults instead), a flag no command knows, with the nearest one it might mean, and a
 * single-valued flag given twice.
 */
import { UsageError } from '../base/errors.js';
import type { Command } from './command.js';
import {
  commandName,
  declaration,
  GLOBAL_DECLARED,
  type Declaration,
  type DeclaredOption,
} from './declaration.js';

/** The subcommand a command line runs: the first word that names one, else the default. */
export function selectCommand(argv: readonly string[], commands: readonly Command[]): Command {
  const fallback = commands.at(-1);
  if (!fallback) throw new Error('no commands declared');
  const word = firstWord(argv, commands);
  return commands.find((command) => commandName(command) === word) ?? fallback;
}

/** The first word of a command line that is not a flag or a flag's value. */
export function firstWord(
  argv: readonly string[],
  commands: readonly Command[],
): string | undefined {
  const fallback = commands.at(-1);
  const defaults = fallback
    ? optionsByName(declaration(fallback))
    : new Map<string, DeclaredOption>();
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i] ?? '';
    if (token === '--') break;
    if (token.startsWith('-') && token !== '-') {
      const spec = defaults.get(flagName(token));
      if (spec && spec.type !== 'boolean' && !token.includes('=')) i++;
      continue;
    }
    return token;
  }
  return undefined;
}

export function checkUsage(argv: readonly string[], command: Command): void {
  const declared = declaration(command);
  const byName = optionsByName(declared);
  // yargs turns a single-valued flag given twice into an array of both values, which no
  // command's typed options can hold (src/cli/command.ts): say so instead.
  const given = new Set<DeclaredOption>();
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i] ?? '';
    if (token === '--') return;
    if (!token.startsWith('-') || token === '-' || /^-\d/.test(token)) continue;
    // -abc (several short flags) is left to the parser.
    if (!token.startsWith('--') && token.length > 2) continue;
    const name = flagName(token);
    const spec = byName.get(name) ?? negated(byName, name);
    if (!spec) {
      const guess = suggest(
        name,
        [...byName.values()].map((known) => known.name),
      );
      const where = declared.name === '' ? '' : ` for ${declared.name}`;
      throw new UsageError(
        `unknown option ${token.split('=')[0]}${where}${guess ? `; did you mean --${guess}?` : ''} (diagnose ${declared.name === '' ? '' : `${declared.name} `}--help lists them)`,
      );
    }
    if (spec.type === 'boolean') continue;
    if (!spec.array) {
      if (given.has(spec)) throw new UsageError(`--${spec.name} given twice; give it once`);
      given.add(spec);
    }
    if (token.includes('=')) continue;
    const next = argv[i + 1];
    const isValue =
      next !== undefined &&
      (next === '-' ||
        next === '' ||
        !next.startsWith('-') ||
        (spec.type === 'number' && /^-\d/.test(next)));
    if (!isValue) {
      const what = spec.choices
        ? spec.choices.join('|')
        : spec.type === 'number'
          ? 'a number'
          : 'a value';
      throw new UsageError(`${token} needs ${what}`);
    }
    i++;
  }
}

function flagName(token: string): string {
  const bare = token.replace(/^--?/, '');
  const equals = bare.indexOf('=');
  return equals < 0 ? bare : bare.slice(0, equals);
}

function negated(
  byName: ReadonlyMap<string, DeclaredOption>,
  name: string,
): DeclaredOption | undefined {
  if (!name.startsWith('no-')) return undefined;
  const spec = byName.get(name.slice(3));
  return spec?.type === 'boolean' ? spec : undefined;
}

function optionsByName(declared: Declaration): ReadonlyMap<string, DeclaredOption> {
  const known = byDeclaration.get(declared);
  if (known) return known;
  const byName = new Map<string, DeclaredOption>();
  for (const spec of [...declared.options, ...GLOBAL_DECLARED]) {
    for (const name of [spec.name, ...spec.aliases]) byName.set(name, spec);
    // yargs accepts the camelCase spelling of every dashed flag.
    byName.set(
      spec.name.replace(/-([a-z])/g, (_m, letter: string) => letter.toUpperCase()),
      spec,
    );
  }
  byDeclaration.set(declared, byName);
  return byName;
}

const byDeclaration = new WeakMap<Declaration, ReadonlyMap<string, DeclaredOption>>();

/**
 * The candidate nearest to `word` (Damerau–Levenshtein: a swapped pair of letters is one
 * typo), when it is near enough to be a typo of it: at most 2 edits, and fewer than half
 * the word's letters.
 */
export function suggest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  const limit = Math.min(2, Math.floor((word.length - 1) / 2));
  return bestDistance <= limit ? best : undefined;
}

function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = d[i] as number[];
      const above = d[i - 1] as number[];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min((above[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (above[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        row[j] = Math.min(row[j] ?? 0, ((d[i - 2] as number[])[j - 2] ?? 0) + 1);
      }
    }
  }
  return (d[a.length] as number[])[b.length] ?? 0;
}
