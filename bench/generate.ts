/**
 * Benchmark inputs, fast: certificates are assembled as DER here and signed with
 * node:crypto (ECDSA P-256 keys made once, a single RSA key for the RSA share), so
 * 100,000 certificates take seconds. The mix is what a cluster audit meets: mostly
 * service and webhook certificates issued by a CA, some apiserver serving
 * certificates (CA-issued and self-signed by the apiserver's generator), CAs, and a
 * tail of expired, expiring, CN-only and SHA-1 ones.
 */
import { createPrivateKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// --- DER encoding (X.690) ---------------------------------------------------------

function tlv(tag: number, body: Uint8Array): Buffer {
  const length = body.length;
  let header: number[];
  if (length < 0x80) header = [tag, length];
  else if (length < 0x100) header = [tag, 0x81, length];
  else if (length < 0x10000) header = [tag, 0x82, length >> 8, length & 0xff];
  else header = [tag, 0x83, length >> 16, (length >> 8) & 0xff, length & 0xff];
  return Buffer.concat([Buffer.from(header), body]);
}
const seq = (...parts: Uint8Array[]): Buffer => tlv(0x30, Buffer.concat(parts));
const set = (...parts: Uint8Array[]): Buffer => tlv(0x31, Buffer.concat(parts));
const octets = (body: Uint8Array): Buffer => tlv(0x04, body);
const bool = (value: boolean): Buffer => tlv(0x01, Buffer.from([value ? 0xff : 0]));

function oid(dotted: string): Buffer {
  const [first = 0, second = 0, ...rest] = dotted.split('.').map(Number);
  const bytes = [first * 40 + second];
  for (const arc of rest) {
    const groups: number[] = [];
    let value = arc;
    do {
      groups.unshift(value & 0x7f);
      value = Math.floor(value / 128);
    } while (value > 0);
    groups.forEach((group, i) => bytes.push(i < groups.length - 1 ? group | 0x80 : group));
  }
  return tlv(0x06, Buffer.from(bytes));
}

function integer(value: Buffer): Buffer {
  let body = value;
  while (body.length > 1 && body[0] === 0 && ((body[1] ?? 0) & 0x80) === 0) body = body.subarray(1);
  if ((body[0] ?? 0) & 0x80) body = Buffer.concat([Buffer.from([0]), body]);
  return tlv(0x02, body);
}

function time(date: Date): Buffer {
  const iso = date.toISOString();
  const year = date.getUTCFullYear();
  const digits = iso.slice(0, 19).replace(/[-:T]/g, '');
  // RFC 5280 §4.1.2.5: UTCTime through 2049, GeneralizedTime after.
  return year < 2050
    ? tlv(0x17, Buffer.from(`${digits.slice(2)}Z`, 'latin1'))
    : tlv(0x18, Buffer.from(`${digits}Z`, 'latin1'));
}

function name(commonName: string, organization?: string): Buffer {
  const rdns = [];
  if (organization) rdns.push(set(seq(oid('2.5.4.10'), tlv(0x0c, Buffer.from(organization)))));
  rdns.push(set(seq(oid('2.5.4.3'), tlv(0x0c, Buffer.from(commonName)))));
  return seq(...rdns);
}

function extension(id: string, critical: boolean, value: Buffer): Buffer {
  return critical ? seq(oid(id), bool(true), octets(value)) : seq(oid(id), octets(value));
}

function sanValue(dns: readonly string[], ips: readonly string[]): Buffer {
  return seq(
    ...dns.map((entry) => tlv(0x82, Buffer.from(entry, 'latin1'))),
    ...ips.map((ip) => tlv(0x87, Buffer.from(ip.split('.').map(Number)))),
  );
}

// --- keys and signing ---------------------------------------------------------------

export interface SigningKey {
  readonly key: KeyObject;
  readonly spki: Buffer;
  readonly kind: 'ec' | 'rsa';
}

function makeKey(kind: 'ec' | 'rsa', bits = 2048): SigningKey {
  const pair =
    kind === 'ec'
      ? generateKeyPairSync('ec', { namedCurve: 'P-256' })
      : generateKeyPairSync('rsa', { modulusLength: bits });
  return {
    key: createPrivateKey(pair.privateKey.export({ format: 'pem', type: 'pkcs8' })),
    spki: pair.publicKey.export({ format: 'der', type: 'spki' }),
    kind,
  };
}

const ALGORITHMS = {
  'ec-sha256': { oid: '1.2.840.10045.4.3.2', digest: 'sha256', params: false },
  'ec-sha1': { oid: '1.2.840.10045.4.1', digest: 'sha1', params: false },
  'rsa-sha256': { oid: '1.2.840.113549.1.1.11', digest: 'sha256', params: true },
  'rsa-sha1': { oid: '1.2.840.113549.1.1.5', digest: 'sha1', params: true },
} as const;

interface Spec {
  readonly serial: number;
  readonly subject: Buffer;
  readonly issuer: Buffer;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly subjectKey: SigningKey;
  readonly issuerKey: SigningKey;
  readonly hash: 'sha256' | 'sha1';
  readonly ca: boolean;
  readonly dns: readonly string[];
  readonly ips: readonly string[];
  /** No subjectAltName at all: a CN-only certificate. */
  readonly noSan?: boolean;
}

function certificate(spec: Spec): Buffer {
  const algorithm = ALGORITHMS[`${spec.issuerKey.kind}-${spec.hash}`];
  const algorithmId = algorithm.params
    ? seq(oid(algorithm.oid), Buffer.from([0x05, 0x00]))
    : seq(oid(algorithm.oid));
  const serial = Buffer.alloc(8);
  serial.writeUInt32BE(spec.serial >>> 0, 4);
  serial.writeUInt32BE(0x1000 + Math.floor(spec.serial / 2 ** 32), 0);
  const extensions = [
    extension('2.5.29.15', true, tlv(0x03, Buffer.from(spec.ca ? [0x01, 0x86] : [0x05, 0xa0]))),
    extension(
      '2.5.29.37',
      false,
      seq(oid(spec.ca ? '1.3.6.1.5.5.7.3.1' : '1.3.6.1.5.5.7.3.1'), oid('1.3.6.1.5.5.7.3.2')),
    ),
    extension('2.5.29.19', true, spec.ca ? seq(bool(true)) : seq()),
  ];
  if (!spec.noSan) extensions.push(extension('2.5.29.17', false, sanValue(spec.dns, spec.ips)));
  const tbs = seq(
    tlv(0xa0, integer(Buffer.from([2]))),
    integer(serial),
    algorithmId,
    spec.issuer,
    seq(time(spec.notBefore), time(spec.notAfter)),
    spec.subject,
    spec.subjectKey.spki,
    tlv(0xa3, seq(...extensions)),
  );
  const signature = sign(algorithm.digest, tbs, spec.issuerKey.key);
  return seq(tbs, algorithmId, tlv(0x03, Buffer.concat([Buffer.from([0]), signature])));
}

export function toPem(der: Uint8Array): string {
  const body = Buffer.from(der)
    .toString('base64')
    .replace(/(.{64})/g, '$1\n');
  return `-----BEGIN CERTIFICATE-----\n${body}${body.endsWith('\n') ? '' : '\n'}-----END CERTIFICATE-----\n`;
}

// --- the corpus -----------------------------------------------------------------------

/** The moment the corpus is judged at (pass it as --at). */
export const CORPUS_NOW = new Date('2025-06-01T00:00:00Z');
const DAY = 24 * 60 * 60 * 1000;

export interface Corpus {
  /** Certificate number `i` (0-based) as PEM. */
  readonly pem: (i: number) => string;
  /** The cluster CA that issued most of them (pass it as --ca). */
  readonly caPem: string;
}

/**
 * Certificate i has the same shape in every run — serial, names, dates and kind derive
 * from i — while keys (made once per corpus) and ECDSA signatures differ per call.
 */
export function makeCorpus(): Corpus {
  const keys = Array.from({ length: 4 }, () => makeKey('ec'));
  const rsa = makeKey('rsa');
  const caKey = keys[0] as SigningKey;
  const caName = name('kubernetes', undefined);
  const ca = certificate({
    serial: 1,
    subject: caName,
    issuer: caName,
    notBefore: new Date(CORPUS_NOW.getTime() - 400 * DAY),
    notAfter: new Date(CORPUS_NOW.getTime() + 3250 * DAY),
    subjectKey: caKey,
    issuerKey: caKey,
    hash: 'sha256',
    ca: true,
    dns: ['kubernetes'],
    ips: [],
  });
  const caPem = toPem(ca);
  return {
    caPem,
    pem(i) {
      const kind = i % 20;
      const key = kind === 7 ? rsa : (keys[1 + (i % 3)] as SigningKey);
      const ns = `ns-${i % 97}`;
      const notBefore = new Date(CORPUS_NOW.getTime() - (10 + (i % 300)) * DAY);
      let notAfter = new Date(notBefore.getTime() + 365 * DAY);
      if (kind === 3) notAfter = new Date(CORPUS_NOW.getTime() - (1 + (i % 50)) * DAY); // expired
      if (kind === 4) notAfter = new Date(CORPUS_NOW.getTime() + (1 + (i % 20)) * DAY); // expiring
      const base = {
        serial: 100 + i,
        issuer: caName,
        notBefore,
        notAfter,
        subjectKey: key,
        issuerKey: caKey,
        hash: kind === 5 ? ('sha1' as const) : ('sha256' as const),
        ca: false,
      };
      if (kind === 0) {
        // The apiserver's serving certificate, issued by the cluster CA.
        const leaf = certificate({
          ...base,
          subject: name('kube-apiserver'),
          dns: ['kubernetes', 'kubernetes.default', 'kubernetes.default.svc', `master-${i}`],
          ips: ['10.0.0.1', `10.1.${(i >> 8) & 0xff}.${i & 0xff}`],
        });
        return toPem(leaf);
      }
      if (kind === 10) {
        // Self-signed by the apiserver's generator (CN <host>@<unix seconds>), as in
        // Kubernetes v1.0.x: not a CA, and missing the Service IP on every other one.
        const seconds = Math.floor(notBefore.getTime() / 1000);
        const host = `10.2.${(i >> 8) & 0xff}.${i & 0xff}`;
        const self = name(`${host}@${seconds}`);
        return toPem(
          certificate({
            ...base,
            subject: self,
            issuer: self,
            issuerKey: key,
            dns: ['kubernetes.default.svc', 'kubernetes.default', 'kubernetes'],
            ips: i % 40 === 10 ? [host] : [host, '10.0.0.1'],
          }),
        );
      }
      if (kind === 15) {
        // A namespace's own CA (webhooks, cert-manager issuers).
        const subject = name(`${ns}-ca`, 'example');
        return toPem(
          certificate({
            ...base,
            subject,
            issuer: subject,
            issuerKey: key,
            ca: true,
            dns: [],
            ips: [],
            noSan: true,
          }),
        );
      }
      const service = `svc-${i}`;
      const leaf = certificate({
        ...base,
        subject: name(`${service}.${ns}.svc`, kind === 9 ? 'system:nodes' : undefined),
        dns: [
          service,
          `${service}.${ns}`,
          `${service}.${ns}.svc`,
          `${service}.${ns}.svc.cluster.local`,
        ],
        ips: [],
        noSan: kind === 6,
      });
      return toPem(leaf);
    },
  };
}

/** Writes certificates [0, count) as PEM files, 1,000 per directory, and the CA as ca.pem beside them. */
export function writeCorpus(directory: string, count: number, corpus = makeCorpus()): string {
  mkdirSync(directory, { recursive: true });
  const caPath = join(directory, '..', `${directory.split('/').pop() ?? 'corpus'}-ca.pem`);
  writeFileSync(caPath, corpus.caPem);
  for (let i = 0; i < count; i++) {
    const sub = join(directory, `d${String(Math.floor(i / 1000)).padStart(3, '0')}`);
    if (i % 1000 === 0) mkdirSync(sub, { recursive: true });
    writeFileSync(join(sub, `c${String(i).padStart(6, '0')}.pem`), corpus.pem(i));
  }
  return caPath;
}
