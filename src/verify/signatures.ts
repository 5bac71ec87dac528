/**
 * Signature checks for the pure profiles: which (child, parent) pairs any modelled client
 * could try is decided up front, and each pair's answer is looked up by the profiles.
 * Certificates the DER reader read (src/facts/read.ts) are checked with node:crypto,
 * synchronously and only when a profile asks; pairs involving a certificate only the full
 * parser could read are checked up front with its WebCrypto verify (asynchronous).
 */
import { X509Certificate as NodeX509Certificate } from 'node:crypto';
import type { X509Certificate } from '@peculiar/x509';
import { fullParser } from '../facts/certificate.js';
import { nodeVerifies, publicKey, type SignedParts } from '../facts/node-signature.js';
import type { CertFacts } from '../facts/types.js';

export interface SignatureChecks {
  /** Whether `child`'s signature verifies with `parent`'s public key. */
  verifies(child: CertFacts, parent: CertFacts): boolean;
  /**
   * What OpenSSL's X509_verify says of the pair (node:crypto is OpenSSL): unlike
   * WebCrypto it knows DSA, P-192 and explicit-curve keys. The OpenSSL engine asks this
   * when present, else `verifies`.
   */
  opensslVerifies?(child: CertFacts, parent: CertFacts): boolean;
  /** Candidate pairs left unchecked because the budget ran out (they count as failed). */
  readonly skipped?: number;
}

/** A certificate to check: its facts and whatever a reader left for checking signatures. */
export interface SignatureSubject {
  readonly facts: CertFacts;
  /** From the DER reader: checked with node:crypto. */
  readonly signed?: SignedParts | null;
  /** The full parser's certificate, or the DER to make one from. */
  readonly cert?: X509Certificate;
  readonly der?: Uint8Array;
}

/**
 * At most this many signature checks per run. Go caps one Verify at 100 checks
 * (maxChainSignatureChecks, crypto/x509/verify.go, Go 1.16+); here the checks for every
 * profile and name are budgeted once up front, so the cap is per input, and generous: a
 * real chain needs a handful. It only bites on bundles built to make chain building
 * quadratic, and there it bounds the time (one RSA-16384 check takes milliseconds).
 */
export const DEFAULT_SIGNATURE_BUDGET = 2_000;

const key = (child: CertFacts, parent: CertFacts): string =>
  `${child.fingerprintSha256}>${parent.publicKeyHex}`;

/**
 * Every (child, parent) pair in which the parent's subject is the child's issuer or the
 * parent's key id is the child's authority key id — the only pairs any modelled client
 * tries — and the self pair is a candidate. Candidates are found through indexes by
 * subject and key id, not by comparing every pair, and duplicates (the same certificate
 * twice, the same key under two certificates) count once. The first `budget` candidates
 * are checked; the others count as failed and are counted in `skipped`. Which pairs are
 * checked does not depend on which a profile asks for, so the answers are the same
 * whichever way they are computed.
 */
export async function computeSignatureChecks(
  certs: readonly SignatureSubject[],
  budget = DEFAULT_SIGNATURE_BUDGET,
): Promise<SignatureChecks> {
  const unique = [
    ...new Map(certs.map((entry) => [entry.facts.fingerprintSha256, entry])).values(),
  ];
  const bySubject = groupBy(unique, (entry) => entry.facts.subject.rawHex);
  const byKeyId = groupBy(unique, (entry) => entry.facts.subjectKeyId);
  const allowed = new Map<string, { child: SignatureSubject; parent: SignatureSubject }>();
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
      if (allowed.has(id) || skipped.has(id)) continue;
      if (allowed.size >= budget) skipped.add(id);
      else allowed.set(id, { child, parent });
    }
  }

  const results = new Map<string, boolean>();
  for (const [id, { child, parent }] of allowed) {
    if (child.signed && parent.signed) continue;
    const { fullVerifies } = await fullParser();
    results.set(id, await fullVerifies(child, parent));
  }
  const opensslResults = new Map<string, boolean>();
  const parsed = new Map<string, NodeX509Certificate | null>();
  const nodeCertificate = (subject: SignatureSubject): NodeX509Certificate | null => {
    const id = subject.facts.fingerprintSha256;
    let cert = parsed.get(id);
    if (cert === undefined) {
      const der = subject.der ?? subject.cert?.rawData;
      try {
        cert = der
          ? new NodeX509Certificate(
              Buffer.from(der instanceof ArrayBuffer ? new Uint8Array(der) : der),
            )
          : null;
      } catch {
        cert = null;
      }
      parsed.set(id, cert);
    }
    return cert;
  };
  return {
    opensslVerifies(child, parent) {
      const id = key(child, parent);
      let result = opensslResults.get(id);
      if (result === undefined) {
        const pair = allowed.get(id);
        const cert = pair ? nodeCertificate(pair.child) : null;
        result = cert ? opensslVerifies(cert, parent.publicKeyHex) : false;
        opensslResults.set(id, result);
      }
      return result;
    },
    verifies(child, parent) {
      const id = key(child, parent);
      let result = results.get(id);
      if (result === undefined) {
        const pair = allowed.get(id);
        const childParts = pair?.child.signed;
        const parentParts = pair?.parent.signed;
        result = childParts && parentParts ? nodeVerifies(childParts, parentParts) : false;
        results.set(id, result);
      }
      return result;
    },
    skipped: skipped.size,
  };
}

/** X509_verify through node:crypto: the child's DER under the parent's SubjectPublicKeyInfo. */
function opensslVerifies(cert: NodeX509Certificate, spkiHex: string): boolean {
  try {
    return cert.verify(publicKey(Buffer.from(spkiHex, 'hex')));
  } catch {
    return false;
  }
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
