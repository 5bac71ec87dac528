/** What `diagnose explain` does (src/cli/explain/declare.ts declares it). */
import {
  allCodes,
  explainCode,
  isFailureCode,
  type CodeExplanation,
} from '../../diagnose/explain.js';
import { EXPLANATIONS } from '../../diagnose/explanations.js';
import { clientsText, explainLog, type LogExplanation } from '../../diagnose/log-line.js';
import { ExitCode, UsageError } from '../../base/errors.js';
import { wrap } from '../../render/format.js';
import type { ExplainOptions } from './settings.js';
import type { Io } from '../io.js';
import { suggest } from '../usage.js';

/** Log text larger than this is refused (a pasted log, not a whole file system). */
const MAX_LOG_BYTES = 4 * 1024 * 1024;

export async function runExplain(
  options: ExplainOptions,
  io: Io,
  argv: readonly string[],
): Promise<ExitCode> {
  // One argument (a code, or quoted log text) or many (log text pasted without quotes).
  const words = options.code ?? [];
  const given = words.length > 0 ? words.join(' ') : undefined;
  // yargs reads a lone `-` as an empty positional: standard input.
  const code = (given === undefined || given === '') && argv.includes('-') ? '-' : given;
  if (options.list || code === undefined) {
    if (code !== undefined) throw new UsageError('explain: give a code or --list, not both');
    io.stdout(listText());
    return ExitCode.pass;
  }
  const explanation = explainCode(code.trim());
  if (explanation) {
    io.stdout(explanationText(explanation));
    return ExitCode.pass;
  }
  // Not a code: log text, or `-` for standard input.
  const text =
    code === '-' ? Buffer.from(await io.read('-', MAX_LOG_BYTES)).toString('utf8') : code;
  const found = explainLog(text);
  if (!found) {
    const word = code.trim();
    const guess = /^[a-z0-9-]+$/.test(word) ? suggest(word, allCodes()) : null;
    throw new UsageError(
      /^[a-z0-9-]+$/.test(word)
        ? `explain: ${JSON.stringify(code)} is not a code this tool reports; ${guess ? `did you mean ${guess}? ` : ''}see diagnose explain --list`
        : 'explain: no TLS or x509 error recognised in the text (give a code, or the log line that holds the error)',
    );
  }
  io.stdout(logText(found));
  return ExitCode.pass;
}

export function logText(found: LogExplanation): string {
  const out: string[] = [];
  for (const entry of found.recognised) {
    out.push(`Recognised  ${entry.matched}`);
    for (const { code, clients } of entry.codes)
      out.push(
        `  reason    ${code} — ${EXPLANATIONS[code].title}`,
        wrap(`printed by ${clientsText(clients)}`, '            '),
      );
  }
  if (found.go120)
    out.push(
      '',
      'Go ≥ 1.20: "tls: failed to verify certificate:" is crypto/tls wrapping the x509 error (CertificateVerificationError, Go 1.20); older Go logs the x509 text alone.',
    );
  if (found.contexts.length > 0) {
    out.push('', 'Logged by');
    for (const context of found.contexts)
      out.push(wrap(`${context.detail} [${context.component}] (${context.source})`, '  '));
  }
  if (found.components.length > 0) out.push('', `Component   ${found.components.join(', ')}`);
  if (found.causes.length > 0) {
    out.push('', 'Likely causes');
    for (const cause of found.causes) out.push(wrap(`- ${cause}`, '  '));
  }
  out.push('', 'Next', ...found.next.map((command) => `  $ ${command}`));
  return `${out.join('\n')}\n`;
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
