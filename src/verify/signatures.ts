/**
 * Signature checks are asynchronous (WebCrypto), chain rules are not: the checks a
 * verification could need are computed up front and looked up by the pure profiles.
 */
import type { X509Certificate } from '@peculiar/x509';
import type { CertFacts } from '../facts/types.js';

export interface SignatureChecks {
  /** Whether `child`'s signature verifies with `parent`'s public key. */
  verifies(child: CertFacts, parent: CertFacts): boolean;
  /** Candidate pairs left unchecked because the budget ran out (they count as failed). */
  readonly skipped?: number;
}

/**
 * At most this many signature checks per run. Go caps one Verify at 100 checks
 * (maxChainSignatureChecks, crypto/x509/verify.go, Go 1.16+); here the checks for every
 * profile and name are made once up front, so the cap is per input, and generous: a real
 * chain needs a handful. It only bites on bundles built to make chain building
 * quadratic, and there it bounds the time (one RSA-16384 check takes milliseconds).
 */
export const DEFAULT_SIGNATURE_BUDGET = 2_000;

const key = (child: CertFacts, parent: CertFacts): string =>
  `${child.fingerprintSha256}>${parent.publicKeyHex}`;

/**
 * Checks every (child, parent) pair in which the parent's subject is the child's issuer
 * or the parent's key id is the child's authority key id — the only pairs any modelled
 * client tries — and the self pair. Candidates are found through indexes by subject and
 * key id, not by comparing every pair, and duplicates (the same certificate twice, the
 * same key under two certificates) are checked once. `budget` bounds the number of
 * checks; pairs beyond it count as failed and are counted in `skipped`.
 */
export async function computeSignatureChecks(
  certs: readonly { readonly facts: CertFacts; readonly cert: X509Certificate }[],
  budget = DEFAULT_SIGNATURE_BUDGET,
): Promise<SignatureChecks> {
  const unique = [
    ...new Map(certs.map((entry) => [entry.facts.fingerprintSha256, entry])).values(),
  ];
  const bySubject = groupBy(unique, (entry) => entry.facts.subject.rawHex);
  const byKeyId = groupBy(unique, (entry) => entry.facts.subjectKeyId);
  const results = new Map<string, boolean>();
  let spent = 0;
  const skipped = new Set<string>();
  for (const child of unique) {
    const parents = new Set([
      ...(bySubject.get(child.facts.issuer.rawHex) ?? []),
      ...(child.facts.authorityKeyId === null
        ? []
        : (byKeyId.get(child.facts.authorityKeyId) ?? [])),
    ]);
    for (const parent of parents) {
      const id = key(child.facts, parent.facts);
      if (results.has(id)) continue;
      if (spent >= budget) {
        skipped.add(id);
        continue;
      }
      spent++;
      results.set(id, await verifiesWith(child.cert, parent.cert));
    }
  }
  return {
    verifies: (child, parent) => results.get(key(child, parent)) ?? false,
    skipped: skipped.size,
  };
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string | null): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const id = keyOf(item);
    if (id === null) continue;
    const group = groups.get(id);
    if (group) group.push(item);
    else groups.set(id, [item]);
  }
  return groups;
}

async function verifiesWith(child: X509Certificate, parent: X509Certificate): Promise<boolean> {
  try {
    return await child.verify({ publicKey: parent.publicKey, signatureOnly: true });
  } catch {
    return false;
  }
}
