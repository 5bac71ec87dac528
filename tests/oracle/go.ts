/**
 * The Go oracle: tests/oracle/go/verify.go built with a real Go toolchain (standard library
 * only, GO111MODULE=off, nothing downloaded) into tests/oracle/.bin/, then run once per batch
 * of cases. It answers what real crypto/x509 Certificate.Verify says, which the profile that
 * models that Go release must reproduce word for word.
 *
 * Toolchains: the `go` on PATH (Go 1.19 here) and Debian's golang-1.21/1.22/1.23-go (from
 * bookworm-backports) under /usr/lib/go-1.2X. Each one missing is a skip that names it.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { goEnv, goProgram } from './go-program.js';
import type { OracleAvailability, OracleCase, OracleVerdict } from './types.js';

const SOURCE = join(dirname(fileURLToPath(import.meta.url)), 'go', 'verify.go');

export interface GoToolchain {
  /** What the tests call it: `go` (PATH) or `go1.21`. */
  readonly name: string;
  /** The `go` command of that toolchain. */
  readonly binary: string;
  /**
   * Built as a module with `go <release>` in go.mod, so the GODEBUG defaults are that
   * release's (Go 1.21+); null: GOPATH mode.
   */
  readonly module: string | null;
}

/** The toolchains the live Go differential runs; the first is the default oracle. */
export const GO_TOOLCHAINS: readonly GoToolchain[] = [
  { name: 'go', binary: 'go', module: null },
  { name: 'go1.21', binary: '/usr/lib/go-1.21/bin/go', module: '1.21' },
  { name: 'go1.22', binary: '/usr/lib/go-1.22/bin/go', module: '1.22' },
  { name: 'go1.23', binary: '/usr/lib/go-1.23/bin/go', module: '1.23' },
];

const DEFAULT_TOOLCHAIN = GO_TOOLCHAINS[0] as GoToolchain;

/** The oldest Go the default oracle may be (SHA-1 rejection, Go 1.18). */
const MINIMUM_MINOR = 18;

export interface GoOracleAvailability extends OracleAvailability {
  /** The release the toolchain reports, e.g. `go1.21.13`; null when unavailable. */
  readonly release: string | null;
}

const availability = new Map<string, GoOracleAvailability>();

/** Whether the toolchain runs, and its `go version` as the reason text. */
export function goOracleAvailability(
  toolchain: GoToolchain = DEFAULT_TOOLCHAIN,
): GoOracleAvailability {
  let known = availability.get(toolchain.binary);
  if (!known) {
    known = probe(toolchain);
    availability.set(toolchain.binary, known);
  }
  return known;
}

function probe(toolchain: GoToolchain): GoOracleAvailability {
  const result = spawnSync(toolchain.binary, ['version'], { encoding: 'utf8', env: goEnv() });
  if (result.error || result.status !== 0) {
    return {
      available: false,
      release: null,
      reason: `Go oracle ${toolchain.name} skipped: no usable ${toolchain.binary} (${result.error?.message ?? result.stderr.trim()})`,
    };
  }
  const version = /go1\.(\d+)(?:\.\d+)?/.exec(result.stdout);
  if (!version || Number(version[1]) < MINIMUM_MINOR) {
    return {
      available: false,
      release: null,
      reason: `Go oracle ${toolchain.name} skipped: ${result.stdout.trim()} is older than go1.${MINIMUM_MINOR}`,
    };
  }
  return { available: true, release: version[0], reason: result.stdout.trim() };
}

const runners = new Map<string, (stdin: string) => Promise<string>>();

/**
 * Runs every case through the toolchain's real crypto/x509 in one process; verdicts come back
 * in order. `stage: 'parse-leaf'` marks a leaf that toolchain could not parse.
 */
export async function runGoOracle(
  cases: readonly OracleCase[],
  toolchain: GoToolchain = DEFAULT_TOOLCHAIN,
): Promise<(OracleVerdict & { readonly stage?: string })[]> {
  let runVerify = runners.get(toolchain.binary);
  if (!runVerify) {
    const suffix = toolchain.name === 'go' ? '' : `-${toolchain.name}`;
    runVerify = goProgram(
      SOURCE,
      `go-verify${suffix}`,
      `Go oracle ${toolchain.name}`,
      toolchain.binary,
      toolchain.module,
    );
    runners.set(toolchain.binary, runVerify);
  }
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
  const verdicts = JSON.parse(stdout) as (OracleVerdict & { readonly stage?: string })[];
  if (verdicts.length !== cases.length) {
    throw new Error(`Go oracle answered ${verdicts.length} of ${cases.length} cases`);
  }
  return verdicts;
}
