/**
 * Differential: every corpus case through the real crypto/x509 of each installed Go
 * toolchain (Go 1.19 on PATH, Debian's Go 1.21, 1.22 and 1.23) and through the profile that
 * models that release (`--client go1.21.13` resolves to it). Agreement must be total, on the
 * verdict and on the message word for word; a mismatch is a bug in src/verify/go. A missing
 * toolchain is a skip that names it.
 */
import { HOSTNAME_FAILURE_CODES } from '../../src/verify/failures.js';
import { verifyGo } from '../../src/verify/go/index.js';
import { resolveGoRelease } from '../../src/verify/go/releases.js';
import type { ClientVerdict } from '../../src/verify/types.js';
import { GO_TOOLCHAINS, goOracleAvailability, runGoOracle } from '../oracle/go.js';
import { gate } from '../oracle/require.js';
import { disagreements, goMismatch, selfTrustCorpus } from './harness.js';

describe.each(GO_TOOLCHAINS)('toolchain $name', (toolchain) => {
  const availability = goOracleAvailability(toolchain);

  gate(availability).describe(`Go profile vs real crypto/x509 (${availability.reason})`, () => {
    let ours: ClientVerdict[] = [];
    let mismatches: string[] = [];
    let profile = '';

    beforeAll(async () => {
      const prepared = await selfTrustCorpus(new Date());
      const verdicts = await runGoOracle(
        prepared.map((p) => p.oracleCase),
        toolchain,
      );
      const era = resolveGoRelease(availability.release ?? '').era;
      profile = era.id;
      ours = prepared.map(({ input }) => verifyGo(input, era));
      mismatches = disagreements(prepared, ({ id }, index) => {
        const real = verdicts[index]!;
        // A leaf that does not parse: crypto/tls reports the parse error wrapped.
        const message =
          real.stage === 'parse-leaf'
            ? `tls: failed to parse certificate from server: ${real.message ?? ''}`
            : real.message;
        return goMismatch(id, { ...real, message }, ours[index]!);
      });
    });

    test('covers the whole corpus with the profile of that release', () => {
      expect(ours.length).toBeGreaterThanOrEqual(150);
      expect(profile).toBe(resolveGoRelease(availability.release ?? '').era.id);
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
});
