/**
 * Shared by the OpenSSL profile tests: build a VerifyInput from made certificates, run
 * the profile, and — when `openssl` 3.0 is installed — run the same case through the
 * real `openssl verify` so every table row is also a differential check.
 */
import type { CertificateSpec } from '../../../src/generate/certificate.js';
import { verifyOpenssl, type OpensslVerdict } from '../../../src/verify/openssl/index.js';
import { errorLine } from '../../../src/verify/openssl/messages.js';
import { computeSignatureChecks } from '../../../src/verify/signatures.js';
import type { MadeCert } from '../../helpers/certs.js';
import { opensslOracleAvailability, runOpensslOracle } from '../../oracle/openssl.js';
import { oraclePart } from '../../oracle/require.js';

export const NOW = new Date();
export const DAY = 86_400_000;
export const VALID = {
  notBefore: new Date(NOW.getTime() - DAY),
  notAfter: new Date(NOW.getTime() + 30 * DAY),
};

export const oracle = opensslOracleAvailability();
/**
 * Every file using checkScenarios gets, when openssl 3.0 is missing, one skipped (or under
 * REQUIRE_ORACLES=1 failing) test standing for the comparisons it could not make; its
 * tables are still checked against the profile.
 */
const compareWithOpenssl = oraclePart(
  oracle,
  "this file's scenarios also agree with the real openssl verify",
);

/** A self-signed CA (Kubernetes v1.1–v1.10 apiserver shape) with the given extras. */
export function caSpec(extra: Partial<CertificateSpec> = {}): CertificateSpec {
  return {
    subject: 'CN=kube-test',
    serialHex: '01',
    ...VALID,
    basicConstraints: { ca: true },
    keyUsage: ['digitalSignature', 'keyEncipherment', 'keyCertSign'],
    ...extra,
  };
}

export interface Scenario {
  readonly leaf: MadeCert;
  readonly intermediates?: readonly MadeCert[];
  readonly roots: readonly MadeCert[];
  readonly host: string;
  readonly now?: Date;
}

export async function verifyScenario(scenario: Scenario): Promise<OpensslVerdict> {
  const all = [scenario.leaf, ...(scenario.intermediates ?? []), ...scenario.roots];
  const signatures = await computeSignatureChecks(all.map((made) => made.read));
  return verifyOpenssl({
    leaf: scenario.leaf.facts,
    intermediates: (scenario.intermediates ?? []).map((made) => made.facts),
    roots: scenario.roots.map((made) => made.facts),
    host: scenario.host,
    now: scenario.now ?? NOW,
    signatures,
  });
}

/** The profile's `error N at D depth lookup: TEXT` lines. */
export function lines(verdict: OpensslVerdict): string[] {
  return verdict.errors.map((error) => errorLine(error.failure, error.depth, error.number));
}

/**
 * Runs every scenario through the profile and, if available, the real openssl; returns
 * the profile's lines per scenario after asserting the two agree line for line.
 */
export async function checkScenarios(scenarios: readonly Scenario[]): Promise<string[][]> {
  const verdicts = await Promise.all(scenarios.map(verifyScenario));
  const modelLines = verdicts.map(lines);
  if (compareWithOpenssl) {
    const real = await runOpensslOracle(
      scenarios.map((scenario, index) => ({
        id: String(index),
        leafPem: scenario.leaf.pem,
        leafKeyPem: scenario.leaf.keyPem,
        intermediatesPem: (scenario.intermediates ?? []).map((made) => made.pem),
        rootsPem: scenario.roots.map((made) => made.pem),
        host: scenario.host,
        now: scenario.now ?? NOW,
      })),
    );
    const realLines = real.map((verdict) =>
      verdict.errors.map(
        (error) => `error ${error.number} at ${error.depth} depth lookup: ${error.text}`,
      ),
    );
    expect(modelLines.map((model, index) => ({ host: scenarios[index]?.host, model }))).toEqual(
      realLines.map((openssl, index) => ({ host: scenarios[index]?.host, model: openssl })),
    );
    real.forEach((verdict, index) => expect(verdicts[index]?.ok).toBe(verdict.ok));
  }
  return modelLines;
}
