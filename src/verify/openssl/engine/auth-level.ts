/**
 * check_auth_level (crypto/x509/x509_vfy.c, OpenSSL 3.0): with an authentication level
 * above 0 — a TLS connection's security level; `openssl verify` has none unless
 * -auth_level — every certificate below the top of the chain must carry a signature
 * worth the level's bits. Level 1 wants 80 bits and OpenSSL 3.0 rates SHA-1 at 63 and
 * MD5 at 39 (x509_set.c x509_sig_info_init), so a SHA-1 leaf or intermediate fails (68).
 * Not modelled: the key-size half (CA_KEY_TOO_SMALL, RSA under 1024 bits at level 1).
 */
import type { CertFacts } from '../../../facts/types.js';
import type { VerifyRun } from './run.js';

/** Returns false when verification must stop. */
export function checkAuthLevel(
  chain: readonly CertFacts[],
  level: number,
  run: VerifyRun,
): boolean {
  if (level <= 0) return true;
  for (let depth = 0; depth < chain.length - 1; depth++) {
    const cert = chain[depth] as CertFacts;
    const hash = cert.signatureAlgorithm.hash;
    if (hash === 'SHA1' || hash === 'MD5') {
      const failure = {
        code: 'weak-signature-digest',
        depth,
        algorithm: cert.signatureAlgorithm.name,
      } as const;
      if (!run.fail(failure, depth)) return false;
    }
  }
  return true;
}
