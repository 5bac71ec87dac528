/**
 * The Go oracle: tests/oracle/go/verify.go built once with the local Go toolchain
 * (standard library only, GO111MODULE=off, nothing downloaded) into tests/oracle/.bin/,
 * then run once per batch of cases. It answers what real crypto/x509 Certificate.Verify
 * says, which the `go` profile must reproduce word for word.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { goEnv, goProgram } from './go-program.js';
import type { OracleAvailability, OracleCase, OracleVerdict } from './types.js';

const runVerify = goProgram(
  join(dirname(fileURLToPath(import.meta.url)), 'go', 'verify.go'),
  'go-verify',
  'Go oracle',
);

/** The oldest Go whose behaviour the `go` profile describes (SHA-1 rejection, Go 1.18). */
const MINIMUM_MINOR = 18;

let availability: OracleAvailability | undefined;

/** Whether a usable `go` is on PATH, and its version as the reason text. */
export function goOracleAvailability(): OracleAvailability {
  availability ??= probe();
  return availability;
}

function probe(): OracleAvailability {
  const result = spawnSync('go', ['version'], { encoding: 'utf8', env: goEnv() });
  if (result.error || result.status !== 0) {
    return {
      available: false,
      reason: `Go oracle skipped: no usable \`go\` on PATH (${result.error?.message ?? result.stderr.trim()})`,
    };
  }
  const version = /go1\.(\d+)(?:\.\d+)?/.exec(result.stdout);
  if (!version || Number(version[1]) < MINIMUM_MINOR) {
    return {
      available: false,
      reason: `Go oracle skipped: ${result.stdout.trim()} is older than go1.${MINIMUM_MINOR}`,
    };
  }
  return { available: true, reason: result.stdout.trim() };
}

/** Runs every case through real crypto/x509 in one process; verdicts come back in order. */
export async function runGoOracle(cases: readonly OracleCase[]): Promise<OracleVerdict[]> {
  const input = JSON.stringify(
    cases.map((c) => ({
      id: c.id,
      leafPem: c.leafPem,
      intermediatesPem: c.intermediatesPem,
      rootsPem: c.rootsPem,
      host: c.host,
      now: c.now.toISOString(),
    })),
  );
  const stdout = await runVerify(input);
  const verdicts = JSON.parse(stdout) as OracleVerdict[];
  if (verdicts.length !== cases.length) {
    throw new Error(`Go oracle answered ${verdicts.length} of ${cases.length} cases`);
  }
  return verdicts;
}
