/**
 * The wording table: every Failure code has an OpenSSL number, macro name and text;
 * the texts are OpenSSL 3.0's X509_verify_cert_error_string.
 */
import { FAILURE_CODES, type Failure } from '../../../src/verify/failures.js';
import { continuesAfter, errorLine, opensslError } from '../../../src/verify/openssl/messages.js';

/** Minimal failures of each code: the table only reads `code`. */
const sample = (code: (typeof FAILURE_CODES)[number]): Failure => ({ code }) as unknown as Failure;

test('every failure code has an entry', () => {
  for (const code of FAILURE_CODES) {
    const error = opensslError(sample(code));
    expect(error.number).toBeGreaterThan(0);
    expect(error.name).toMatch(/^X509_V_ERR_[A-Z_]+$/);
    expect(error.text.length).toBeGreaterThan(0);
  }
});

test.each([
  [
    'self-signed-untrusted',
    18,
    'X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT',
    'self-signed certificate',
  ],
  [
    'untrusted-root',
    19,
    'X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN',
    'self-signed certificate in certificate chain',
  ],
  [
    'unknown-authority',
    20,
    'X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
    'unable to get local issuer certificate',
  ],
  [
    'anchor-not-self-signed',
    2,
    'X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT',
    'unable to get issuer certificate',
  ],
  ['name-not-in-sans', 62, 'X509_V_ERR_HOSTNAME_MISMATCH', 'hostname mismatch'],
  ['cn-mismatch', 62, 'X509_V_ERR_HOSTNAME_MISMATCH', 'hostname mismatch'],
  ['no-ip-sans', 64, 'X509_V_ERR_IP_ADDRESS_MISMATCH', 'IP address mismatch'],
  ['expired', 10, 'X509_V_ERR_CERT_HAS_EXPIRED', 'certificate has expired'],
  ['not-yet-valid', 9, 'X509_V_ERR_CERT_NOT_YET_VALID', 'certificate is not yet valid'],
  ['intermediate-not-ca', 79, 'X509_V_ERR_INVALID_CA', 'invalid CA certificate'],
  [
    'issuer-key-usage-no-cert-sign',
    32,
    'X509_V_ERR_KEYUSAGE_NO_CERTSIGN',
    'key usage does not include certificate signing',
  ],
  ['signature-invalid', 7, 'X509_V_ERR_CERT_SIGNATURE_FAILURE', 'certificate signature failure'],
  [
    'unhandled-critical-extension',
    34,
    'X509_V_ERR_UNHANDLED_CRITICAL_EXTENSION',
    'unhandled critical extension',
  ],
] as const)('%s → %d %s "%s"', (code, number, name, text) => {
  expect(opensslError(sample(code))).toEqual({ number, name, text });
});

test('which errors openssl verify continues after', () => {
  expect([10, 18, 25, 34, 79].every(continuesAfter)).toBe(true);
  expect([2, 7, 9, 19, 20, 32, 62, 64].some(continuesAfter)).toBe(false);
});

test('the printed line', () => {
  expect(errorLine({ code: 'self-signed-untrusted' }, 0)).toBe(
    'error 18 at 0 depth lookup: self-signed certificate',
  );
});
