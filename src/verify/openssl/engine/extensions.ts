/**
 * check_chain_extensions (crypto/x509/x509_vfy.c, OpenSSL 3.0), leaf first: unhandled
 * critical extensions (34), CA-ness (79), explicit EC parameters (94) or an undecodable
 * key (1) in a chain of more than one certificate, the purpose when one is set (26), and
 * pathLenConstraint (25). No -x509_strict, no proxy certificates.
 */
import type { CertFacts } from '../../../facts/types.js';
import type { Failure } from '../../failures.js';
import { checkCa, isInvalid, keyState, unhandledCriticalExtension } from './flags.js';
import type { VerifyRun } from './run.js';

/** The purpose X509_verify_cert checks: none (`openssl verify` without -purpose) or a TLS server's. */
export type Purpose = 'none' | 'ssl-server';

/** EKUs the SSL-server purpose accepts (XKU_SSL_SERVER | XKU_SGC); not anyExtendedKeyUsage. */
const SERVER_EKUS = new Set([
  'serverAuth',
  'microsoftServerGatedCrypto',
  'netscapeServerGatedCrypto',
  '1.3.6.1.5.5.7.3.1',
  '1.3.6.1.4.1.311.10.3.3',
  '2.16.840.1.113730.4.1',
]);

/** keyUsage bits that let a leaf serve TLS (KU_TLS). */
const TLS_KEY_USAGES = new Set(['digitalSignature', 'keyEncipherment', 'keyAgreement']);

/** X509_V_ERR_INVALID_PURPOSE. */
const INVALID_PURPOSE = 26;

/** Returns false when verification must stop. */
export function checkChainExtensions(
  chain: readonly CertFacts[],
  purpose: Purpose,
  run: VerifyRun,
): boolean {
  let pathLength = 0;
  for (let depth = 0; depth < chain.length; depth++) {
    const cert = chain[depth] as CertFacts;
    const oid = unhandledCriticalExtension(cert);
    if (oid !== null && !run.fail({ code: 'unhandled-critical-extension', depth, oid }, depth))
      return false;

    // The leaf is not checked as a CA (must_be_ca −1 without -x509_strict); every cert
    // above it must be one, and an intermediate (not the top) must say CA:TRUE in
    // basicConstraints ("X509_V_FLAG_X509_STRICT is implicit for intermediate CAs").
    if (depth > 0) {
      const ca = checkCa(cert);
      const isTop = depth === chain.length - 1;
      if (
        (ca === 0 || (!isTop && ca !== 1)) &&
        !run.fail({ code: 'intermediate-not-ca', depth }, depth)
      ) {
        return false;
      }
    }

    // check_curve, for every certificate of a chain longer than one: no key is 1, an EC
    // key with explicit parameters 94.
    if (chain.length > 1) {
      const key = keyState(cert);
      if (key !== 'named') {
        const failure: Failure = { code: 'signature-invalid', depth };
        if (!run.fail(failure, depth, key === 'explicit-ec' ? 94 : 1)) return false;
      }
    }

    if (purpose === 'ssl-server') {
      const problem = sslServerPurpose(cert, depth);
      if (problem && !run.fail(problem, depth, INVALID_PURPOSE)) return false;
    }

    // pathLenConstraint counts the non-self-issued intermediates below the CA.
    const pathLen = cert.basicConstraints?.ca ? cert.basicConstraints.pathLen : null;
    if (depth > 1 && pathLen !== null && pathLength > pathLen) {
      if (!run.fail({ code: 'path-length-exceeded', depth, pathLen }, depth)) return false;
    }
    if (depth > 0 && !cert.selfIssued) pathLength++;
  }
  return true;
}

/**
 * check_purpose → X509_check_purpose(x, SSL_SERVER, depth > 0) (v3_purp.c): the EKU
 * must allow a TLS server; then a leaf's keyUsage must allow TLS and a CA must pass
 * check_ca. A certificate whose extensions could not be cached answers −1, which passes
 * without -x509_strict. The Failure says why; the error is 26 whatever the cause.
 */
function sslServerPurpose(cert: CertFacts, depth: number): Failure | null {
  if (isInvalid(cert)) return null;
  const eku = cert.extKeyUsage;
  if (eku && !eku.usages.some((usage) => SERVER_EKUS.has(usage))) {
    return { code: 'eku-incompatible', depth, usages: eku.usages };
  }
  if (depth === 0) {
    const keyUsage = cert.keyUsage;
    if (keyUsage && !keyUsage.usages.some((usage) => TLS_KEY_USAGES.has(usage))) {
      return { code: 'key-usage-incompatible', depth, usages: keyUsage.usages };
    }
    return null;
  }
  if (checkCa(cert) !== 0) return null;
  return cert.keyUsage && !cert.keyUsage.usages.includes('keyCertSign')
    ? { code: 'issuer-key-usage-no-cert-sign', depth }
    : { code: 'intermediate-not-ca', depth };
}
