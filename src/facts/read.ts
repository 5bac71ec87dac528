/**
 * The certificate reader every run uses first: CertFacts straight from DER, at a
 * fraction of the full parser's cost (no ASN.1 schema objects, no @peculiar/x509 or
 * asn1js loaded, synchronous node:crypto signatures instead of WebCrypto). It covers
 * the encodings real clusters hold — RSA and the NIST/secp256k1 EC curves, PKCS#1 v1.5
 * and ECDSA signatures, Printable/UTF8/IA5 string names, strict DER — and declines
 * anything else (returns null), and then the full parser decides, errors and all
 * (src/facts/certificate.ts). Both build the facts with src/facts/assemble.ts from the
 * tables in src/facts/tables.ts; tests/facts/read.test.ts holds the two equal.
 */
import { toHex } from '../base/bytes.js';
import {
  assembleFacts,
  extKeyUsageFacts,
  isSelfIssued,
  keyUsageFacts,
  nameFacts,
  sanCollector,
  type Attribute,
  type CertParts,
} from './assemble.js';
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
import { NAME_CONSTRAINTS_OID, nameConstraintsFacts } from './name-constraints.js';
import { nodeVerifies, type SignedParts } from './node-signature.js';
import { CURVES, OID, SIGNATURE_ALGORITHMS } from './tables.js';
import type { CertFacts, NameFacts, PublicKeyFacts, SanFacts } from './types.js';

/** A certificate as the readers hand it on: its facts, its DER and what signature checks need. */
export interface ReadCertificate {
  readonly facts: CertFacts;
  readonly der: Uint8Array;
  /** Null when the full parser read it: its signatures are then checked by the full parser too. */
  readonly signed: SignedParts | null;
}

/**
 * Certificates larger than this go to the full parser, which enforces the ASN.1 element
 * limit (src/load/split.ts maxAsn1Nodes): every element takes at least two octets, so
 * anything smaller is within it.
 */
const MAX_DER_BYTES = 1_000_000;

/** Facts for one DER certificate, or null when the full parser must decide. */
export function readCertificate(der: Uint8Array, index: number): ReadCertificate | null {
  const key =
    der.length <= CACHED_DER_BYTES
      ? Buffer.from(der.buffer, der.byteOffset, der.length).toString('latin1')
      : null;
  let cert = key === null ? undefined : recent.get(key);
  if (cert === undefined) {
    cert = parseOrDecline(der);
    if (recent.size >= RECENT_LIMIT) recent.clear();
    if (key !== null) recent.set(key, cert);
  }
  if (cert === null || cert.facts.index === index) return cert;
  return { ...cert, facts: { ...cert.facts, index } };
}

/**
 * Recently read certificates by encoding. A cluster repeats a few certificates
 * thousands of times — the cluster CA in every service account's ca.crt, an issuer in
 * every chain — so a batch reads each and checks its self-signature once. Facts are
 * pure functions of the DER; the bound keeps memory flat.
 */
const recent = new Map<string, ReadCertificate | null>();
const RECENT_LIMIT = 1024;
const CACHED_DER_BYTES = 16 * 1024;

function parseOrDecline(der: Uint8Array): ReadCertificate | null {
  if (der.length > MAX_DER_BYTES) return null;
  try {
    return parse(der);
  } catch (error) {
    if (error instanceof Unsupported) return null;
    throw error;
  }
}

function parse(der: Uint8Array): ReadCertificate {
  const cert = expect(readTlv(der, 0, der.length), 0x30);
  if (cert.end !== der.length) throw new Unsupported('trailing data');
  const [tbsTlv, sigAlgTlv, sigTlv, ...rest] = children(der, cert);
  if (rest.length > 0) throw new Unsupported('extra certificate fields');
  const tbs = expect(tbsTlv, 0x30);
  const signatureOid = oid(der, expect(children(der, expect(sigAlgTlv, 0x30))[0], 0x06));
  const algorithm = SIGNATURE_ALGORITHMS[signatureOid];
  // node:crypto checks these as WebCrypto does; WebCrypto never verifies MD5, so that
  // answer is known too. Anything else (RSASSA-PSS, Ed25519, unknown) is the full parser's.
  if (!algorithm || (!algorithm.node && algorithm.hash !== 'MD5')) {
    throw new Unsupported('signature algorithm');
  }
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
  const extensions = extensionsTlv ? extensionMap(der, extensionsTlv) : new Map<string, Ext>();
  const value = (id: string): Uint8Array | undefined => extensions.get(id)?.value;
  const critical = (id: string): boolean => extensions.get(id)?.critical ?? false;
  const ekuValue = value(OID.extKeyUsage);
  const key = publicKeyFacts(der, spkiTlv);

  const parts: CertParts = {
    index: 0,
    der,
    version,
    serial: content(der, serialTlv),
    subject: readName(der, subjectTlv),
    issuer: readName(der, issuerTlv),
    notBefore: time(der, validity[0]),
    notAfter: time(der, validity[1]),
    san: sanFacts(value(OID.subjectAltName), critical(OID.subjectAltName)),
    nameConstraints: nameConstraintsFacts(
      value(NAME_CONSTRAINTS_OID),
      critical(NAME_CONSTRAINTS_OID),
    ),
    publicKey: key.facts,
    spki: whole(der, spkiTlv),
    signatureOid,
    basicConstraints: basicConstraintsFacts(
      value(OID.basicConstraints),
      critical(OID.basicConstraints),
    ),
    keyUsage: keyUsage(value(OID.keyUsage), critical(OID.keyUsage)),
    extKeyUsage: ekuValue ? extKeyUsageFacts(critical(OID.extKeyUsage), ekuOids(ekuValue)) : null,
    subjectKeyId: subjectKeyId(value(OID.subjectKeyId)),
    authorityKeyId: authorityKeyId(value(OID.authorityKeyId)),
    extensions: [...extensions].map(([id, ext]) => [id, ext.critical] as const),
  };
  const signed: SignedParts = {
    tbs: whole(der, tbs),
    signatureOid,
    signature,
    spki: parts.spki,
    keyUsable: key.usable,
  };
  const facts = assembleFacts(parts, isSelfIssued(parts) && nodeVerifies(signed, signed));
  return { facts, der, signed };
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

function readName(der: Uint8Array, name: Tlv): NameFacts {
  const rdns: Attribute[][] = [];
  for (const rdn of children(der, name)) {
    const set: Attribute[] = [];
    for (const attribute of children(der, expect(rdn, 0x31))) {
      const [typeTlv, valueTlv, ...more] = children(der, expect(attribute, 0x30));
      if (!valueTlv || more.length > 0) throw new Unsupported('attribute');
      set.push({ type: oid(der, expect(typeTlv, 0x06)), value: stringValue(der, valueTlv) });
    }
    rdns.push(set);
  }
  return nameFacts(rdns, whole(der, name));
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

/** The key's facts, and whether a signature can verify under it (src/facts/node-signature.ts). */
function publicKeyFacts(der: Uint8Array, spki: Tlv): { facts: PublicKeyFacts; usable: boolean } {
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
    return { facts: { algorithm: 'RSA', bits: octets * 8, curve: null }, usable: true };
  }
  if (id === OID.ecPublicKey && parameters?.tag === 0x06) {
    const curve = CURVES[oid(der, parameters)];
    if (!curve) throw new Unsupported('curve');
    return {
      facts: { algorithm: 'ECDSA', bits: Number(/\d+/.exec(curve.name)?.[0]), curve: curve.name },
      usable: curve.webCrypto,
    };
  }
  throw new Unsupported('key algorithm');
}

function bitStringBytes(der: Uint8Array, tlv: Tlv): Uint8Array {
  if (tlv.end === tlv.body || der[tlv.body] !== 0) throw new Unsupported('BIT STRING padding');
  return der.subarray(tlv.body + 1, tlv.end);
}

/**
 * subjectAltName GeneralNames: the primitive rfc822Name, dNSName, URI and iPAddress
 * forms and the other context-tagged kinds (described only); a constructed form of the
 * first four, or any other class, is left to the full parser.
 */
function sanFacts(value: Uint8Array | undefined, isCritical: boolean): SanFacts | null {
  if (!value) return null;
  const list = expect(readTlv(value, 0, value.length), 0x30);
  if (list.end !== value.length) throw new Unsupported('data after GeneralNames');
  const san = sanCollector(isCritical);
  for (const entry of children(value, list)) {
    const tagNumber = entry.tag & 0x1f;
    const constructed = (entry.tag & 0x20) !== 0;
    if ((entry.tag & 0xc0) !== 0x80 || (constructed && [1, 2, 6, 7].includes(tagNumber))) {
      throw new Unsupported('GeneralName form');
    }
    san.add(tagNumber, content(value, entry), constructed);
  }
  return san.facts();
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

function keyUsage(value: Uint8Array | undefined, isCritical: boolean): CertFacts['keyUsage'] {
  if (!value) return null;
  const tlv = expect(readTlv(value, 0, value.length), 0x03);
  const bytes = content(value, tlv);
  const unused = bytes[0] ?? 0;
  if (bytes.length === 0 || unused > 7) throw new Unsupported('keyUsage');
  const bitCount = (bytes.length - 1) * 8 - unused;
  return keyUsageFacts(
    isCritical,
    (bit) => bit < bitCount && ((bytes[1 + (bit >> 3)] ?? 0) & (0x80 >> (bit & 7))) !== 0,
  );
}

function ekuOids(value: Uint8Array): string[] {
  const list = children(value, expect(readTlv(value, 0, value.length), 0x30));
  return list.map((entry) => oid(value, entry));
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
