/**
 * run(argv, io) → exit code: the process boundary. The one place that catches: our
 * own errors become one line on stderr (exit 2); anything else is a bug (exit 3).
 */
import { ExitCode, InputError, UsageError } from '../base/errors.js';
import { parseArgs } from './args.js';
import type { Io } from './io.js';
import { COMMANDS } from './commands.js';
import { commandName } from './declaration.js';
import { firstWord, suggest } from './usage.js';

export async function run(argv: readonly string[], io: Io): Promise<ExitCode> {
  try {
    await checkCommandWord(argv, io);
    const parsed = await parseArgs(argv, { columns: io.terminalColumns?.('stdout') });
    if (parsed.kind === 'text') {
      io.stdout(parsed.text);
      return ExitCode.pass;
    }
    return await parsed.command.run(parsed.args, io, argv, COMMANDS);
  } catch (error) {
    return reportError(
      error,
      io,
      argv.includes('--debug') || (io.env['DEBUG'] ?? '').includes('kube-tls-doctor'),
    );
  }
}

/**
 * `diagnose explian …` reads `explian` as a certificate file; when no such file exists
 * and the word is a typo of a command, say so rather than "no such file".
 */
async function checkCommandWord(argv: readonly string[], io: Io): Promise<void> {
  const word = firstWord(argv, COMMANDS);
  if (word === undefined || !/^[a-z][a-z-]*$/.test(word)) return;
  const names = COMMANDS.map(commandName).filter((name) => name !== '');
  if (names.includes(word)) return;
  const guess = suggest(word, names);
  if (!guess) return;
  const kind = io.pathKind ? await io.pathKind(word) : 'missing';
  if (kind === 'missing') {
    throw new UsageError(`${word}: no such file or command; did you mean diagnose ${guess}?`);
  }
}

function reportError(error: unknown, io: Io, debug: boolean): ExitCode {
  if (error instanceof InputError || error instanceof UsageError) {
    io.stderr(`diagnose: ${oneLine(error.message)}\n`);
    return ExitCode.input;
  }
  const detail = error instanceof Error ? error.message : String(error);
  io.stderr(
    `diagnose: internal error: ${oneLine(detail)} — please report it with the command you ran (--debug shows the stack)\n`,
  );
  if (debug && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
  return ExitCode.internal;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
