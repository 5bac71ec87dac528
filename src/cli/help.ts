/**
 * `--help`, written from the commands' own declarations (src/cli/declaration.ts) without
 * loading the parser: short, grouped in the order a user needs (what to check, names, CA,
 * client, output; live checks and the rest last), one line per flag where the terminal
 * allows.
 */
import { wrap } from '../render/format.js';
import type { Command } from './command.js';
import {
  commandName,
  declaration,
  GLOBAL_DECLARED,
  type Declaration,
  type DeclaredOption,
} from './declaration.js';

const EXIT_CODES =
  'Exit codes: 0 pass, 1 fail, 2 usage or input error, 3 internal error, 4 names pass but trust was not checked (no --ca).';

export function helpText(command: Command, commands: readonly Command[], columns = 80): string {
  const width = Math.max(60, Math.min(columns, 100));
  const declared = declaration(command);
  const main = declared.name === '';
  const positionals = declared.positionals
    .map((p) => (p.variadic ? `<${p.name}…>` : main ? `[${p.name}]` : `[${p.name}]`))
    .join(' ');
  const usage = main
    ? [`Usage: diagnose ${positionals} [options]`, '       diagnose <command> [options]']
    : [`Usage: diagnose ${declared.name} ${positionals} [options]`.replace(/ {2,}/g, ' ')];
  const lines = [...usage, '', wrap(capitalise(declared.describe), '', width)];
  const column = Math.min(
    28,
    Math.max(...[...declared.options, ...GLOBAL_DECLARED].map((o) => flagText(o).length + 4)),
  );
  const rows: { group: string; left: string; right: string }[] = [];
  for (const p of declared.positionals) {
    if (p.describe)
      rows.push({ group: main ? 'Input' : 'Arguments', left: `<${p.name}>`, right: p.describe });
  }
  for (const o of [...declared.options, ...GLOBAL_DECLARED]) {
    if (!o.hidden)
      rows.push({ group: o.group ?? 'Options', left: flagText(o), right: describe(o) });
  }
  // Groups in the order they are first declared, the general ones last.
  const order = [...new Set(rows.map((row) => row.group))].sort(
    (a, b) => Number(a === 'Options' || a === 'Other') - Number(b === 'Options' || b === 'Other'),
  );
  for (const group of order) {
    lines.push('', group);
    for (const row of rows.filter((r) => r.group === group))
      lines.push(entry(row.left, row.right, column, width));
  }
  if (main) {
    lines.push('', 'Commands');
    const others = commands.filter((other) => other !== command);
    for (const other of others)
      lines.push(entry(commandName(other), other.describe, column, width));
    lines.push(
      '',
      wrap(
        `${EXIT_CODES} diagnose <command> --help shows a command's options; diagnose explain --list every reason a report gives.`,
        '',
        width,
      ),
    );
  }
  return `${lines.join('\n')}\n`;
}

function entry(left: string, right: string, column: number, width: number): string {
  const lead = `  ${left}`;
  const body = wrap(right, ' '.repeat(column), width);
  if (lead.length + 2 <= column) return `${lead.padEnd(column)}${body.slice(column)}`;
  return `${lead}\n${body}`;
}

function flagText(o: DeclaredOption): string {
  const short = o.aliases.find((alias) => alias.length === 1);
  const long = o.type === 'boolean' && o.default === true ? `--no-${o.name}` : `--${o.name}`;
  const value =
    o.type === 'boolean'
      ? ''
      : o.choices
        ? ` ${o.choices.join('|')}`
        : ` ${o.type === 'number' ? 'N' : valueWord(o.name)}`;
  return `${short ? `-${short}, ` : '    '}${long}${value}`;
}

function valueWord(name: string): string {
  if (/dir$|^out$/.test(name)) return 'DIR';
  if (['ca', 'kubeconfig'].includes(name)) return 'FILE';
  if (name === 'at') return 'TIME';
  if (['context', 'sni', 'host'].includes(name)) return 'NAME';
  return (name.split('-').at(-1) ?? name).toUpperCase();
}

function describe(o: DeclaredOption): string {
  const shown =
    o.default !== undefined && o.default !== false && o.default !== true && o.default !== ''
      ? ` (default ${typeof o.default === 'string' || typeof o.default === 'number' ? o.default : JSON.stringify(o.default)})`
      : '';
  return /\(default/.test(o.describe) ? o.describe : `${o.describe}${shown}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1) + (text.endsWith('.') ? '' : '.');
}

export type { Declaration };
