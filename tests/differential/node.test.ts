/**
 * Differential test: every corpus case through a real Node TLS handshake and through
 * the Node profile. Both must agree on ok, message (err.message) and nativeCode
 * (err.code). A mismatch is a bug in src/verify/node.
 */
import { nodeProfile } from '../../src/verify/node/index.js';
import { nodeOracleAvailability, runNodeOracle } from '../oracle/node.js';
import { gate } from '../oracle/require.js';
import { disagreements, nodeMismatch, selfTrustCorpus } from './harness.js';

const availability = nodeOracleAvailability();

gate(availability).describe(`Node profile vs real tls.connect (${availability.reason})`, () => {
  test('agrees on every corpus case', async () => {
    // Node's handshake uses the real clock; seconds precision as certificates have.
    const now = new Date(Math.floor(Date.now() / 1000) * 1000);
    const prepared = await selfTrustCorpus(now);
    expect(prepared.length).toBeGreaterThanOrEqual(150);

    const verdicts = await runNodeOracle(prepared.map((p) => p.oracleCase));
    const mismatches = disagreements(prepared, ({ id, input }, index) =>
      nodeMismatch(id, verdicts[index]!, nodeProfile.verify(input)),
    );
    expect(mismatches).toEqual([]);
  });
});
