/**
 * Every corpus case through the real `openssl verify` (3.0) and through the OpenSSL
 * profile: they must agree on ok, the first error's number and text, and the whole list
 * of `error N at D depth lookup: TEXT` lines. A disagreement is a bug in the profile.
 */
import { errorLine, verifyOpenssl } from '../../src/verify/openssl/index.js';
import { makeCert, selfTrustInput } from '../helpers/certs.js';
import { opensslOracleAvailability, runOpensslOracle } from '../oracle/openssl.js';
import type { OracleCase } from '../oracle/types.js';
import { buildCorpus, corpusCases } from './corpus.js';

const availability = opensslOracleAvailability();
if (!availability.available) {
  console.warn(`skipping the OpenSSL differential test: ${availability.reason}`);
}
const maybe = availability.available ? test : test.skip;

maybe('the OpenSSL profile agrees with `openssl verify` on every corpus case', async () => {
  const now = new Date();
  const shapes = buildCorpus(now);
  const made = new Map(
    await Promise.all(shapes.map(async (shape) => [shape.id, await makeCert(shape.spec)] as const)),
  );
  const cases = corpusCases(shapes);

  const oracleCases: OracleCase[] = cases.map(({ id, shape, name }) => {
    const cert = made.get(shape.id);
    if (!cert) throw new Error(`no certificate for ${shape.id}`);
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
  const oracle = await runOpensslOracle(oracleCases);

  const mismatches: string[] = [];
  for (const [index, { id, shape, name }] of cases.entries()) {
    const cert = made.get(shape.id);
    const real = oracle[index];
    if (!cert || !real) throw new Error(`missing data for ${id}`);
    const model = verifyOpenssl(await selfTrustInput(cert, name, now));
    const modelLines = model.errors.map((error) => errorLine(error.failure, error.depth));
    const realLines = real.errors.map(
      (error) => `error ${error.number} at ${error.depth} depth lookup: ${error.text}`,
    );
    const agree =
      model.ok === real.ok &&
      model.message === real.message &&
      model.nativeCode === real.nativeCode &&
      JSON.stringify(modelLines) === JSON.stringify(realLines);
    if (!agree) {
      mismatches.push(
        `${id}\n  openssl: ${real.ok ? 'OK' : realLines.join(' | ')}\n  profile: ${model.ok ? 'OK' : modelLines.join(' | ')}`,
      );
    }
  }
  const outcomes = new Map<string, number>();
  for (const verdict of oracle) {
    const key = verdict.ok ? 'OK' : verdict.errors.map((error) => error.number).join('+');
    outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
  }
  console.log(
    `OpenSSL differential: ${cases.length - mismatches.length}/${cases.length} cases agree ` +
      `(${availability.reason}); openssl outcomes: ${[...outcomes].map(([key, count]) => `${key}×${count}`).join(', ')}`,
  );
  expect(mismatches).toEqual([]);
  expect(cases.length).toBeGreaterThanOrEqual(150);
});
