/**
 * internal_verify (crypto/x509/x509_vfy.c, OpenSSL 3.0): walks the chain from the top
 * down to the leaf. For each certificate below its issuer: the issuer's keyUsage must
 * allow keyCertSign (32) and the signature must verify (7), both fatal for `openssl
 * verify`; then every certificate's validity period (validity.ts), the top one included.
 * A self-signed top's own signature is not checked (no X509_V_FLAG_CHECK_SS_SIGNATURE).
 */
import type { CertFacts } from '../../facts/types.js';
import type { SignatureChecks } from '../signatures.js';
import { keyUsageRejectsCertSign, likelyIssued } from './certflags.js';
import type { VerifyRun } from './run.js';
import { checkCertTime } from './validity.js';

/** Returns false when verification stopped. */
export function internalVerify(
  chain: readonly CertFacts[],
  signatures: SignatureChecks,
  nowSeconds: number,
  run: VerifyRun,
): boolean {
  let depth = chain.length - 1;
  const top = chain[depth] as CertFacts;
  // The top is normally self-issued (a root, or an untrusted self-signed leaf after 18).
  // Otherwise only a one-certificate chain could get here, with 21 — unreachable with
  // `openssl verify`, whose callback stops at the 20 that build_chain reports first.
  if (!likelyIssued(top, top) && depth > 0) depth--;

  while (depth >= 0) {
    const subject = chain[depth] as CertFacts;
    const issuerDepth = Math.min(depth + 1, chain.length - 1);
    const issuer = chain[issuerDepth] as CertFacts;
    if (issuerDepth !== depth) {
      if (keyUsageRejectsCertSign(issuer)) {
        if (!run.fail({ code: 'issuer-key-usage-no-cert-sign', depth: issuerDepth }, issuerDepth))
          return false;
      }
      if (!signatures.verifies(subject, issuer)) {
        if (!run.fail({ code: 'signature-invalid', depth }, depth)) return false;
      }
    }
    if (!checkCertTime(subject, depth, nowSeconds, run)) return false;
    depth--;
  }
  return true;
}
