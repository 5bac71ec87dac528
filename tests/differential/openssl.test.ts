/**
 * Every corpus case through the real `openssl verify` (3.0) and through the OpenSSL
 * profile: they must agree on ok, the first error's number and text, and the whole list
 * of `error N at D depth lookup: TEXT` lines. A disagreement is a bug in the profile.
 */
import { verifyOpenssl } from '../../src/verify/openssl/index.js';
import { opensslOracleAvailability, runOpensslOracle } from '../oracle/openssl.js';
import { disagreements, ifAvailable, opensslMismatch, selfTrustCorpus } from './harness.js';

const availability = opensslOracleAvailability();

ifAvailable(availability).test(
  'the OpenSSL profile agrees with `openssl verify` on every corpus case',
  async () => {
    const prepared = await selfTrustCorpus(new Date());
    const oracle = await runOpensslOracle(prepared.map((p) => p.oracleCase));
    const mismatches = disagreements(prepared, ({ id, input }, index) =>
      opensslMismatch(id, oracle[index]!, verifyOpenssl(input)),
    );
    const outcomes = new Map<string, number>();
    for (const verdict of oracle) {
      const key = verdict.ok ? 'OK' : verdict.errors.map((error) => error.number).join('+');
      outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
    }
    console.log(
      `OpenSSL differential: ${prepared.length - mismatches.length}/${prepared.length} cases agree ` +
        `(${availability.reason}); openssl outcomes: ${[...outcomes].map(([key, count]) => `${key}×${count}`).join(', ')}`,
    );
    expect(mismatches).toEqual([]);
    expect(prepared.length).toBeGreaterThanOrEqual(150);
  },
);
