/**
 * Signature checks with node:crypto, synchronous and cheap, for certificates the DER
 * reader (src/facts/read.ts) read. They give the answers the full parser's WebCrypto
 * checks give (src/verify/signatures.ts; tests/facts/read.test.ts compares them): a key
 * of the wrong type, an algorithm WebCrypto does not implement (MD5, secp256k1), or
 * anything that cannot be checked is "does not verify".
 */
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { SIGNATURE_ALGORITHMS } from './tables.js';

/** What a signature check needs from a certificate the DER reader read. */
export interface SignedParts {
  /** DER of the TBSCertificate: the signed bytes. */
  readonly tbs: Uint8Array;
  readonly signatureOid: string;
  /** The signatureValue's bits (PKCS#1 v1.5 block, or a DER ECDSA-Sig-Value). */
  readonly signature: Uint8Array;
  /** DER of SubjectPublicKeyInfo: the key this certificate's children are checked with. */
  readonly spki: Uint8Array;
  /** RSA, or EC on a curve WebCrypto implements: a key a signature can verify under. */
  readonly keyUsable: boolean;
}

/** Whether `child`'s signature verifies under `parent`'s key. */
export function nodeVerifies(child: SignedParts, parent: SignedParts): boolean {
  const algorithm = SIGNATURE_ALGORITHMS[child.signatureOid]?.node;
  if (!algorithm || !parent.keyUsable) return false;
  try {
    const key = publicKey(parent.spki);
    if (key.asymmetricKeyType !== algorithm.key) return false;
    return verify(algorithm.digest, child.tbs, key, child.signature);
  } catch {
    return false;
  }
}

/** Key objects by SPKI: a batch sees the same issuer keys over and over. */
const keyCache = new Map<string, KeyObject>();

/** The key of a SubjectPublicKeyInfo as node:crypto (OpenSSL) decodes it; throws when it cannot. */
export function publicKey(spki: Uint8Array): KeyObject {
  const id = Buffer.from(spki.buffer, spki.byteOffset, spki.length).toString('latin1');
  let key = keyCache.get(id);
  if (!key) {
    key = createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
    if (keyCache.size >= 4096) keyCache.clear();
    keyCache.set(id, key);
  }
  return key;
}
