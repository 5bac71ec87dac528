/**
 * CertFacts from the parts of a certificate, however they were read: the DER reader
 * (src/facts/read.ts) and the full parser's path (src/facts/extract.ts) each decode the
 * fields their own way and hand the decoded values here, so every fact is derived and
 * spelt in one place.
 */
import { createHash } from 'node:crypto';
import { toHex } from '../base/bytes.js';
import { formatIpGo } from '../base/ip.js';
import { encodingDetailsOf, extensionDetailsOf } from './details.js';
import { recognizeKubeGenerated } from './kubernetes.js';
import { EKU_NAMES, KEY_USAGES, OID, OTHER_GENERAL_NAMES, SHORT_NAMES } from './tables.js';
import { signatureAlgorithmFacts } from './tables.js';
import type {
  CertFacts,
  DescribedNameFacts,
  ExtKeyUsageFacts,
  IpSan,
  KeyUsageFacts,
  NameFacts,
  SanFacts,
  SanKind,
} from './types.js';

/** One attribute of a Name's RDN: its type OID and its value as text. */
export interface Attribute {
  readonly type: string;
  readonly value: string;
}

/** A Name from its RDNs in certificate order (least specific first) and its DER. */
export function nameFacts(rdns: readonly (readonly Attribute[])[], der: Uint8Array): NameFacts {
  const attributes = rdns.flat();
  const valuesOf = (oid: string): string[] =>
    attributes.filter((attr) => attr.type === oid).map((attr) => attr.value);
  return {
    dn: rfc4514(rdns),
    commonNames: valuesOf(OID.commonName),
    organizations: valuesOf(OID.organization),
    rawHex: toHex(der),
  };
}

/** RFC 4514 order (most specific first), with the RFC's escaping of special characters. */
function rfc4514(rdns: readonly (readonly Attribute[])[]): string {
  return [...rdns]
    .reverse()
    .map((rdn) =>
      rdn
        .map((attr) => `${SHORT_NAMES[attr.type] ?? attr.type}=${escapeDnValue(attr.value)}`)
        .join('+'),
    )
    .join(', ');
}

/** RFC 4514 §2.4: the special characters anywhere, a leading space or '#', a trailing space. */
function escapeDnValue(value: string): string {
  return value
    .replace(/[\\,+"<>;=]/g, (char) => `\\${char}`)
    .replace(/^[ #]/, (char) => `\\${char}`)
    .replace(/ $/, '\\ ');
}

/** keyUsage from its bits: `isSet(n)` says whether bit n (RFC 5280 §4.2.1.3 numbering) is 1. */
export function keyUsageFacts(critical: boolean, isSet: (bit: number) => boolean): KeyUsageFacts {
  return { critical, usages: KEY_USAGES.filter((_, bit) => isSet(bit)) };
}

export function extKeyUsageFacts(critical: boolean, oids: readonly string[]): ExtKeyUsageFacts {
  return { critical, usages: oids.map((oid) => EKU_NAMES[oid] ?? oid) };
}

/** subjectAltName entries collected in certificate order. */
export interface SanCollector {
  /** Adds a GeneralName by its context tag number and content octets. */
  readonly add: (tagNumber: number, content: Uint8Array, constructed?: boolean) => void;
  readonly facts: () => SanFacts;
}

/**
 * rfc822Name, dNSName and URI as Latin-1 text (Go keeps their bytes), iPAddress with its
 * exact octets (4, 16, or malformed: Go's net.IP.String() of them), other kinds described.
 */
export function sanCollector(critical: boolean): SanCollector {
  const order: SanKind[] = [];
  const dns: string[] = [];
  const ip: IpSan[] = [];
  const uri: string[] = [];
  const email: string[] = [];
  const other: string[] = [];
  const described: DescribedNameFacts[] = [];
  const text = (content: Uint8Array): string => Buffer.from(content).toString('latin1');
  return {
    add(tagNumber, content, constructed = false) {
      switch (tagNumber) {
        case 1:
          order.push('email');
          email.push(text(content));
          break;
        case 2:
          order.push('dns');
          dns.push(text(content));
          break;
        case 6:
          order.push('uri');
          uri.push(text(content));
          break;
        case 7:
          order.push('ip');
          ip.push({ text: formatIpGo(content), bytesHex: toHex(content) });
          break;
        default:
          order.push('other');
          other.push(OTHER_GENERAL_NAMES[tagNumber] ?? `tag ${tagNumber}`);
          described.push({ tag: tagNumber, constructed, contentHex: toHex(content) });
      }
    },
    facts: () => ({
      critical,
      order,
      dns,
      ip,
      uri,
      email,
      other,
      ...(described.length > 0 ? { described } : {}),
    }),
  };
}

/**
 * What both readers decode from a certificate; the rest of CertFacts follows from it.
 * The facts carried over as they are: nameConstraints from src/facts/name-constraints.ts,
 * the same decoder for every reader.
 */
export interface CertParts extends Pick<
  CertFacts,
  | 'index'
  | 'subject'
  | 'issuer'
  | 'notBefore'
  | 'notAfter'
  | 'san'
  | 'nameConstraints'
  | 'publicKey'
  | 'basicConstraints'
  | 'keyUsage'
  | 'extKeyUsage'
  | 'subjectKeyId'
  | 'authorityKeyId'
> {
  readonly der: Uint8Array;
  /** The version field as encoded: 0 for v1 (absent), 2 for v3. */
  readonly version: number;
  readonly serial: Uint8Array;
  readonly spki: Uint8Array;
  readonly signatureOid: string;
  /** Every extension as [OID, critical], in certificate order. */
  readonly extensions: readonly (readonly [string, boolean])[];
}

/** Subject and issuer are the same Name, byte for byte (what chain building compares). */
export function isSelfIssued(parts: Pick<CertParts, 'subject' | 'issuer'>): boolean {
  return parts.subject.rawHex === parts.issuer.rawHex;
}

/** The facts; `selfSigned`: self-issued and the signature verifies with its own key. */
export function assembleFacts(parts: CertParts, selfSigned: boolean): CertFacts {
  const { subject, issuer, basicConstraints, keyUsage, san, notBefore } = parts;
  const serialHex = toHex(parts.serial);
  const selfIssued = isSelfIssued(parts);
  return {
    index: parts.index,
    version: parts.version + 1,
    serialHex,
    serialDecimal: parts.serial.length === 0 ? '0' : BigInt(`0x${serialHex}`).toString(10),
    subject,
    issuer,
    notBefore,
    notAfter: parts.notAfter,
    san,
    nameConstraints: parts.nameConstraints,
    publicKey: parts.publicKey,
    publicKeyHex: toHex(parts.spki),
    signatureAlgorithm: signatureAlgorithmFacts(parts.signatureOid),
    basicConstraints,
    keyUsage,
    extKeyUsage: parts.extKeyUsage,
    subjectKeyId: parts.subjectKeyId,
    authorityKeyId: parts.authorityKeyId,
    fingerprintSha256: createHash('sha256').update(parts.der).digest('hex'),
    selfIssued,
    selfSigned: selfIssued && selfSigned,
    criticalExtensions: parts.extensions.filter(([, critical]) => critical).map(([oid]) => oid),
    ...extensionDetailsOf(parts.der),
    ...encodingDetailsOf(parts.der),
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
}
