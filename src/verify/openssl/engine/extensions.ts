/**
 * check_chain_extensions (crypto/x509/x509_vfy.c, OpenSSL 3.0) as `openssl verify`
 * runs it: no -purpose (so extendedKeyUsage is never consulted), no -x509_strict, no
 * proxy certificates. Certificates are visited leaf first.
 */
import type { CertFacts } from '../../facts/types.js';
import { checkCa, unhandledCriticalExtension } from './certflags.js';
import type { VerifyRun } from './run.js';

/** Returns false when verification must stop. */
export function checkChainExtensions(chain: readonly CertFacts[], run: VerifyRun): boolean {
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

    // pathLenConstraint counts the non-self-issued intermediates below the CA.
    const pathLen = cert.basicConstraints?.ca ? cert.basicConstraints.pathLen : null;
    if (depth > 1 && pathLen !== null && pathLength > pathLen) {
      if (!run.fail({ code: 'path-length-exceeded', depth, pathLen }, depth)) return false;
    }
    if (depth > 0 && !cert.selfIssued) pathLength++;
  }
  return true;
}
