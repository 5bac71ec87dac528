/**
 * The Go oracle: tests/oracle/go/verify.go built once per toolchain (standard library only,
 * GO111MODULE=off, nothing downloaded) into tests/oracle/.bin/, then run once per batch of
 * cases. It answers what real crypto/x509 Certificate.Verify says, which the `go` profile
 * must reproduce word for word. The toolchain on PATH (Go 1.19 here) is the default; other
 * releases are asked for by minor version (goToolchain), each at /usr/lib/go-1.N/bin/go.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_GO, goProgram, goVersion } from './go-program.js';
import type { OracleAvailability, OracleCase, OracleVerdict } from './types.js';

const VERIFY_SOURCE = join(dirname(fileURLToPath(import.meta.url)), 'go', 'verify.go');

/** The oldest Go whose behaviour the `go` profile describes (SHA-1 rejection, Go 1.18). */
const MINIMUM_MINOR = 18;

/** One Go release as an oracle: whether it is here, and its verifier. */
export interface GoToolchain {
  /** The `go` binary: "go" (PATH) or a path. */
  readonly go: string;
  readonly availability: OracleAvailability;
  /** Every case through this toolchain's crypto/x509, in one process; verdicts in order. */
  readonly verify: (cases: readonly OracleCase[]) => Promise<OracleVerdict[]>;
}

const toolchains = new Map<string, GoToolchain>();

/**
 * Go 1.`minor` as an oracle, from /usr/lib/go-1.`minor`/bin/go (Debian's golang-1.N-go
 * layout; GO_1_<minor> overrides the path). Any other release there is the wrong version
 * and unavailable, which REQUIRE_ORACLES=1 turns into a failure (tests/oracle/require.ts).
 */
export function goToolchain(minor: number): GoToolchain {
  const go = process.env[`GO_1_${minor}`] ?? `/usr/lib/go-1.${minor}/bin/go`;
  return toolchain(go, `Go 1.${minor}`, (found) => found === minor);
}

/** The toolchain on PATH, which must be Go 1.18 or later. */
export function defaultGoToolchain(): GoToolchain {
  return toolchain(
    DEFAULT_GO,
    `Go (go on PATH, 1.${MINIMUM_MINOR}+)`,
    (found) => found >= MINIMUM_MINOR,
  );
}

function toolchain(go: string, name: string, fits: (minor: number) => boolean): GoToolchain {
  let found = toolchains.get(go);
  if (!found) {
    const run = goProgram(VERIFY_SOURCE, 'go-verify', `Go oracle (${go})`, go);
    found = {
      go,
      availability: availabilityOf(go, name, fits),
      verify: async (cases) => {
        if (cases.length === 0) return [];
        const verdicts = JSON.parse(
          await run(JSON.stringify(cases.map(toInput))),
        ) as OracleVerdict[];
        if (verdicts.length !== cases.length) {
          throw new Error(`Go oracle (${go}) answered ${verdicts.length} of ${cases.length} cases`);
        }
        return verdicts;
      },
    };
    toolchains.set(go, found);
  }
  return found;
}

function availabilityOf(
  go: string,
  name: string,
  fits: (minor: number) => boolean,
): OracleAvailability {
  const version = goVersion(go);
  if (version instanceof Error) {
    return { name, available: false, reason: `no usable ${go} (${version.message})` };
  }
  const minor = /go1\.(\d+)(?:\.\d+)?/.exec(version);
  if (!minor || !fits(Number(minor[1]))) {
    return { name, available: false, reason: `${go} is ${version}, not ${name}` };
  }
  return { name, available: true, reason: version };
}

function toInput(c: OracleCase): unknown {
  return {
    id: c.id,
    leafPem: c.leafPem,
    intermediatesPem: c.intermediatesPem,
    rootsPem: c.rootsPem,
    host: c.host,
    now: c.now.toISOString(),
  };
}

/** Whether a usable `go` is on PATH, and its version as the reason text. */
export function goOracleAvailability(): OracleAvailability {
  return defaultGoToolchain().availability;
}

/** Runs every case through the PATH toolchain's crypto/x509 in one process. */
export function runGoOracle(cases: readonly OracleCase[]): Promise<OracleVerdict[]> {
  return defaultGoToolchain().verify(cases);
}
