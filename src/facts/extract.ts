/**
 * CertFacts from a parsed certificate. Signature checks are WebCrypto and so
 * asynchronous; everything else is read straight from the DER.
 */
import { createHash } from 'node:crypto';
import { AsnConvert } from '@peculiar/asn1-schema';
import * as asn1x509 from '@peculiar/asn1-x509';
import { KeyUsageFlags, type X509Certificate } from '@peculiar/x509';
import { toArrayBuffer, toHex } from '../bytes.js';
import { asn1ParseOptions } from '../load/index.js';
import { recognizeKubeGenerated } from './kubernetes.js';
import { decodeSan } from './san.js';
import type {
  BasicConstraintsFacts,
  CertFacts,
  ExtKeyUsageFacts,
  KeyUsageFacts,
  KeyUsageName,
  NameFacts,
  PublicKeyFacts,
  SanFacts,
  SignatureAlgorithmFacts,
} from './types.js';

const OID = {
  subjectKeyId: '2.5.29.14',
  keyUsage: '2.5.29.15',
  subjectAltName: '2.5.29.17',
  basicConstraints: '2.5.29.19',
  authorityKeyId: '2.5.29.35',
  extKeyUsage: '2.5.29.37',
  commonName: '2.5.4.3',
  organization: '2.5.4.10',
} as const;

/**
 * A certificate that parsed as X.509 but holds a field no client would accept (a
 * malformed extension value, an impossible date). The message names the field and the
 * problem; it never contains the field's bytes.
 */
export class FactsError extends Error {
  override readonly name = 'FactsError';
}

/** Extension names for messages; Go's parser rejects a malformed value of each of these. */
const EXTENSION_NAMES: Record<string, string> = {
  [OID.subjectKeyId]: 'subjectKeyIdentifier',
  [OID.keyUsage]: 'keyUsage',
  [OID.subjectAltName]: 'subjectAltName',
  [OID.basicConstraints]: 'basicConstraints',
  [OID.authorityKeyId]: 'authorityKeyIdentifier',
  [OID.extKeyUsage]: 'extKeyUsage',
};

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
  const der = new Uint8Array(cert.rawData);
  const asn = AsnConvert.parse(cert.rawData, asn1x509.Certificate, asn1ParseOptions());
  const tbs = asn.tbsCertificate;
  const extensions = new Map((tbs.extensions ?? []).map((ext) => [ext.extnID, ext]));
  const value = (oid: string): Uint8Array | undefined => {
    const ext = extensions.get(oid);
    return ext ? new Uint8Array(ext.extnValue.buffer) : undefined;
  };
  const critical = (oid: string): boolean => extensions.get(oid)?.critical ?? false;

  const subject = nameFacts(tbs.subject);
  const issuer = nameFacts(tbs.issuer);
  const san = decoding(OID.subjectAltName, () =>
    sanFacts(value(OID.subjectAltName), critical(OID.subjectAltName)),
  );
  const basicConstraints = decoding(OID.basicConstraints, () =>
    basicConstraintsFacts(value(OID.basicConstraints), critical(OID.basicConstraints)),
  );
  const keyUsage = decoding(OID.keyUsage, () =>
    keyUsageFacts(value(OID.keyUsage), critical(OID.keyUsage)),
  );
  const extKeyUsage = decoding(OID.extKeyUsage, () =>
    extKeyUsageFacts(value(OID.extKeyUsage), critical(OID.extKeyUsage)),
  );
  const subjectKeyId = decoding(OID.subjectKeyId, () =>
    keyIdentifier(value(OID.subjectKeyId), 'ski'),
  );
  const authorityKeyId = decoding(OID.authorityKeyId, () =>
    keyIdentifier(value(OID.authorityKeyId), 'aki'),
  );
  const notBefore = validDate(cert, 'notBefore');
  const notAfter = validDate(cert, 'notAfter');
  const selfIssued = subject.rawHex === issuer.rawHex;
  const serial = new Uint8Array(tbs.serialNumber);

  return {
    index,
    version: tbs.version + 1,
    serialHex: toHex(serial),
    serialDecimal: serial.length === 0 ? '0' : BigInt(`0x${toHex(serial)}`).toString(10),
    subject,
    issuer,
    notBefore,
    notAfter,
    san,
    publicKey: publicKeyFacts(cert),
    publicKeyHex: toHex(AsnConvert.serialize(tbs.subjectPublicKeyInfo)),
    signatureAlgorithm: signatureAlgorithmFacts(asn.signatureAlgorithm.algorithm),
    basicConstraints,
    keyUsage,
    extKeyUsage,
    subjectKeyId,
    authorityKeyId,
    fingerprintSha256: createHash('sha256').update(der).digest('hex'),
    selfIssued,
    selfSigned: selfIssued && (await signatureVerifies(cert)),
    criticalExtensions: [...extensions.values()]
      .filter((ext) => ext.critical)
      .map((ext) => ext.extnID),
    kubernetes: recognizeKubeGenerated({
      commonName: subject.commonNames.at(-1),
      issuerCommonName: issuer.commonNames.at(-1),
      selfIssued,
      isCa: basicConstraints?.ca ?? false,
      canSignCertificates: keyUsage === null || keyUsage.usages.includes('keyCertSign'),
      dnsSans: san?.dns ?? [],
      ipSans: san?.ip.map((ip) => ip.text) ?? [],
      notBefore,
      serialHex: toHex(serial),
    }),
  };
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

function nameFacts(name: asn1x509.Name): NameFacts {
  const attributes = name.flatMap((rdn) => [...rdn]);
  const valuesOf = (oid: string): string[] =>
    attributes.filter((attr) => attr.type === oid).map((attr) => attr.value.toString());
  return {
    dn: rfc4514(name),
    commonNames: valuesOf(OID.commonName),
    organizations: valuesOf(OID.organization),
    rawHex: toHex(AsnConvert.serialize(name)),
  };
}

const SHORT_NAMES: Record<string, string> = {
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

/** RFC 4514 order (most specific first), with the RFC's escaping of special characters. */
function rfc4514(name: asn1x509.Name): string {
  return [...name]
    .reverse()
    .map((rdn) =>
      [...rdn]
        .map(
          (attr) =>
            `${SHORT_NAMES[attr.type] ?? attr.type}=${escapeDnValue(attr.value.toString())}`,
        )
        .join('+'),
    )
    .join(', ');
}

function escapeDnValue(value: string): string {
  return value
    .replace(/[\\,+"<>;=]/g, (char) => `\\${char}`)
    .replace(/^[ #]/, (char) => `\\${char}`)
    .replace(/ $/, '\\ ');
}

function sanFacts(value: Uint8Array | undefined, isCritical: boolean): SanFacts | null {
  if (!value) return null;
  const san = decodeSan(value, isCritical);
  if (typeof san === 'string') throw new FactsError(san);
  return san;
}

function basicConstraintsFacts(
  value: Uint8Array | undefined,
  isCritical: boolean,
): BasicConstraintsFacts | null {
  if (!value) return null;
  const bc = AsnConvert.parse(toArrayBuffer(value), asn1x509.BasicConstraints, asn1ParseOptions());
  return { critical: isCritical, ca: bc.cA, pathLen: bc.pathLenConstraint ?? null };
}

const KEY_USAGE_NAMES = Object.entries(KeyUsageFlags).filter(
  (entry): entry is [KeyUsageName, number] => typeof entry[1] === 'number',
);

function keyUsageFacts(value: Uint8Array | undefined, isCritical: boolean): KeyUsageFacts | null {
  if (!value) return null;
  const flags = AsnConvert.parse(
    toArrayBuffer(value),
    asn1x509.KeyUsage,
    asn1ParseOptions(),
  ).toNumber();
  return {
    critical: isCritical,
    usages: KEY_USAGE_NAMES.filter(([, bit]) => (flags & bit) !== 0).map(([usage]) => usage),
  };
}

const EKU_NAMES: Record<string, string> = {
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

function extKeyUsageFacts(
  value: Uint8Array | undefined,
  isCritical: boolean,
): ExtKeyUsageFacts | null {
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
  return { critical: isCritical, usages: oids.map((oid) => EKU_NAMES[oid] ?? oid) };
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

const SIGNATURE_ALGORITHMS: Record<string, Omit<SignatureAlgorithmFacts, 'oid'>> = {
  '1.2.840.113549.1.1.4': { name: 'MD5-RSA', hash: 'MD5' },
  '1.2.840.113549.1.1.5': { name: 'SHA1-RSA', hash: 'SHA1' },
  '1.2.840.113549.1.1.11': { name: 'SHA256-RSA', hash: 'SHA256' },
  '1.2.840.113549.1.1.12': { name: 'SHA384-RSA', hash: 'SHA384' },
  '1.2.840.113549.1.1.13': { name: 'SHA512-RSA', hash: 'SHA512' },
  '1.2.840.113549.1.1.10': { name: 'RSASSA-PSS', hash: null },
  '1.2.840.10045.4.1': { name: 'ECDSA-SHA1', hash: 'SHA1' },
  '1.2.840.10045.4.3.2': { name: 'ECDSA-SHA256', hash: 'SHA256' },
  '1.2.840.10045.4.3.3': { name: 'ECDSA-SHA384', hash: 'SHA384' },
  '1.2.840.10045.4.3.4': { name: 'ECDSA-SHA512', hash: 'SHA512' },
  '1.3.101.112': { name: 'Ed25519', hash: null },
};

function signatureAlgorithmFacts(oid: string): SignatureAlgorithmFacts {
  return { oid, ...(SIGNATURE_ALGORITHMS[oid] ?? { name: oid, hash: null }) };
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
