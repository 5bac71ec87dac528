/**
 * Differential: every corpus case through real crypto/x509 (the local Go, 1.19 when this
 * was written) and through the `go` profile. Agreement must be total, on the verdict and on
 * the message word for word; a mismatch is a bug in src/verify/go.
 */
import { goEra, verifyGo } from '../../src/verify/go/index.js';
import type { ClientVerdict } from '../../src/verify/types.js';
import { makeCert, selfTrustInput } from '../helpers/certs.js';
import { goOracleAvailability, runGoOracle } from '../oracle/go.js';
import type { OracleCase, OracleVerdict } from '../oracle/types.js';
import { buildCorpus, corpusCases } from './corpus.js';

const availability = goOracleAvailability();
if (!availability.available) console.warn(availability.reason);
const describeWithGo = availability.available ? describe : describe.skip;

interface Compared {
  readonly id: string;
  readonly oracle: OracleVerdict;
  readonly ours: ClientVerdict;
}

describeWithGo(`go profile vs real crypto/x509 (${availability.reason})`, () => {
  let compared: Compared[] = [];

  beforeAll(async () => {
    const now = new Date();
    const cases = corpusCases(buildCorpus(now));
    const made = new Map<string, Awaited<ReturnType<typeof makeCert>>>();
    for (const { shape } of cases) {
      if (!made.has(shape.id)) made.set(shape.id, await makeCert(shape.spec));
    }
    const oracleCases: OracleCase[] = cases.map(({ id, shape, name }) => {
      const cert = made.get(shape.id)!;
      return {
        id,
        leafPem: cert.pem,
        leafKeyPem: cert.keyPem,
        intermediatesPem: [],
        rootsPem: [cert.pem],
        host: name,
        now,
      };
    });
    const verdicts = await runGoOracle(oracleCases);
    const era = goEra('go');
    compared = await Promise.all(
      cases.map(async ({ id, shape, name }, index) => ({
        id,
        oracle: verdicts[index]!,
        ours: verifyGo(await selfTrustInput(made.get(shape.id)!, name, now), era),
      })),
    );
  });

  test('covers the whole corpus', () => {
    expect(compared.length).toBeGreaterThanOrEqual(150);
  });

  test('agrees with Go on every verdict and every message', () => {
    const mismatches = compared
      .filter(({ oracle, ours }) => oracle.ok !== ours.ok || oracle.message !== ours.message)
      .map(({ id, oracle, ours }) => ({
        id,
        go: oracle.ok ? 'ok' : oracle.message,
        ours: ours.ok ? 'ok' : ours.message,
      }));
    expect(mismatches).toEqual([]);
  });

  test('reports what it passed on: matchedBy is set exactly when the host matched', () => {
    for (const { ours } of compared) {
      const hostFailed = ours.failures.some((failure) =>
        [
          'ip-not-in-sans',
          'no-ip-sans',
          'name-not-in-sans',
          'cn-mismatch',
          'no-names',
          'legacy-common-name',
          'cn-not-hostname',
        ].includes(failure.code),
      );
      expect(ours.matchedBy === null).toBe(hostFailed);
    }
  });
});
