/**
 * internal_verify (crypto/x509/x509_vfy.c, OpenSSL 3.0): walks the chain from the top
 * down to the leaf. For each certificate below its issuer: the issuer's keyUsage must
 * allow keyCertSign (32), its key must decode (6) and the signature must verify (7);
 * then every certificate's validity period (validity.ts), the top one included. A
 * self-signed top's own signature is not checked (no X509_V_FLAG_CHECK_SS_SIGNATURE). A
 * top that is not self-issued is skipped (its issuer was never found), except a lone
 * leaf, which is 21 ("unable to verify the first certificate") and then has its times
 * checked. Signatures are OpenSSL's own answers (node:crypto), so keys WebCrypto lacks
 * (P-192, DSA, explicit curves) verify as they do in OpenSSL.
 */
import type { CertFacts } from '../../../facts/types.js';
import type { SignatureChecks } from '../../signatures.js';
import { keyState, keyUsageRejectsCertSign, likelyIssued } from './flags.js';
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
  if (!likelyIssued(top, top)) {
    if (depth === 0) {
      if (!run.fail({ code: 'unknown-authority', depth: 0, hint: null }, 0, 21)) return false;
      return checkCertTime(top, 0, nowSeconds, run);
    }
    depth--;
  }
  const verifies = (child: CertFacts, parent: CertFacts): boolean =>
    signatures.opensslVerifies
      ? signatures.opensslVerifies(child, parent)
      : signatures.verifies(child, parent);

  while (depth >= 0) {
    const subject = chain[depth] as CertFacts;
    const issuerDepth = Math.min(depth + 1, chain.length - 1);
    const issuer = chain[issuerDepth] as CertFacts;
    if (issuerDepth !== depth) {
      if (keyUsageRejectsCertSign(issuer)) {
        if (!run.fail({ code: 'issuer-key-usage-no-cert-sign', depth: issuerDepth }, issuerDepth))
          return false;
      }
      if (keyState(issuer) === 'undecodable') {
        if (!run.fail({ code: 'signature-invalid', depth }, issuerDepth, 6)) return false;
      } else if (!verifies(subject, issuer)) {
        if (!run.fail({ code: 'signature-invalid', depth }, depth)) return false;
      }
    }
    if (!checkCertTime(subject, depth, nowSeconds, run)) return false;
    depth--;
  }
  return true;
}
