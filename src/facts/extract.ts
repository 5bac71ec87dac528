/**
 * CertFacts from @peculiar/x509's certificate: the full parser's path, for what the DER
 * reader (src/facts/read.ts) declines — lenient encodings, other string types, keys and
 * signature algorithms it does not know — and for callers that hold a parsed
 * certificate. Signature checks are WebCrypto and so asynchronous; everything else is
 * read from the ASN.1 schema objects and assembled as the DER reader's are
 * (src/facts/assemble.ts).
 */
import { AsnConvert } from '@peculiar/asn1-schema';
import * as asn1x509 from '@peculiar/asn1-x509';
import type { X509Certificate } from '@peculiar/x509';
import { toArrayBuffer, toHex } from '../base/bytes.js';
import { asn1ParseOptions } from '../load/index.js';
import {
  assembleFacts,
  extKeyUsageFacts,
  isSelfIssued,
  keyUsageFacts,
  nameFacts,
  type CertParts,
} from './assemble.js';
import { NAME_CONSTRAINTS_OID, nameConstraintsFacts } from './name-constraints.js';
import { decodeSan } from './san.js';
import { EXTENSION_NAMES, OID } from './tables.js';
import type {
  BasicConstraintsFacts,
  CertFacts,
  ExtKeyUsageFacts,
  KeyUsageFacts,
  NameFacts,
  PublicKeyFacts,
  SanFacts,
} from './types.js';

/**
 * A certificate that parsed as X.509 but holds a field no client would accept (a
 * malformed extension value, an impossible date). The message names the field and the
 * problem; it never contains the field's bytes.
 */
export class FactsError extends Error {
  override readonly name = 'FactsError';
}

/** Runs one extension decoder, turning whatever it throws into a FactsError naming the extension. */
function decoding<T>(oid: string, decode: () => T): T {
  try {
    return decode();
  } catch (error) {
    if (error instanceof FactsError) throw error;
    const reason = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
    throw new FactsError(`${EXTENSION_NAMES[oid] ?? oid} cannot be decoded (${reason})`);
  }
}

export async function extractFacts(cert: X509Certificate, index: number): Promise<CertFacts> {
  const asn = AsnConvert.parse(cert.rawData, asn1x509.Certificate, asn1ParseOptions());
  const tbs = asn.tbsCertificate;
  const extensions = new Map((tbs.extensions ?? []).map((ext) => [ext.extnID, ext]));
  const value = (oid: string): Uint8Array | undefined => {
    const ext = extensions.get(oid);
    return ext ? new Uint8Array(ext.extnValue.buffer) : undefined;
  };
  const critical = (oid: string): boolean => extensions.get(oid)?.critical ?? false;

  const parts: CertParts = {
    index,
    der: new Uint8Array(cert.rawData),
    version: tbs.version,
    serial: new Uint8Array(tbs.serialNumber),
    subject: readName(tbs.subject),
    issuer: readName(tbs.issuer),
    san: decoding(OID.subjectAltName, () =>
      sanFacts(value(OID.subjectAltName), critical(OID.subjectAltName)),
    ),
    nameConstraints: decoding(NAME_CONSTRAINTS_OID, () =>
      nameConstraintsFacts(value(NAME_CONSTRAINTS_OID), critical(NAME_CONSTRAINTS_OID)),
    ),
    publicKey: publicKeyFacts(cert),
    spki: new Uint8Array(AsnConvert.serialize(tbs.subjectPublicKeyInfo)),
    signatureOid: asn.signatureAlgorithm.algorithm,
    basicConstraints: decoding(OID.basicConstraints, () =>
      basicConstraintsFacts(value(OID.basicConstraints), critical(OID.basicConstraints)),
    ),
    keyUsage: decoding(OID.keyUsage, () => keyUsage(value(OID.keyUsage), critical(OID.keyUsage))),
    extKeyUsage: decoding(OID.extKeyUsage, () =>
      extKeyUsage(value(OID.extKeyUsage), critical(OID.extKeyUsage)),
    ),
    subjectKeyId: decoding(OID.subjectKeyId, () => keyIdentifier(value(OID.subjectKeyId), 'ski')),
    authorityKeyId: decoding(OID.authorityKeyId, () =>
      keyIdentifier(value(OID.authorityKeyId), 'aki'),
    ),
    // After the extensions: a certificate with both kinds of problem is named by its extension's.
    notBefore: validDate(cert, 'notBefore'),
    notAfter: validDate(cert, 'notAfter'),
    extensions: [...extensions.values()].map((ext) => [ext.extnID, ext.critical] as const),
  };
  return assembleFacts(parts, isSelfIssued(parts) && (await signatureVerifies(cert)));
}

/**
 * A validity time as a Date. The parser accepts a UTCTime/GeneralizedTime whose text is
 * not a time and yields an Invalid Date, which every later comparison would silently get
 * wrong; Go's parser refuses such a certificate ("x509: malformed validity").
 */
function validDate(cert: X509Certificate, field: 'notBefore' | 'notAfter'): Date {
  let date: Date;
  try {
    date = cert[field];
  } catch {
    throw new FactsError(`its ${field} time cannot be read`);
  }
  if (Number.isNaN(date.getTime())) throw new FactsError(`its ${field} time is not a valid time`);
  return date;
}

async function signatureVerifies(cert: X509Certificate): Promise<boolean> {
  try {
    return await cert.verify({ signatureOnly: true });
  } catch {
    return false;
  }
}

function readName(name: asn1x509.Name): NameFacts {
  return nameFacts(
    name.map((rdn) => rdn.map((attr) => ({ type: attr.type, value: attr.value.toString() }))),
    new Uint8Array(AsnConvert.serialize(name)),
  );
}

function sanFacts(value: Uint8Array | undefined, isCritical: boolean): SanFacts | null {
  if (!value) return null;
  const san = decodeSan(value, isCritical);
  if (typeof san !== 'string') return san;
  const none: readonly never[] = [];
  return {
    critical: isCritical,
    order: none,
    dns: none,
    ip: none,
    uri: none,
    email: none,
    other: none,
    undecodable: san,
  };
}

function basicConstraintsFacts(
  value: Uint8Array | undefined,
  isCritical: boolean,
): BasicConstraintsFacts | null {
  if (!value) return null;
  const bc = AsnConvert.parse(toArrayBuffer(value), asn1x509.BasicConstraints, asn1ParseOptions());
  return { critical: isCritical, ca: bc.cA, pathLen: bc.pathLenConstraint ?? null };
}

function keyUsage(value: Uint8Array | undefined, isCritical: boolean): KeyUsageFacts | null {
  if (!value) return null;
  const flags = AsnConvert.parse(
    toArrayBuffer(value),
    asn1x509.KeyUsage,
    asn1ParseOptions(),
  ).toNumber();
  return keyUsageFacts(isCritical, (bit) => (flags & (1 << bit)) !== 0);
}

function extKeyUsage(value: Uint8Array | undefined, isCritical: boolean): ExtKeyUsageFacts | null {
  if (!value) return null;
  const oids = AsnConvert.parse(
    toArrayBuffer(value),
    asn1x509.ExtendedKeyUsage,
    asn1ParseOptions(),
  );
  // The schema reads any element as an OID string; Go requires each to be one (RFC 5280 §4.2.1.12).
  if (oids.some((oid) => typeof oid !== 'string' || !/^\d+(\.\d+)+$/.test(oid))) {
    throw new FactsError('extKeyUsage holds something other than OIDs');
  }
  return extKeyUsageFacts(isCritical, oids);
}

function keyIdentifier(value: Uint8Array | undefined, kind: 'ski' | 'aki'): string | null {
  if (!value) return null;
  if (kind === 'ski') {
    return toHex(
      AsnConvert.parse(toArrayBuffer(value), asn1x509.SubjectKeyIdentifier, asn1ParseOptions())
        .buffer,
    );
  }
  const aki = AsnConvert.parse(
    toArrayBuffer(value),
    asn1x509.AuthorityKeyIdentifier,
    asn1ParseOptions(),
  );
  return aki.keyIdentifier ? toHex(aki.keyIdentifier.buffer) : null;
}

function publicKeyFacts(cert: X509Certificate): PublicKeyFacts {
  let algorithm: KeyAlgorithm & { modulusLength?: number; namedCurve?: string };
  try {
    algorithm = cert.publicKey.algorithm;
  } catch {
    // A key this parser cannot read (junk inside the right tags, an algorithm it does not
    // know) is still a certificate to judge: its signatures simply never verify.
    return { algorithm: 'unknown', bits: null, curve: null };
  }
  switch (algorithm.name) {
    case 'RSASSA-PKCS1-v1_5':
    case 'RSA-OAEP':
      return { algorithm: 'RSA', bits: algorithm.modulusLength ?? null, curve: null };
    case 'RSA-PSS':
      return { algorithm: 'RSA-PSS', bits: algorithm.modulusLength ?? null, curve: null };
    case 'ECDSA':
    case 'ECDH': {
      const curve = algorithm.namedCurve ?? null;
      const bits = curve ? Number(/\d+/.exec(curve)?.[0]) || null : null;
      return { algorithm: 'ECDSA', bits, curve };
    }
    case 'Ed25519':
      return { algorithm: 'Ed25519', bits: 256, curve: null };
    case 'Ed448':
      return { algorithm: 'Ed448', bits: 456, curve: null };
    default:
      return { algorithm: 'unknown', bits: null, curve: null };
  }
}
