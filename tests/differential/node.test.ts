/**
 * Differential test: every corpus case through a real Node TLS handshake and through
 * the Node profile. Both must agree on ok, message (err.message) and nativeCode
 * (err.code). A mismatch is a bug in src/verify/node.
 */
import { makeCert, selfTrustInput, type MadeCert } from '../helpers/certs.js';
import { nodeOracleAvailability, runNodeOracle } from '../oracle/node.js';
import type { OracleCase } from '../oracle/types.js';
import { nodeProfile } from '../../src/verify/node/index.js';
import { buildCorpus, corpusCases } from './corpus.js';

const availability = nodeOracleAvailability();
const describeIfAvailable = availability.available ? describe : describe.skip;
if (!availability.available) console.warn(`Node oracle skipped: ${availability.reason}`);

describeIfAvailable(`Node profile vs real tls.connect (${availability.reason})`, () => {
  test('agrees on every corpus case', async () => {
    // Node's handshake uses the real clock; seconds precision as certificates have.
    const now = new Date(Math.floor(Date.now() / 1000) * 1000);
    const shapes = buildCorpus(now);
    const made = new Map<string, MadeCert>();
    for (const shape of shapes) made.set(shape.id, await makeCert(shape.spec));
    const cases = corpusCases(shapes);
    expect(cases.length).toBeGreaterThanOrEqual(150);

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
    const verdicts = await runNodeOracle(oracleCases);

    const mismatches: string[] = [];
    for (const [index, { id, shape, name }] of cases.entries()) {
      const cert = made.get(shape.id)!;
      const input = await selfTrustInput(cert, name, now);
      const facts = cert.facts;
      const ours = nodeProfile.verify({ ...input, leaf: facts, roots: [facts] });
      const real = verdicts[index]!;
      const same =
        ours.ok === real.ok && ours.message === real.message && ours.nativeCode === real.nativeCode;
      if (!same) {
        mismatches.push(
          `${id}\n  node:    ${real.ok} ${real.nativeCode} ${real.message}\n  profile: ${ours.ok} ${ours.nativeCode} ${ours.message}`,
        );
      }
    }
    expect(mismatches).toEqual([]);
    console.log(`Node differential: ${cases.length - mismatches.length}/${cases.length} agree`);
  });
});
