/**
 * CertFacts straight from DER, for batch audits of thousands of certificates: the
 * same object src/facts/extract.ts builds from an @peculiar/x509 certificate, at a
 * fraction of the cost (no ASN.1 schema objects, synchronous node:crypto signatures
 * instead of WebCrypto). It covers the encodings real clusters hold — RSA and the
 * NIST/secp256k1 EC curves, PKCS#1 v1.5 and ECDSA signatures, Printable/UTF8/IA5
 * string names — and returns null for anything else, so the caller uses the full
 * parser. tests/batch/fast-facts.test.ts holds it equal to extractFacts.
 */
import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';
import { toHex } from '../bytes.js';
import { recognizeKubeGenerated } from '../facts/kubernetes.js';
import { formatIpGo } from '../verify/ip.js';
import type {
  CertFacts,
  KeyUsageName,
  NameFacts,
  PublicKeyFacts,
  SanKind,
  SignatureAlgorithmFacts,
} from '../facts/types.js';
import {
  children,
  content,
  expect,
  oid,
  readTlv,
  smallInteger,
  Unsupported,
  whole,
} from './der.js';
import type { Tlv } from './der.js';

/** What the fast path keeps per certificate beyond its facts: what signature checks need. */
export interface FastCertificate {
  readonly facts: CertFacts;
  readonly tbs: Uint8Array;
  readonly signature: Uint8Array;
  readonly spki: Uint8Array;
}

const OID = {
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

/** Go's x509.SignatureAlgorithm names, as src/facts/extract.ts spells them. */
const SIGNATURE_ALGORITHMS: Record<string, Omit<SignatureAlgorithmFacts, 'oid'>> = {
  '1.2.840.113549.1.1.4': { name: 'MD5-RSA', hash: 'MD5' },
  '1.2.840.113549.1.1.5': { name: 'SHA1-RSA', hash: 'SHA1' },
  '1.2.840.113549.1.1.11': { name: 'SHA256-RSA', hash: 'SHA256' },
  '1.2.840.113549.1.1.12': { name: 'SHA384-RSA', hash: 'SHA384' },
  '1.2.840.113549.1.1.13': { name: 'SHA512-RSA', hash: 'SHA512' },
  '1.2.840.10045.4.1': { name: 'ECDSA-SHA1', hash: 'SHA1' },
  '1.2.840.10045.4.3.2': { name: 'ECDSA-SHA256', hash: 'SHA256' },
  '1.2.840.10045.4.3.3': { name: 'ECDSA-SHA384', hash: 'SHA384' },
  '1.2.840.10045.4.3.4': { name: 'ECDSA-SHA512', hash: 'SHA512' },
};

/** Signature algorithms the fast path verifies: key type and node:crypto digest. */
const VERIFIABLE: Record<string, { key: 'rsa' | 'ec'; digest: string }> = {
  '1.2.840.113549.1.1.5': { key: 'rsa', digest: 'sha1' },
  '1.2.840.113549.1.1.11': { key: 'rsa', digest: 'sha256' },
  '1.2.840.113549.1.1.12': { key: 'rsa', digest: 'sha384' },
  '1.2.840.113549.1.1.13': { key: 'rsa', digest: 'sha512' },
  '1.2.840.10045.4.1': { key: 'ec', digest: 'sha1' },
  '1.2.840.10045.4.3.2': { key: 'ec', digest: 'sha256' },
  '1.2.840.10045.4.3.3': { key: 'ec', digest: 'sha384' },
  '1.2.840.10045.4.3.4': { key: 'ec', digest: 'sha512' },
};

/** WebCrypto curve names @peculiar/x509 reports for these parameters (RFC 5480 §2.1.1.1). */
const CURVES: Record<string, string> = {
  '1.2.840.10045.3.1.7': 'P-256',
  '1.3.132.0.34': 'P-384',
  '1.3.132.0.35': 'P-521',
  '1.3.132.0.10': 'K-256',
};

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

/** RFC 5280 §4.2.1.3 bit order, as @peculiar/x509's KeyUsageFlags numbers them. */
const KEY_USAGES: readonly KeyUsageName[] = [
  'digitalSignature',
  'nonRepudiation',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
  'encipherOnly',
  'decipherOnly',
];

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

/** Facts for one DER certificate, or null when the full parser must decide. */
export function fastCertificate(der: Uint8Array, index: number): FastCertificate | null {
  try {
    return parse(der, index);
  } catch (error) {
    if (error instanceof Unsupported) return null;
    throw error;
  }
}

function parse(der: Uint8Array, index: number): FastCertificate {
  const cert = expect(readTlv(der, 0, der.length), 0x30);
  if (cert.end !== der.length) throw new Unsupported('trailing data');
  const [tbsTlv, sigAlgTlv, sigTlv, ...rest] = children(der, cert);
  if (rest.length > 0) throw new Unsupported('extra certificate fields');
  const tbs = expect(tbsTlv, 0x30);
  const signatureOid = oid(der, expect(children(der, expect(sigAlgTlv, 0x30))[0], 0x06));
  const signatureAlgorithm = SIGNATURE_ALGORITHMS[signatureOid];
  if (!signatureAlgorithm) throw new Unsupported('signature algorithm');
  const signature = bitStringBytes(der, expect(sigTlv, 0x03));

  const fields = children(der, tbs);
  let at = 0;
  let version = 0;
  if (fields[0]?.tag === 0xa0) {
    const [inner, ...more] = children(der, fields[0]);
    if (!inner || more.length > 0) throw new Unsupported('version');
    version = smallInteger(der, inner);
    at = 1;
  }
  const serialTlv = expect(fields[at], 0x02);
  expect(fields[at + 1], 0x30);
  const issuerTlv = expect(fields[at + 2], 0x30);
  const validity = children(der, expect(fields[at + 3], 0x30));
  const subjectTlv = expect(fields[at + 4], 0x30);
  const spkiTlv = expect(fields[at + 5], 0x30);
  const extensionsTlv = fields[at + 6];
  if (fields.length > at + 7 || (extensionsTlv && extensionsTlv.tag !== 0xa3)) {
    throw new Unsupported('unique identifiers or unknown fields');
  }
  if (validity.length !== 2) throw new Unsupported('validity');
  const notBefore = time(der, validity[0]);
  const notAfter = time(der, validity[1]);

  const extensions = extensionsTlv ? extensionMap(der, extensionsTlv) : new Map<string, Ext>();
  const value = (id: string): Uint8Array | undefined => extensions.get(id)?.value;
  const critical = (id: string): boolean => extensions.get(id)?.critical ?? false;

  const subject = nameFacts(der, subjectTlv);
  const issuer = nameFacts(der, issuerTlv);
  const sanValue = value(OID.subjectAltName);
  const san = sanValue ? sanFacts(sanValue, critical(OID.subjectAltName)) : null;
  const basicConstraints = basicConstraintsFacts(
    value(OID.basicConstraints),
    critical(OID.basicConstraints),
  );
  const keyUsage = keyUsageFacts(value(OID.keyUsage), critical(OID.keyUsage));
  const selfIssued = subject.rawHex === issuer.rawHex;
  const serial = content(der, serialTlv);
  const serialHex = toHex(serial);
  const spki = whole(der, spkiTlv);
  const tbsBytes = whole(der, tbs);
  const publicKey = publicKeyFacts(der, spkiTlv);
  const ekuValue = value(OID.extKeyUsage);

  const facts: CertFacts = {
    index,
    version: version + 1,
    serialHex,
    serialDecimal: serial.length === 0 ? '0' : BigInt(`0x${serialHex}`).toString(10),
    subject,
    issuer,
    notBefore,
    notAfter,
    san,
    publicKey,
    publicKeyHex: toHex(spki),
    signatureAlgorithm: { oid: signatureOid, ...signatureAlgorithm },
    basicConstraints,
    keyUsage,
    extKeyUsage: ekuValue
      ? { critical: critical(OID.extKeyUsage), usages: ekuFacts(ekuValue) }
      : null,
    subjectKeyId: subjectKeyId(value(OID.subjectKeyId)),
    authorityKeyId: authorityKeyId(value(OID.authorityKeyId)),
    fingerprintSha256: createHash('sha256').update(der).digest('hex'),
    selfIssued,
    selfSigned: selfIssued && signatureVerifies(tbsBytes, signatureOid, signature, spki),
    criticalExtensions: [...extensions].filter(([, ext]) => ext.critical).map(([id]) => id),
    kubernetes: recognizeKubeGenerated({
      commonName: subject.commonNames.at(-1),
      issuerCommonName: issuer.commonNames.at(-1),
      selfIssued,
      isCa: basicConstraints?.ca ?? false,
      canSignCertificates: keyUsage === null || keyUsage.usages.includes('keyCertSign'),
      dnsSans: san?.dns ?? [],
      ipSans: san?.ip.map((ip) => ip.text) ?? [],
      notBefore,
      serialHex,
    }),
  };
  return { facts, tbs: tbsBytes, signature, spki };
}

/**
 * Whether `tbs` signed with `signatureOid` verifies under the SubjectPublicKeyInfo
 * `spki`, with the answers WebCrypto gives src/verify/signatures.ts: a key of the
 * wrong type, or anything it cannot check, is "does not verify".
 */
export function signatureVerifies(
  tbs: Uint8Array,
  signatureOid: string,
  signature: Uint8Array,
  spki: Uint8Array,
): boolean {
  const algorithm = VERIFIABLE[signatureOid];
  if (!algorithm) return false;
  try {
    const key = publicKey(spki);
    if (key.asymmetricKeyType !== algorithm.key) return false;
    return verify(algorithm.digest, tbs, key, signature);
  } catch {
    return false;
  }
}

/** Key objects by SPKI: a batch sees the same issuer keys over and over. */
const keyCache = new Map<string, KeyObject>();

function publicKey(spki: Uint8Array): KeyObject {
  const id = Buffer.from(spki).toString('base64');
  let key = keyCache.get(id);
  if (!key) {
    key = createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
    if (keyCache.size >= 256) keyCache.clear();
    keyCache.set(id, key);
  }
  return key;
}

interface Ext {
  readonly critical: boolean;
  readonly value: Uint8Array;
}

function extensionMap(der: Uint8Array, wrapper: Tlv): Map<string, Ext> {
  const [list, ...more] = children(der, wrapper);
  if (!list || more.length > 0) throw new Unsupported('extensions wrapper');
  const map = new Map<string, Ext>();
  for (const extension of children(der, expect(list, 0x30))) {
    const parts = children(der, expect(extension, 0x30));
    const id = oid(der, expect(parts[0], 0x06));
    let critical = false;
    let valueTlv = parts[1];
    if (valueTlv?.tag === 0x01) {
      if (valueTlv.end - valueTlv.body !== 1) throw new Unsupported('BOOLEAN length');
      critical = der[valueTlv.body] !== 0;
      valueTlv = parts[2];
      if (parts.length !== 3) throw new Unsupported('extension fields');
    } else if (parts.length !== 2) throw new Unsupported('extension fields');
    // Duplicate extensions are malformed (RFC 5280 §4.2); leave them to the full parser.
    if (map.has(id)) throw new Unsupported('duplicate extension');
    map.set(id, { critical, value: content(der, expect(valueTlv, 0x04)) });
  }
  return map;
}

function nameFacts(der: Uint8Array, name: Tlv): NameFacts {
  const attributes: { type: string; value: string }[] = [];
  const rdns: { type: string; value: string }[][] = [];
  for (const rdn of children(der, name)) {
    const set: { type: string; value: string }[] = [];
    for (const attribute of children(der, expect(rdn, 0x31))) {
      const [typeTlv, valueTlv, ...more] = children(der, expect(attribute, 0x30));
      if (!valueTlv || more.length > 0) throw new Unsupported('attribute');
      const entry = { type: oid(der, expect(typeTlv, 0x06)), value: stringValue(der, valueTlv) };
      set.push(entry);
      attributes.push(entry);
    }
    rdns.push(set);
  }
  const valuesOf = (id: string): string[] =>
    attributes.filter((attr) => attr.type === id).map((attr) => attr.value);
  return {
    dn: rdns
      .reverse()
      .map((set) =>
        set
          .map((attr) => `${SHORT_NAMES[attr.type] ?? attr.type}=${escapeDnValue(attr.value)}`)
          .join('+'),
      )
      .join(', '),
    commonNames: valuesOf(OID.commonName),
    organizations: valuesOf(OID.organization),
    rawHex: toHex(whole(der, name)),
  };
}

/** The string types certificates use; anything else (BMP, Teletex …) goes to the full parser. */
function stringValue(der: Uint8Array, tlv: Tlv): string {
  const bytes = content(der, tlv);
  switch (tlv.tag) {
    case 0x13: // PrintableString
    case 0x16: // IA5String
      for (const byte of bytes) if (byte < 0x20 || byte > 0x7e) throw new Unsupported('string');
      return Buffer.from(bytes).toString('latin1');
    case 0x0c: {
      // UTF8String: only when it round-trips, so invalid UTF-8 is judged by the full parser.
      const text = Buffer.from(bytes).toString('utf8');
      if (!Buffer.from(text, 'utf8').equals(bytes) || text.includes('\0')) {
        throw new Unsupported('UTF8String');
      }
      return text;
    }
    default:
      throw new Unsupported('string type');
  }
}

function escapeDnValue(value: string): string {
  return value
    .replace(/[\\,+"<>;=]/g, (char) => `\\${char}`)
    .replace(/^[ #]/, (char) => `\\${char}`)
    .replace(/ $/, '\\ ');
}

/** UTCTime YYMMDDHHMMSSZ (RFC 5280 §4.1.2.5.1) or GeneralizedTime YYYYMMDDHHMMSSZ. */
function time(der: Uint8Array, tlv: Tlv | undefined): Date {
  if (!tlv) throw new Unsupported('time');
  const text = Buffer.from(content(der, tlv)).toString('latin1');
  let match: RegExpExecArray | null;
  let year: number;
  if (tlv.tag === 0x17 && (match = /^(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)Z$/.exec(text))) {
    const yy = Number(match[1]);
    year = yy >= 50 ? 1900 + yy : 2000 + yy;
  } else if (tlv.tag === 0x18 && (match = /^(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)Z$/.exec(text))) {
    year = Number(match[1]);
  } else throw new Unsupported('time format');
  const [month, day, hour, minute, second] = match.slice(2).map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) {
    throw new Unsupported('time value');
  }
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  if (date.getUTCDate() !== day) throw new Unsupported('time value');
  return date;
}

function publicKeyFacts(der: Uint8Array, spki: Tlv): PublicKeyFacts {
  const [algorithmTlv, keyTlv, ...more] = children(der, spki);
  if (more.length > 0) throw new Unsupported('SPKI fields');
  const [algorithmOid, parameters] = children(der, expect(algorithmTlv, 0x30));
  const id = oid(der, expect(algorithmOid, 0x06));
  if (id === OID.rsaEncryption) {
    const key = bitStringBytes(der, expect(keyTlv, 0x03));
    const [modulus] = children(key, expect(readTlv(key, 0, key.length), 0x30));
    const bytes = content(key, expect(modulus, 0x02));
    // @peculiar/x509 drops one leading zero octet and counts whole octets.
    const octets = bytes[0] === 0 ? bytes.length - 1 : bytes.length;
    return { algorithm: 'RSA', bits: octets * 8, curve: null };
  }
  if (id === OID.ecPublicKey && parameters?.tag === 0x06) {
    const curve = CURVES[oid(der, parameters)];
    if (!curve) throw new Unsupported('curve');
    return { algorithm: 'ECDSA', bits: Number(/\d+/.exec(curve)?.[0]), curve };
  }
  throw new Unsupported('key algorithm');
}

function bitStringBytes(der: Uint8Array, tlv: Tlv): Uint8Array {
  if (tlv.end === tlv.body || der[tlv.body] !== 0) throw new Unsupported('BIT STRING padding');
  return der.subarray(tlv.body + 1, tlv.end);
}

/**
 * subjectAltName GeneralNames (RFC 5280 §4.2.1.6) as src/facts/san.ts decodes them:
 * rfc822Name, dNSName and URI as Latin-1 text, iPAddress with its exact octets. Other
 * kinds (directoryName, otherName …) are left to the full parser.
 */
function sanFacts(value: Uint8Array, isCritical: boolean): NonNullable<CertFacts['san']> {
  const list = expect(readTlv(value, 0, value.length), 0x30);
  if (list.end !== value.length) throw new Unsupported('data after GeneralNames');
  const san = {
    critical: isCritical,
    order: [] as SanKind[],
    dns: [] as string[],
    ip: [] as { text: string; bytesHex: string }[],
    uri: [] as string[],
    email: [] as string[],
    other: [] as string[],
  };
  for (const entry of children(value, list)) {
    const bytes = content(value, entry);
    switch (entry.tag) {
      case 0x81:
        san.order.push('email');
        san.email.push(Buffer.from(bytes).toString('latin1'));
        break;
      case 0x82:
        san.order.push('dns');
        san.dns.push(Buffer.from(bytes).toString('latin1'));
        break;
      case 0x86:
        san.order.push('uri');
        san.uri.push(Buffer.from(bytes).toString('latin1'));
        break;
      case 0x87:
        san.order.push('ip');
        san.ip.push({ text: formatIpGo(bytes), bytesHex: toHex(bytes) });
        break;
      default:
        throw new Unsupported('GeneralName kind');
    }
  }
  return san;
}

function basicConstraintsFacts(
  value: Uint8Array | undefined,
  isCritical: boolean,
): CertFacts['basicConstraints'] {
  if (!value) return null;
  const fields = children(value, expect(readTlv(value, 0, value.length), 0x30));
  let ca = false;
  let pathLen: number | null = null;
  let next = 0;
  if (fields[0]?.tag === 0x01) {
    if (fields[0].end - fields[0].body !== 1) throw new Unsupported('BOOLEAN length');
    ca = value[fields[0].body] !== 0;
    next = 1;
  }
  const pathLenTlv = fields[next];
  if (pathLenTlv) {
    pathLen = smallInteger(value, pathLenTlv);
    next++;
  }
  if (fields.length > next) throw new Unsupported('basicConstraints fields');
  return { critical: isCritical, ca, pathLen };
}

function keyUsageFacts(value: Uint8Array | undefined, isCritical: boolean): CertFacts['keyUsage'] {
  if (!value) return null;
  const tlv = expect(readTlv(value, 0, value.length), 0x03);
  const bytes = content(value, tlv);
  const unused = bytes[0] ?? 0;
  if (bytes.length === 0 || unused > 7) throw new Unsupported('keyUsage');
  const bitCount = (bytes.length - 1) * 8 - unused;
  const usages = KEY_USAGES.filter(
    (_, bit) => bit < bitCount && ((bytes[1 + (bit >> 3)] ?? 0) & (0x80 >> (bit & 7))) !== 0,
  );
  return { critical: isCritical, usages };
}

function ekuFacts(value: Uint8Array): string[] {
  const list = children(value, expect(readTlv(value, 0, value.length), 0x30));
  return list.map((entry) => {
    const id = oid(value, entry);
    return EKU_NAMES[id] ?? id;
  });
}

function subjectKeyId(value: Uint8Array | undefined): string | null {
  if (!value) return null;
  return toHex(content(value, expect(readTlv(value, 0, value.length), 0x04)));
}

function authorityKeyId(value: Uint8Array | undefined): string | null {
  if (!value) return null;
  const fields = children(value, expect(readTlv(value, 0, value.length), 0x30));
  const keyId = fields.find((field) => field.tag === 0x80);
  return keyId ? toHex(content(value, keyId)) : null;
}
