/**
 * The names certificates are read with: one table each, shared by the DER reader
 * (src/facts/read.ts) and the full parser's path (src/facts/extract.ts), so both
 * spell every fact the same way.
 */

export const OID = {
  subjectKeyId: '2.5.29.14',
  keyUsage: '2.5.29.15',
  subjectAltName: '2.5.29.17',
  basicConstraints: '2.5.29.19',
  authorityKeyId: '2.5.29.35',
  extKeyUsage: '2.5.29.37',
  commonName: '2.5.4.3',
  organization: '2.5.4.10',
  rsaEncryption: '1.2.840.113549.1.1.1',
  ecPublicKey: '1.2.840.10045.2.1',
} as const;

/** Extension names for messages; Go's parser rejects a malformed value of each of these. */
export const EXTENSION_NAMES: Readonly<Record<string, string>> = {
  [OID.subjectKeyId]: 'subjectKeyIdentifier',
  [OID.keyUsage]: 'keyUsage',
  [OID.subjectAltName]: 'subjectAltName',
  [OID.basicConstraints]: 'basicConstraints',
  [OID.authorityKeyId]: 'authorityKeyIdentifier',
  [OID.extKeyUsage]: 'extKeyUsage',
};

/** Attribute short names of RFC 4514 §3 (plus SERIALNUMBER, E as OpenSSL prints them). */
export const SHORT_NAMES: Readonly<Record<string, string>> = {
  '2.5.4.3': 'CN',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.5': 'SERIALNUMBER',
  '0.9.2342.19200300.100.1.25': 'DC',
  '1.2.840.113549.1.9.1': 'E',
};

/** KeyUsage bits in RFC 5280 §4.2.1.3 order: bit n is the n-th name (flag 1 << n). */
export const KEY_USAGES = [
  'digitalSignature',
  'nonRepudiation',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
  'encipherOnly',
  'decipherOnly',
] as const;

/** ExtKeyUsage purposes by name (RFC 5280 §4.2.1.12; Go's extKeyUsageOIDs names). */
export const EKU_NAMES: Readonly<Record<string, string>> = {
  '2.5.29.37.0': 'any',
  '1.3.6.1.5.5.7.3.1': 'serverAuth',
  '1.3.6.1.5.5.7.3.2': 'clientAuth',
  '1.3.6.1.5.5.7.3.3': 'codeSigning',
  '1.3.6.1.5.5.7.3.4': 'emailProtection',
  '1.3.6.1.5.5.7.3.8': 'timeStamping',
  '1.3.6.1.5.5.7.3.9': 'ocspSigning',
  '1.3.6.1.4.1.311.10.3.3': 'microsoftServerGatedCrypto',
  '2.16.840.1.113730.4.1': 'netscapeServerGatedCrypto',
};

export interface SignatureAlgorithmFacts {
  readonly oid: string;
  /** Go's x509.SignatureAlgorithm.String() spelling, e.g. SHA256-RSA. */
  readonly name: string;
  readonly hash: 'MD5' | 'SHA1' | 'SHA256' | 'SHA384' | 'SHA512' | null;
}

export interface SignatureAlgorithm extends Omit<SignatureAlgorithmFacts, 'oid'> {
  /**
   * How node:crypto checks it: the key type and digest. Absent where WebCrypto (which
   * the full parser's checks use) cannot verify it at all — MD5 — or where node:crypto
   * has no one-call equivalent (RSASSA-PSS parameters, Ed25519): then the full parser decides.
   */
  readonly node?: { readonly key: 'rsa' | 'ec'; readonly digest: string };
}

type Hash = NonNullable<SignatureAlgorithmFacts['hash']>;
const rsa = (hash: Hash): SignatureAlgorithm => ({
  name: `${hash}-RSA`,
  hash,
  node: { key: 'rsa', digest: hash.toLowerCase() },
});
const ecdsa = (hash: Hash): SignatureAlgorithm => ({
  name: `ECDSA-${hash}`,
  hash,
  node: { key: 'ec', digest: hash.toLowerCase() },
});

/** Go's x509.SignatureAlgorithm.String() spellings (crypto/x509/x509.go signatureAlgorithmDetails). */
export const SIGNATURE_ALGORITHMS: Readonly<Record<string, SignatureAlgorithm>> = {
  '1.2.840.113549.1.1.4': { name: 'MD5-RSA', hash: 'MD5' },
  '1.2.840.113549.1.1.5': rsa('SHA1'),
  '1.2.840.113549.1.1.11': rsa('SHA256'),
  '1.2.840.113549.1.1.12': rsa('SHA384'),
  '1.2.840.113549.1.1.13': rsa('SHA512'),
  '1.2.840.113549.1.1.10': { name: 'RSASSA-PSS', hash: null },
  '1.2.840.10045.4.1': ecdsa('SHA1'),
  '1.2.840.10045.4.3.2': ecdsa('SHA256'),
  '1.2.840.10045.4.3.3': ecdsa('SHA384'),
  '1.2.840.10045.4.3.4': ecdsa('SHA512'),
  '1.3.101.112': { name: 'Ed25519', hash: null },
};

export function signatureAlgorithmFacts(oid: string): SignatureAlgorithmFacts {
  const known = SIGNATURE_ALGORITHMS[oid];
  return { oid, name: known?.name ?? oid, hash: known?.hash ?? null };
}

/**
 * Named curves (RFC 5480 §2.1.1.1) by the WebCrypto names @peculiar/x509 reports.
 * `webCrypto`: Node's WebCrypto implements it (Web Cryptography API §23.3 names only the
 * NIST curves), so a signature under it can verify; secp256k1 it does not, and a
 * signature under such a key never verifies, whichever library looks.
 */
export const CURVES: Readonly<
  Record<string, { readonly name: string; readonly webCrypto: boolean }>
> = {
  '1.2.840.10045.3.1.7': { name: 'P-256', webCrypto: true },
  '1.3.132.0.34': { name: 'P-384', webCrypto: true },
  '1.3.132.0.35': { name: 'P-521', webCrypto: true },
  '1.3.132.0.10': { name: 'K-256', webCrypto: false },
};

/** Kinds of GeneralName (RFC 5280 §4.2.1.6) the SAN lists describe rather than list. */
export const OTHER_GENERAL_NAMES: Readonly<Record<number, string>> = {
  0: 'otherName',
  3: 'x400Address',
  4: 'directoryName',
  5: 'ediPartyName',
  8: 'registeredID',
};
