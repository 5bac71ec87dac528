/** What `diagnose explain` does (src/cli/explain/declare.ts declares it). */
import {
  allCodes,
  explainCode,
  isFailureCode,
  type CodeExplanation,
} from '../../diagnose/explain.js';
import { EXPLANATIONS } from '../../diagnose/explanations.js';
import { ExitCode, UsageError } from '../../base/errors.js';
import { wrap } from '../../render/format.js';
import { booleanArg, stringArg, type Args } from '../command.js';
import type { Io } from '../io.js';

export function runExplain(args: Args, io: Io): ExitCode {
  const code = stringArg(args, 'code');
  if (booleanArg(args, 'list') || code === undefined) {
    if (code !== undefined) throw new UsageError('explain: give a code or --list, not both');
    io.stdout(listText());
    return ExitCode.pass;
  }
  const explanation = explainCode(code.trim());
  if (!explanation) {
    throw new UsageError(
      `explain: ${JSON.stringify(code)} is not a code this tool reports; see diagnose explain --list`,
    );
  }
  io.stdout(explanationText(explanation));
  return ExitCode.pass;
}

function listText(): string {
  const codes = allCodes();
  const width = Math.max(...codes.map((code) => code.length));
  const section = (title: string, selected: readonly string[]): string[] => [
    title,
    ...selected.map(
      (code) => `  ${code.padEnd(width)}  ${EXPLANATIONS[code as keyof typeof EXPLANATIONS].title}`,
    ),
  ];
  return `${[
    ...section('Reasons (why a client rejects the certificate)', codes.filter(isFailureCode)),
    '',
    ...section(
      'Findings (what the certificate and inputs show)',
      codes.filter((code) => !isFailureCode(code)),
    ),
    '',
    'diagnose explain <code> explains one in full.',
  ].join('\n')}\n`;
}

export function explanationText(e: CodeExplanation): string {
  const out = [`${e.code} — ${e.title}`, '', 'What it means', wrap(e.meaning, '  ')];
  if (e.when) out.push('', 'When it happens', wrap(e.when, '  '));
  if (e.words.length > 0) {
    out.push('', 'What each client says');
    for (const { clients, message } of e.words)
      out.push(`  ${clients.join(', ')}:`, `    ${message}`);
  } else if (e.kind === 'finding') {
    out.push(
      '',
      'What each client says',
      '  Nothing: this is what the tool observes, not a client error.',
    );
  }
  out.push(
    '',
    e.byComponent.length > 0 ? "How to fix it (the apiserver in Heapster's era)" : 'How to fix it',
    wrap(e.fix, '  '),
    ...(e.byComponent.length > 0
      ? [
          '',
          'By component (today’s clusters)',
          ...e.byComponent.flatMap(({ component, fix }) => [`  ${component}:`, wrap(fix, '    ')]),
        ]
      : []),
    '',
    'Sources',
    ...e.sources.map((source) => `  - ${source}`),
  );
  if (e.fixtures.length > 0) {
    out.push(
      '',
      'See it',
      ...e.fixtures.map((fixture) => `  fixtures/${fixture}/ (README.md, scenario.json)`),
    );
  }
  return `${out.join('\n')}\n`;
}
