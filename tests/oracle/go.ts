/**
 * The Go oracle: tests/oracle/go/verify.go built once with the local Go toolchain
 * (standard library only, GO111MODULE=off, nothing downloaded) into tests/oracle/.bin/,
 * then run once per batch of cases. It answers what real crypto/x509 Certificate.Verify
 * says, which the `go` profile must reproduce word for word.
 */
import { execFile, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { OracleAvailability, OracleCase, OracleVerdict } from './types.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const SOURCE = join(HERE, 'go', 'verify.go');
const BIN_DIR = join(HERE, '.bin');

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

function goEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    GO111MODULE: 'off',
    GOFLAGS: '',
    GOCACHE: process.env.GOCACHE ?? join(tmpdir(), 'kube-tls-doctor-go-build'),
    // The oracle must not depend on the tester's GODEBUG (x509sha1, x509ignoreCN …).
    GODEBUG: '',
  };
}

let binary: Promise<string> | undefined;

/** Builds the oracle once per source version; the file name carries the source hash. */
function buildOracle(): Promise<string> {
  binary ??= (async () => {
    const hash = createHash('sha256').update(readFileSync(SOURCE)).digest('hex').slice(0, 12);
    const output = join(BIN_DIR, `go-verify-${hash}`);
    if (!existsSync(output)) {
      mkdirSync(BIN_DIR, { recursive: true });
      await promisify(execFile)('go', ['build', '-o', output, SOURCE], { env: goEnv() });
    }
    return output;
  })();
  return binary;
}

/** Runs every case through real crypto/x509 in one process; verdicts come back in order. */
export async function runGoOracle(cases: readonly OracleCase[]): Promise<OracleVerdict[]> {
  const bin = await buildOracle();
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
  const stdout = await new Promise<string>((resolve, reject) => {
    const child = spawn(bin, [], { env: goEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(out).toString('utf8'));
      else reject(new Error(`Go oracle exited ${code}: ${Buffer.concat(err).toString('utf8')}`));
    });
    child.stdin.end(input);
  });
  const verdicts = JSON.parse(stdout) as OracleVerdict[];
  if (verdicts.length !== cases.length) {
    throw new Error(`Go oracle answered ${verdicts.length} of ${cases.length} cases`);
  }
  return verdicts;
}
