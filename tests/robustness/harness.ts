/**
 * Runs one command line through `run(argv, io)` with an in-memory Io whose write and
 * network entry points are spies, and checks the promises every run must keep, whatever
 * the input: it returns 0, 1 or 2 (3 is a crash); exit 2 is exactly one stderr line
 * naming an input, with no stack; and nothing is written and nothing is dialled.
 */
import { run } from '../../src/cli/run.js';
import { InputError } from '../../src/base/errors.js';
import type { TlsHandshake } from '../../src/live/types.js';
import { fakeIo } from '../helpers/fake-io.js';

export interface Outcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** Files the run tried to write, dials it tried to make. */
  readonly writes: readonly string[];
  readonly dials: readonly string[];
}

export async function runCase(
  argv: readonly string[],
  files: Readonly<Record<string, string | Uint8Array>>,
  env: Record<string, string> = {},
): Promise<Outcome> {
  const writes: string[] = [];
  const dials: string[] = [];
  const handshake: TlsHandshake = (request) => {
    dials.push(`${request.host}:${request.port}`);
    return Promise.reject(new InputError(request.host, 'connection refused (robustness test)'));
  };
  const io = {
    ...fakeIo({ ...files }, { env, tlsHandshake: handshake }),
    write: (written: readonly { readonly path: string }[]) => {
      writes.push(...written.map((file) => file.path));
      return Promise.resolve();
    },
  };
  const code = await run(argv, io);
  return { code, stdout: io.out(), stderr: io.err(), writes, dials };
}

/** Why an outcome breaks the promises above, or null when it keeps them. */
export function brokenPromise(outcome: Outcome): string | null {
  const { code, stdout, stderr } = outcome;
  // 4: names OK, trust not checked (a CA-signed certificate without --ca): a verdict too.
  if (![0, 1, 2, 4].includes(code)) return `exit ${code}: ${stderr.trim()}`;
  if (/\n\s+at .+:\d+:\d+\)?\n/.test(stderr)) return `a stack trace on stderr: ${stderr}`;
  if (outcome.writes.length > 0) return `wrote ${outcome.writes.join(', ')}`;
  if (outcome.dials.length > 0) return `dialled ${outcome.dials.join(', ')}`;
  if (code === 2) {
    if (stdout !== '') return 'exit 2 with a report on stdout';
    if (!/^diagnose: [^\n]+\n$/.test(stderr)) return `exit 2 without one stderr line: ${stderr}`;
    return null;
  }
  if (stderr !== '') return `exit ${code} with stderr: ${stderr}`;
  if (stdout.length === 0) return `exit ${code} with no report`;
  return null;
}

/**
 * The promises of a batch run: exit 0, 1 or 2; every stderr line one `diagnose: …` line
 * naming an input (one per unreadable input, so there may be several); no stack, no
 * internal error, no write, no dial.
 */
export function brokenBatchPromise(outcome: Outcome): string | null {
  const { code, stderr } = outcome;
  if (![0, 1, 2].includes(code)) return `exit ${code}: ${stderr.trim()}`;
  if (/\n\s+at .+:\d+:\d+\)?\n/.test(stderr)) return `a stack trace on stderr: ${stderr}`;
  if (/internal error|Maximum call stack|DataView|RangeError|TypeError/.test(stderr))
    return `JavaScript text on stderr: ${stderr}`;
  if (outcome.writes.length > 0) return `wrote ${outcome.writes.join(', ')}`;
  if (outcome.dials.length > 0) return `dialled ${outcome.dials.join(', ')}`;
  for (const line of stderr.split('\n').filter(Boolean))
    if (!line.startsWith('diagnose: ')) return `a stderr line that is not ours: ${line}`;
  if (code === 2 && stderr === '') return 'exit 2 without saying why';
  return null;
}
