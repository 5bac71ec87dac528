/**
 * Builds X.509 certificates with exact control over every field that a verifier
 * looks at. Used by the apiserver reproductions (src/kube), the bundled fixtures
 * and the differential tests, so that all of them make certificates the same way.
 *
 * SANs are encoded here rather than through @peculiar/x509's helper so that IP
 * addresses keep their exact octets (an IPv4-mapped IPv6 SAN is 16 bytes, not 4).
 */
import * as asn1js from 'asn1js';
import {
  BasicConstraintsExtension,
  ExtendedKeyUsageExtension,
  Extension,
  KeyUsagesExtension,
  SubjectKeyIdentifierExtension,
  AuthorityKeyIdentifierExtension,
  X509CertificateGenerator,
  type X509Certificate,
} from '../base/x509.js';
import { toArrayBuffer } from '../base/bytes.js';
// The names facts/extract.ts reads back, so a spec and the facts of its result compare directly.
import type { KeyUsageName } from '../facts/types.js';
import { ipToBytes } from '../base/ip.js';

export type SanEntry =
  | { readonly dns: string }
  | { readonly ip: string }
  | { readonly ipBytes: readonly number[] }
  | { readonly uri: string }
  | { readonly email: string };

export const EKU_OIDS = {
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
  codeSigning: '1.3.6.1.5.5.7.3.3',
  emailProtection: '1.3.6.1.5.5.7.3.4',
  timeStamping: '1.3.6.1.5.5.7.3.8',
  ocspSigning: '1.3.6.1.5.5.7.3.9',
  any: '2.5.29.37.0',
} as const;
export type EkuName = keyof typeof EKU_OIDS;

export interface CertificateSpec {
  /** Subject DN in RFC 4514 form, e.g. `CN=vm-56-65@1446612345`. */
  readonly subject: string;
  /** Issuer DN; defaults to the subject (self-issued). */
  readonly issuer?: string;
  /** Hex serial number, without sign handling: the generator keeps it positive. */
  readonly serialHex: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly san?: readonly SanEntry[];
  readonly basicConstraints?: {
    readonly ca: boolean;
    readonly pathLen?: number;
    readonly critical?: boolean;
  };
  readonly keyUsage?: readonly KeyUsageName[];
  /** Usage names from EKU_OIDS, or dotted OIDs. */
  readonly extKeyUsage?: readonly string[];
  /** Adds subject/authority key identifiers the way Go's CreateCertificate does for CAs. */
  readonly keyIds?: boolean;
  /** nameConstraints (RFC 5280 §4.2.1.10); critical unless `critical: false`. */
  readonly nameConstraints?: NameConstraintsSpec;
  /** Extra raw extensions, e.g. an unknown critical one for robustness tests. */
  readonly extraExtensions?: readonly {
    readonly oid: string;
    readonly critical: boolean;
    readonly value: Uint8Array;
  }[];
  readonly hash?: 'SHA-1' | 'SHA-256' | 'SHA-384';
}

export interface KeyPair {
  readonly publicKey: CryptoKey;
  readonly privateKey: CryptoKey;
}

export const RSA_2048: RsaHashedKeyGenParams = {
  name: 'RSASSA-PKCS1-v1_5',
  modulusLength: 2048,
  publicExponent: new Uint8Array([1, 0, 1]),
  hash: 'SHA-256',
};
export const ECDSA_P256: EcKeyGenParams = { name: 'ECDSA', namedCurve: 'P-256' };

export async function generateKeyPair(
  algorithm: RsaHashedKeyGenParams | EcKeyGenParams = RSA_2048,
): Promise<KeyPair> {
  return await crypto.subtle.generateKey(algorithm, true, ['sign', 'verify']);
}

/**
 * Signs `spec` for `subjectKey` with `signer` (the issuer's key pair, or the subject's own
 * for a self-signed certificate).
 */
export async function buildCertificate(
  spec: CertificateSpec,
  subjectKey: KeyPair,
  signer: KeyPair = subjectKey,
): Promise<X509Certificate> {
  const extensions: Extension[] = [];
  if (spec.basicConstraints) {
    const { ca, pathLen, critical = true } = spec.basicConstraints;
    extensions.push(new BasicConstraintsExtension(ca, pathLen, critical));
  }
  if (spec.keyUsage) {
    const flags = spec.keyUsage.reduce((sum, usage) => sum | KEY_USAGE_FLAGS[usage], 0);
    extensions.push(new KeyUsagesExtension(flags, true));
  }
  if (spec.extKeyUsage) {
    const oids = spec.extKeyUsage.map((usage) =>
      usage in EKU_OIDS ? EKU_OIDS[usage as EkuName] : usage,
    );
    extensions.push(new ExtendedKeyUsageExtension(oids, false));
  }
  if (spec.keyIds) {
    extensions.push(await SubjectKeyIdentifierExtension.create(subjectKey.publicKey));
    if (signer !== subjectKey)
      extensions.push(await AuthorityKeyIdentifierExtension.create(signer.publicKey));
  }
  if (spec.nameConstraints) {
    const { critical = true } = spec.nameConstraints;
    extensions.push(
      new Extension(
        '2.5.29.30',
        critical,
        toArrayBuffer(encodeNameConstraints(spec.nameConstraints)),
      ),
    );
  }
  if (spec.san && spec.san.length > 0) {
    extensions.push(new Extension('2.5.29.17', false, toArrayBuffer(encodeGeneralNames(spec.san))));
  }
  for (const extra of spec.extraExtensions ?? []) {
    extensions.push(new Extension(extra.oid, extra.critical, toArrayBuffer(extra.value)));
  }
  const hash = spec.hash ?? 'SHA-256';
  const signingKey = await withHash(signer.privateKey, hash);
  const algorithm = signingKey.algorithm;
  return X509CertificateGenerator.create({
    serialNumber: spec.serialHex,
    subject: spec.subject,
    issuer: spec.issuer ?? spec.subject,
    notBefore: spec.notBefore,
    notAfter: spec.notAfter,
    publicKey: subjectKey.publicKey,
    signingKey,
    signingAlgorithm:
      algorithm.name === 'ECDSA' ? { name: 'ECDSA', hash } : { name: algorithm.name, hash },
    extensions,
  });
}

/**
 * An RSA key is bound to one hash in WebCrypto, and the generator signs with the key's
 * hash; to sign with another (SHA-1 for legacy fixtures) the key is re-imported.
 */
async function withHash(key: CryptoKey, hash: string): Promise<CryptoKey> {
  const algorithm = key.algorithm as RsaHashedKeyAlgorithm;
  if (algorithm.name === 'ECDSA' || algorithm.name === 'Ed25519' || algorithm.hash.name === hash)
    return key;
  const pkcs8 = await crypto.subtle.exportKey('pkcs8', key);
  return crypto.subtle.importKey('pkcs8', pkcs8, { name: algorithm.name, hash }, true, ['sign']);
}

const KEY_USAGE_FLAGS: Record<KeyUsageName, number> = {
  digitalSignature: 1,
  nonRepudiation: 2,
  keyEncipherment: 4,
  dataEncipherment: 8,
  keyAgreement: 16,
  keyCertSign: 32,
  cRLSign: 64,
  encipherOnly: 128,
  decipherOnly: 256,
};

/**
 * A constraint base: a DNS, email or URI base as written (a leading `.` kept), an IP range
 * as CIDR text (`10.0.0.0/24`, `fd00::/8`), or raw address-and-mask octets.
 */
export type ConstraintBase =
  | { readonly dns: string }
  | { readonly email: string }
  | { readonly uri: string }
  | { readonly ip: string }
  | { readonly ipBytes: readonly number[] };

export interface NameConstraintsSpec {
  readonly critical?: boolean;
  readonly permitted?: readonly ConstraintBase[];
  readonly excluded?: readonly ConstraintBase[];
}

/** NameConstraints ::= SEQUENCE { permittedSubtrees [0], excludedSubtrees [1] } (DER). */
export function encodeNameConstraints(spec: NameConstraintsSpec): Uint8Array {
  const subtrees = (tag: number, bases: readonly ConstraintBase[] | undefined) =>
    bases && bases.length > 0
      ? [
          new asn1js.Constructed({
            idBlock: { tagClass: 3, tagNumber: tag },
            value: bases.map((base) => new asn1js.Sequence({ value: [constraintBase(base)] })),
          }),
        ]
      : [];
  const value = [...subtrees(0, spec.permitted), ...subtrees(1, spec.excluded)];
  return new Uint8Array(new asn1js.Sequence({ value }).toBER(false));
}

function constraintBase(base: ConstraintBase): asn1js.Primitive {
  if ('dns' in base) return implicitString(2, base.dns);
  if ('email' in base) return implicitString(1, base.email);
  if ('uri' in base) return implicitString(6, base.uri);
  const bytes = 'ip' in base ? cidrToBytes(base.ip) : Uint8Array.from(base.ipBytes);
  return new asn1js.Primitive({
    idBlock: { tagClass: 3, tagNumber: 7 },
    valueHex: toArrayBuffer(bytes),
  });
}

/** `10.0.0.0/24` → address octets then mask octets. */
function cidrToBytes(cidr: string): Uint8Array {
  const [address = '', prefixText = ''] = cidr.split('/');
  const bytes = ipToBytes(address);
  const prefix = Number(prefixText);
  if (!bytes || !/^\d+$/.test(prefixText) || prefix > bytes.length * 8) {
    throw new Error(`not an IP range: ${cidr}`);
  }
  const mask = bytes.map((_, index) => {
    const ones = Math.min(8, Math.max(0, prefix - index * 8));
    return (0xff << (8 - ones)) & 0xff;
  });
  return Uint8Array.from([...bytes, ...mask]);
}

/** GeneralNames (RFC 5280 §4.2.1.6) with context tags: 1 email, 2 DNS, 6 URI, 7 IP. */
export function encodeGeneralNames(entries: readonly SanEntry[]): Uint8Array {
  const names = entries.map((entry) => {
    if ('dns' in entry) return implicitString(2, entry.dns);
    if ('email' in entry) return implicitString(1, entry.email);
    if ('uri' in entry) return implicitString(6, entry.uri);
    const bytes = 'ip' in entry ? ipToBytes(entry.ip) : Uint8Array.from(entry.ipBytes);
    if (!bytes) throw new Error(`not an IP address: ${'ip' in entry ? entry.ip : ''}`);
    return new asn1js.Primitive({
      idBlock: { tagClass: 3, tagNumber: 7 },
      valueHex: toArrayBuffer(bytes),
    });
  });
  return new Uint8Array(new asn1js.Sequence({ value: names }).toBER(false));
}

function implicitString(tag: number, value: string): asn1js.Primitive {
  return new asn1js.Primitive({
    idBlock: { tagClass: 3, tagNumber: tag },
    valueHex: toArrayBuffer(Buffer.from(value, 'latin1')),
  });
}
