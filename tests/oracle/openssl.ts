/**
 * The OpenSSL oracle: runs the real `openssl verify` (3.0) on each case exactly as the
 * profile models it —
 *   openssl verify -no-CApath -no-CAstore -CAfile roots.pem [-untrusted chain.pem]
 *     -attime <unix> -verify_hostname <host> | -verify_ip <ip>   leaf.pem
 * — and reports what it printed, verbatim. `-no-CApath -no-CAstore` keep the system
 * store out, so the roots are exactly the case's. Arguments go through execFile (no
 * shell), so a host with spaces or odd characters stays one argv element.
 */
import { execFile, spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isIpHost } from '../../src/verify/openssl/hostname.js';
import type { OracleAvailability, OracleCase, OracleVerdict } from './types.js';

export interface OpensslErrorLine {
  readonly number: number;
  readonly depth: number;
  readonly text: string;
}

export interface OpensslOracleVerdict extends OracleVerdict {
  readonly allMessages: readonly string[];
  /** Every `error N at D depth lookup: TEXT` line, parsed, in print order. */
  readonly errors: readonly OpensslErrorLine[];
  readonly exitCode: number;
  readonly argv: readonly string[];
}

const OPENSSL = process.env.OPENSSL_BIN ?? 'openssl';
const CONCURRENCY = 2;
const ERROR_LINE = /^(?:\[CRL path\] )?error (\d+) at (\d+) depth lookup: (.*)$/;

export function opensslOracleAvailability(): OracleAvailability {
  const result = spawnSync(OPENSSL, ['version'], { encoding: 'utf8' });
  if (result.error || result.status !== 0) {
    return {
      name: 'OpenSSL 3.0',
      available: false,
      reason: `\`${OPENSSL} version\` failed: ${result.error?.message ?? result.stderr}`,
    };
  }
  const version = result.stdout.trim();
  if (!/^OpenSSL 3\.0\.\d+/.test(version)) {
    return {
      name: 'OpenSSL 3.0',
      available: false,
      reason: `the OpenSSL profile models OpenSSL 3.0.x; found "${version}"`,
    };
  }
  return { name: 'OpenSSL 3.0', available: true, reason: version };
}

export async function runOpensslOracle(
  cases: readonly OracleCase[],
): Promise<OpensslOracleVerdict[]> {
  const dir = await mkdtemp(join(tmpdir(), 'kube-tls-doctor-openssl-'));
  try {
    const verdicts: OpensslOracleVerdict[] = new Array<OpensslOracleVerdict>(cases.length);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < cases.length) {
        const index = next++;
        verdicts[index] = await runOne(cases[index] as OracleCase, join(dir, String(index)));
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    return verdicts;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function runOne(testCase: OracleCase, prefix: string): Promise<OpensslOracleVerdict> {
  if (testCase.host.includes('\0'))
    throw new Error(`${testCase.id}: a host with a NUL cannot be passed in argv`);
  const leaf = `${prefix}-leaf.pem`;
  const roots = `${prefix}-roots.pem`;
  const chain = `${prefix}-untrusted.pem`;
  await writeFile(leaf, testCase.leafPem);
  const argv = ['verify', '-no-CApath', '-no-CAstore'];
  if (testCase.rootsPem.length > 0) {
    await writeFile(roots, testCase.rootsPem.join(''));
    argv.push('-CAfile', roots);
  } else {
    argv.push('-no-CAfile');
  }
  if (testCase.intermediatesPem.length > 0) {
    await writeFile(chain, testCase.intermediatesPem.join(''));
    argv.push('-untrusted', chain);
  }
  argv.push('-attime', String(Math.floor(testCase.now.getTime() / 1000)));
  argv.push(isIpHost(testCase.host) ? '-verify_ip' : '-verify_hostname', testCase.host, leaf);

  const { exitCode, stdout, stderr } = await run(argv);
  const errors = stderr
    .split('\n')
    .map((line) => ERROR_LINE.exec(line))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => ({ number: Number(match[1]), depth: Number(match[2]), text: match[3] ?? '' }));
  const ok = exitCode === 0 && stdout.trim().endsWith(': OK');
  if (!ok && errors.length === 0) {
    throw new Error(
      `${testCase.id}: openssl ${argv.join(' ')} failed without an error line:\n${stderr}`,
    );
  }
  const first = errors[0];
  return {
    id: testCase.id,
    ok,
    message: ok || !first ? null : first.text,
    nativeCode: ok || !first ? null : first.number,
    allMessages: errors.map((error) => error.text),
    errors,
    exitCode,
    argv,
  };
}

function run(
  argv: readonly string[],
): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(OPENSSL, argv, { encoding: 'utf8', timeout: 30_000 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') {
        reject(new Error(`${OPENSSL} ${argv.join(' ')}: ${error.message}`, { cause: error }));
        return;
      }
      resolve({ exitCode: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}
