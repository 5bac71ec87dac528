/**
 * Signature checks are asynchronous (WebCrypto), chain rules are not: the checks a
 * verification could need are computed up front and looked up by the pure profiles.
 */
import type { X509Certificate } from '@peculiar/x509';
import type { CertFacts } from '../facts/types.js';

export interface SignatureChecks {
  /** Whether `child`'s signature verifies with `parent`'s public key. */
  verifies(child: CertFacts, parent: CertFacts): boolean;
}

const key = (child: CertFacts, parent: CertFacts): string =>
  `${child.fingerprintSha256}>${parent.publicKeyHex}`;

/**
 * Checks every (child, parent) pair in which the parent's subject is the child's issuer
 * or the parent's key id is the child's authority key id — the only pairs any modelled
 * client tries — and the self pair. `budget` bounds the number of checks so a hostile
 * bundle cannot make this quadratic blow-up expensive; pairs beyond it count as failed.
 */
export async function computeSignatureChecks(
  certs: readonly { readonly facts: CertFacts; readonly cert: X509Certificate }[],
  budget = 10_000,
): Promise<SignatureChecks> {
  const results = new Map<string, boolean>();
  let spent = 0;
  for (const child of certs) {
    for (const parent of certs) {
      const candidate =
        child.facts.issuer.rawHex === parent.facts.subject.rawHex ||
        (child.facts.authorityKeyId !== null &&
          child.facts.authorityKeyId === parent.facts.subjectKeyId);
      const id = key(child.facts, parent.facts);
      if (!candidate || results.has(id)) continue;
      if (spent++ >= budget) break;
      results.set(id, await verifiesWith(child.cert, parent.cert));
    }
  }
  return { verifies: (child, parent) => results.get(key(child, parent)) ?? false };
}

async function verifiesWith(child: X509Certificate, parent: X509Certificate): Promise<boolean> {
  try {
    return await child.verify({ publicKey: parent.publicKey, signatureOnly: true });
  } catch {
    return false;
  }
}
