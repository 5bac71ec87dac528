/**
 * Validity periods and where they sit in OpenSSL 3.0's order of checks: the host check
 * (check_id) runs before internal_verify's time checks, 9 stops `openssl verify`, 10
 * does not.
 */
import {
  checkCertTime,
  isTimeValid,
  toAttime,
} from '../../../src/verify/openssl/engine/validity.js';
import { VerifyRun } from '../../../src/verify/openssl/engine/run.js';
import { continuesAfter } from '../../../src/verify/openssl/messages.js';
import { makeCert } from '../../helpers/certs.js';
import { caSpec, checkScenarios, DAY, NOW } from './helpers.js';

const notBefore = new Date(Math.floor(NOW.getTime() / 1000) * 1000 - DAY);
const notAfter = new Date(notBefore.getTime() + 10 * DAY);
const at = (offsetSeconds: number, from: Date): Date =>
  new Date(from.getTime() + offsetSeconds * 1000);

describe('OpenSSL 3.0 validity periods', () => {
  test('valid from notBefore inclusive to notAfter exclusive, in whole seconds', async () => {
    const cert = await makeCert(
      caSpec({ notBefore, notAfter, san: [{ dns: 'kubernetes.default' }] }),
    );
    const times = [at(-1, notBefore), notBefore, at(-1, notAfter), notAfter, at(0.9, notAfter)];
    expect(times.map((time) => isTimeValid(cert.facts, toAttime(time)))).toEqual([
      false,
      true,
      true,
      false,
      false,
    ]);
    const got = await checkScenarios(
      times.map((now) => ({ leaf: cert, roots: [cert], host: 'kubernetes.default', now })),
    );
    expect(got).toEqual([
      ['error 9 at 0 depth lookup: certificate is not yet valid'],
      [],
      [],
      ['error 10 at 0 depth lookup: certificate has expired'],
      ['error 10 at 0 depth lookup: certificate has expired'],
    ]);
  });

  test('the host check comes first: an expired cert for the wrong name reports only 62', async () => {
    const cert = await makeCert(
      caSpec({ notBefore, notAfter, san: [{ dns: 'kubernetes.default' }, { ip: '10.0.0.1' }] }),
    );
    const late = at(60, notAfter);
    const early = at(-60, notBefore);
    const got = await checkScenarios([
      { leaf: cert, roots: [cert], host: 'wrong.example', now: late },
      { leaf: cert, roots: [cert], host: '10.0.0.9', now: early },
      { leaf: cert, roots: [cert], host: 'kubernetes.default', now: late },
    ]);
    expect(got).toEqual([
      ['error 62 at 0 depth lookup: hostname mismatch'],
      ['error 64 at 0 depth lookup: IP address mismatch'],
      ['error 10 at 0 depth lookup: certificate has expired'],
    ]);
  });

  test('9 stops verification, 10 lets it go on', async () => {
    const cert = await makeCert(caSpec({ notBefore, notAfter }));
    const stop = new VerifyRun(continuesAfter);
    expect(checkCertTime(cert.facts, 0, toAttime(at(-5, notBefore)), stop)).toBe(false);
    expect(stop.errors.map((error) => error.failure.code)).toEqual(['not-yet-valid']);
    const goOn = new VerifyRun(continuesAfter);
    expect(checkCertTime(cert.facts, 0, toAttime(notAfter), goOn)).toBe(true);
    expect(goOn.errors).toEqual([
      {
        depth: 0,
        failure: { code: 'expired', depth: 0, notAfter: cert.facts.notAfter, now: notAfter },
        number: 10,
      },
    ]);
  });
});
