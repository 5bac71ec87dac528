/**
 * Every corpus case through the real `openssl verify` (3.0) and through the OpenSSL
 * profile: they must agree on ok, the first error's number and text, and the whole list
 * of `error N at D depth lookup: TEXT` lines. A disagreement is a bug in the profile.
 */
import { verifyOpenssl } from '../../src/verify/openssl/index.js';
import { opensslOracleAvailability, runOpensslOracle } from '../oracle/openssl.js';
import { gate } from '../oracle/require.js';
import { disagreements, opensslMismatch, selfTrustCorpus } from './harness.js';

const availability = opensslOracleAvailability();

gate(availability).test(
  'the OpenSSL profile agrees with `openssl verify` on every corpus case',
  async () => {
    const prepared = await selfTrustCorpus(new Date());
    const oracle = await runOpensslOracle(prepared.map((p) => p.oracleCase));
    const mismatches = disagreements(prepared, ({ id, input }, index) =>
      opensslMismatch(id, oracle[index]!, verifyOpenssl(input)),
    );
    expect(mismatches).toEqual([]);
    expect(prepared.length).toBeGreaterThanOrEqual(150);
  },
);
