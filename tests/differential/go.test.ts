/**
 * Differential: every corpus case through real crypto/x509 (the local Go, 1.19 when this
 * was written) and through the `go` profile. Agreement must be total, on the verdict and on
 * the message word for word; a mismatch is a bug in src/verify/go.
 */
import { HOSTNAME_FAILURE_CODES } from '../../src/verify/failures.js';
import { goEra, verifyGo } from '../../src/verify/go/index.js';
import type { ClientVerdict } from '../../src/verify/types.js';
import { goOracleAvailability, runGoOracle } from '../oracle/go.js';
import { gate } from '../oracle/require.js';
import { disagreements, goMismatch, selfTrustCorpus } from './harness.js';

const availability = goOracleAvailability();

gate(availability).describe(`go profile vs real crypto/x509 (${availability.reason})`, () => {
  let ours: ClientVerdict[] = [];
  let mismatches: string[] = [];

  beforeAll(async () => {
    const prepared = await selfTrustCorpus(new Date());
    const verdicts = await runGoOracle(prepared.map((p) => p.oracleCase));
    const era = goEra('go');
    ours = prepared.map(({ input }) => verifyGo(input, era));
    mismatches = disagreements(prepared, ({ id }, index) =>
      goMismatch(id, verdicts[index]!, ours[index]!),
    );
  });

  test('covers the whole corpus', () => {
    expect(ours.length).toBeGreaterThanOrEqual(150);
  });

  test('agrees with Go on every verdict and every message', () => {
    expect(mismatches).toEqual([]);
  });

  test('reports what it passed on: matchedBy is set exactly when the host matched', () => {
    for (const verdict of ours) {
      const hostFailed = verdict.failures.some((failure) =>
        HOSTNAME_FAILURE_CODES.has(failure.code),
      );
      expect(verdict.matchedBy === null).toBe(hostFailed);
    }
  });
});
