/**
 * Hand-written CertFacts for the pure Go-rule tables: only the fields the rules read
 * vary, the rest are fixed placeholders.
 */
import type { CertFacts, IpSan, NameConstraintsFacts } from '../../../src/facts/types.js';
import { formatIpGo, ipToBytes } from '../../../src/base/ip.js';

export interface FactsSpec {
  readonly cn?: string;
  /** `null`: no SAN extension at all; otherwise its DNS and IP entries. */
  readonly san?: { readonly dns?: readonly string[]; readonly ip?: readonly string[] } | null;
  readonly extKeyUsage?: readonly string[];
  /** The nameConstraints extension of a CA (src/verify/go/name-constraints.ts tables). */
  readonly nameConstraints?: NameConstraintsFacts | null;
}

export function ipSan(text: string): IpSan {
  const bytes = ipToBytes(text);
  if (!bytes) throw new Error(`not an IP: ${text}`);
  return { text: formatIpGo(bytes), bytesHex: Buffer.from(bytes).toString('hex') };
}

export function factsOf(spec: FactsSpec): CertFacts {
  const name = {
    dn: spec.cn === undefined ? '' : `CN=${spec.cn}`,
    commonNames: spec.cn === undefined ? [] : [spec.cn],
    organizations: [],
    rawHex: '30',
  };
  const san =
    spec.san === null || spec.san === undefined
      ? null
      : {
          critical: false,
          order: [
            ...(spec.san.dns ?? []).map(() => 'dns' as const),
            ...(spec.san.ip ?? []).map(() => 'ip' as const),
          ],
          dns: spec.san.dns ?? [],
          ip: (spec.san.ip ?? []).map(ipSan),
          uri: [],
          email: [],
          other: [],
        };
  return {
    index: 0,
    version: 3,
    serialHex: '01',
    serialDecimal: '1',
    subject: name,
    issuer: name,
    notBefore: new Date('2015-01-01T00:00:00Z'),
    notAfter: new Date('2035-01-01T00:00:00Z'),
    san,
    nameConstraints: spec.nameConstraints ?? null,
    publicKey: { algorithm: 'ECDSA', bits: 256, curve: 'P-256' },
    publicKeyHex: '00',
    signatureAlgorithm: { oid: '1.2.840.10045.4.3.2', name: 'ECDSA-SHA256', hash: 'SHA256' },
    basicConstraints: { critical: true, ca: true, pathLen: null },
    keyUsage: null,
    extKeyUsage:
      spec.extKeyUsage === undefined ? null : { critical: false, usages: spec.extKeyUsage },
    subjectKeyId: null,
    authorityKeyId: null,
    fingerprintSha256: 'ff',
    selfIssued: true,
    selfSigned: true,
    criticalExtensions: [],
    kubernetes: null,
  };
}
