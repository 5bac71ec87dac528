/**
 * The Go oracle: tests/oracle/go/verify.go built with a real Go toolchain (standard library
 * only, nothing downloaded) into tests/oracle/.bin/, then run once per batch of cases. It
 * answers what real crypto/x509 Certificate.Verify says, which the profile that models that
 * Go release must reproduce word for word.
 *
 * Toolchains: the `go` on PATH (Go 1.19 here) and Debian's golang-1.21/1.22/1.23-go (from
 * bookworm-backports) under /usr/lib/go-1.2X (GO_1_<minor> overrides a path). A missing one,
 * or one of another release, is unavailable: a counted skip that names it, or a failure under
 * REQUIRE_ORACLES=1 (tests/oracle/require.ts).
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_GO, goProgram, goVersion } from './go-program.js';
import type { OracleAvailability, OracleCase, OracleVerdict } from './types.js';

const SOURCE = join(dirname(fileURLToPath(import.meta.url)), 'go', 'verify.go');

export interface GoToolchain {
  /** What the tests call it: `go` (PATH) or `go1.21`. */
  readonly name: string;
  /** The `go` command of that toolchain. */
  readonly binary: string;
  /**
   * Built as a module with `go <release>` in go.mod, so the GODEBUG defaults are that
   * release's (Go 1.21+), and the toolchain must be that release; null: GOPATH mode, the
   * toolchain on PATH.
   */
  readonly module: string | null;
}

/** Go 1.`minor` from Debian's layout, /usr/lib/go-1.`minor`/bin/go. */
export function goToolchain(minor: number): GoToolchain {
  return {
    name: `go1.${minor}`,
    binary: process.env[`GO_1_${minor}`] ?? `/usr/lib/go-1.${minor}/bin/go`,
    module: `1.${minor}`,
  };
}

/** The toolchains the live Go differential runs; the first is the default oracle. */
export const GO_TOOLCHAINS: readonly GoToolchain[] = [
  { name: 'go', binary: DEFAULT_GO, module: null },
  goToolchain(21),
  goToolchain(22),
  goToolchain(23),
];

const DEFAULT_TOOLCHAIN = GO_TOOLCHAINS[0] as GoToolchain;

/** The oldest Go the default oracle may be (SHA-1 rejection, Go 1.18). */
const MINIMUM_MINOR = 18;

export interface GoOracleAvailability extends OracleAvailability {
  /** The release the toolchain reports, e.g. `go1.21.13`; null when unavailable. */
  readonly release: string | null;
}

const availability = new Map<string, GoOracleAvailability>();

/** Whether the toolchain runs and is the release it stands for; its `go version` as the reason. */
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
  const name =
    toolchain.module === null
      ? `Go (go on PATH, 1.${MINIMUM_MINOR}+)`
      : `Go ${toolchain.module} (${toolchain.binary})`;
  const version = goVersion(toolchain.binary);
  if (version instanceof Error) {
    return {
      name,
      available: false,
      release: null,
      reason: `no usable ${toolchain.binary} (${version.message})`,
    };
  }
  const found = /go1\.(\d+)(?:\.\d+)?/.exec(version);
  const minor = found ? Number(found[1]) : -1;
  const fits =
    toolchain.module === null ? minor >= MINIMUM_MINOR : `1.${minor}` === toolchain.module;
  if (!found || !fits) {
    return { name, available: false, release: null, reason: `${toolchain.binary} is ${version}` };
  }
  return { name, available: true, release: found[0], reason: version };
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
  if (cases.length === 0) return [];
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
  const verdicts = JSON.parse(await runVerify(input)) as (OracleVerdict & {
    readonly stage?: string;
  })[];
  if (verdicts.length !== cases.length) {
    throw new Error(
      `Go oracle ${toolchain.name} answered ${verdicts.length} of ${cases.length} cases`,
    );
  }
  return verdicts;
}
