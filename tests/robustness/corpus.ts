/**
 * The malformed-input corpus: every case is built here in memory (no script, no files on
 * disk) from one well-formed template, so each is malformed exactly where it says. A case
 * is a set of fake files, a command line, and what `run` must do with it:
 *   - 'input-error': exit 2 with one stderr line naming the input and the problem;
 *   - 'diagnosable': the certificate parses, so it must be judged (exit 0 or 1);
 *   - 'clean': either of those (parsers may reasonably disagree), never a crash.
 * Cases that need the real file system (directory, FIFO, device, 100 MB, permissions)
 * live in filesystem.test.ts.
 */
import { buildCertificate, type SanEntry } from '../../src/generate/certificate.js';
import { makeCert, testKey, toPem } from '../helpers/certs.js';
import {
  bytes,
  children,
  cnName,
  concat,
  content,
  extension,
  extensionsField,
  signRawTbs,
  signTbs,
  tbsParts,
  TAG,
  tlv,
  type TbsParts,
} from './der.js';

export type Expectation =
  | { readonly kind: 'input-error'; readonly problem: RegExp }
  | { readonly kind: 'diagnosable' }
  | { readonly kind: 'clean' };

export interface CorpusCase {
  readonly id: string;
  readonly what: string;
  /** Fake files by path; the first argument of `argv` is always one of them. */
  readonly files: Readonly<Record<string, Uint8Array>>;
  readonly argv: readonly string[];
  readonly expect: Expectation;
}

/** The path every single-input case is read from. */
export const INPUT = 'case.crt';

const AT = ['--at', '2020-06-01T00:00:00Z'];
const NOW = new Date('2020-01-01T00:00:00Z');
const LATER = new Date('2030-01-01T00:00:00Z');

const inputError = (problem: RegExp): Expectation => ({ kind: 'input-error', problem });
const DIAGNOSABLE: Expectation = { kind: 'diagnosable' };
const CLEAN: Expectation = { kind: 'clean' };

function single(
  id: string,
  what: string,
  input: Uint8Array,
  expect: Expectation,
  extraArgs: readonly string[] = [],
): CorpusCase {
  return { id, what, files: { [INPUT]: input }, argv: [INPUT, ...AT, ...extraArgs], expect };
}

/** Deterministic pseudo-random bytes (xorshift32), so the corpus is the same on every run. */
export function junk(length: number, seed: number, first?: number): Uint8Array {
  const out = new Uint8Array(length);
  let state = seed || 1;
  for (let i = 0; i < length; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    out[i] = state & 0xff;
  }
  if (first !== undefined && length > 0) out[0] = first;
  return out;
}

const pemOf = (der: Uint8Array): Uint8Array => bytes(toPem('CERTIFICATE', der));

const SAN_OID = '2.5.29.17';
const BC_OID = '2.5.29.19';
const KU_OID = '2.5.29.15';
const EKU_OID = '2.5.29.37';

/** A served certificate that verifies for kubernetes.default and 10.0.0.1 under self-trust. */
const BASE_SAN: readonly SanEntry[] = [
  { dns: 'kubernetes.default.svc' },
  { dns: 'kubernetes.default' },
  { dns: 'kubernetes' },
  { ip: '10.0.0.1' },
];

export async function buildCorpus(): Promise<CorpusCase[]> {
  const key = await testKey('robustness', 'rsa');
  const template = new Uint8Array(
    (
      await buildCertificate(
        {
          subject: 'CN=kube-apiserver',
          serialHex: '01',
          notBefore: NOW,
          notAfter: LATER,
          san: BASE_SAN,
          basicConstraints: { ca: true },
          keyUsage: ['digitalSignature', 'keyEncipherment', 'keyCertSign'],
          extKeyUsage: ['serverAuth'],
        },
        key,
      )
    ).rawData,
  );
  const parts = tbsParts(template);
  const baseExtensions = children(content(parts.extensions));
  const withParts = (change: Partial<TbsParts>): Promise<Uint8Array> =>
    signTbs({ ...parts, ...change }, key);
  /** The template with its SAN extension replaced by `san` (raw extnValue bytes). */
  const withSanValue = (value: Uint8Array, critical = false): Promise<Uint8Array> =>
    withParts({
      extensions: extensionsField([
        ...baseExtensions.filter((ext) => !startsWithOid(ext, SAN_OID)),
        extension(SAN_OID, critical, value),
      ]),
    });
  const replacing = (oidText: string, value: Uint8Array): Promise<Uint8Array> =>
    withParts({
      extensions: extensionsField([
        ...baseExtensions.filter((ext) => !startsWithOid(ext, oidText)),
        extension(oidText, false, value),
      ]),
    });
  const generalNames = (...names: Uint8Array[]): Uint8Array => tlv(TAG.sequence, ...names);
  const dnsName = (value: Uint8Array): Uint8Array => tlv(0x82, value);
  const ipName = (value: Uint8Array): Uint8Array => tlv(0x87, value);
  const pem = pemOf(template);
  const pemText = toPem('CERTIFICATE', template);
  const keyPem = bytes(
    toPem('PRIVATE KEY', new Uint8Array(await crypto.subtle.exportKey('pkcs8', key.privateKey))),
  );

  const cases: CorpusCase[] = [
    // Framing: nothing, noise, and text that is not a certificate.
    single('empty', 'an empty file', new Uint8Array(0), inputError(/: is empty\n/)),
    single('whitespace', 'only white space', bytes(' \r\n\t\n'), inputError(/only white space/)),
    single('junk', '4 KiB of binary junk', junk(4096, 7, 0x9c), inputError(/binary data/)),
    single(
      'junk-sequence',
      'binary junk that starts like a SEQUENCE',
      junk(4096, 11, 0x30),
      inputError(/not a valid DER certificate/),
    ),
    single('nul', 'NUL bytes', new Uint8Array(64), inputError(/binary data|not .*DER/)),
    single(
      'text',
      'prose',
      bytes('hello, this is not a certificate\n'),
      inputError(/no certificate/),
    ),
    single(
      'utf8-text',
      'non-ASCII text',
      bytes('zertifikat für kübernetes ✓\n', 'utf8'),
      inputError(/no certificate|binary data/),
    ),
    // PEM framing.
    single(
      'pem-truncated',
      'a PEM block cut before its END line',
      bytes(pemText.slice(0, pemText.length / 2)),
      inputError(/truncated PEM block/),
    ),
    single(
      'pem-body-truncated',
      'a PEM block whose body lost its last lines',
      bytes(pemText.replace(/(\n[^\n]+){4}\n-----END/, '\n-----END')),
      inputError(/not a valid DER certificate|not valid base64/),
    ),
    single(
      'pem-bad-base64',
      'a CERTIFICATE block with characters outside base64',
      bytes(pemText.replace(/\n(.{10})/, '\n$1!*%')),
      inputError(/not valid base64/),
    ),
    single(
      'pem-base64-not-der',
      'a CERTIFICATE block holding base64 of text',
      bytes(toPem('CERTIFICATE', bytes('just some words, not DER at all'))),
      inputError(/not a valid DER certificate/),
    ),
    single(
      'pem-label-key',
      'a PRIVATE KEY block instead of a certificate',
      keyPem,
      inputError(/found a PRIVATE KEY block but no CERTIFICATE/),
    ),
    single(
      'pem-label-csr',
      'a CERTIFICATE REQUEST block',
      bytes(toPem('CERTIFICATE REQUEST', template)),
      inputError(/found a CERTIFICATE REQUEST block but no CERTIFICATE/),
    ),
    single(
      'pem-label-mismatch',
      'BEGIN CERTIFICATE closed by END PRIVATE KEY',
      bytes(pemText.replace('END CERTIFICATE', 'END PRIVATE KEY')),
      inputError(/truncated PEM block/),
    ),
    single(
      'pem-label-lowercase',
      'a lower-case label',
      bytes(pemText.replaceAll('CERTIFICATE', 'certificate')),
      inputError(/no certificate|no complete block/),
    ),
    single(
      'pem-key-in-cert-label',
      'key bytes under a CERTIFICATE label',
      bytes(Buffer.from(keyPem).toString('latin1').replaceAll('PRIVATE KEY', 'CERTIFICATE')),
      inputError(/cannot be parsed as X\.509/),
    ),
    single(
      'pem-empty-block',
      'an empty CERTIFICATE block',
      bytes(toPem('CERTIFICATE', new Uint8Array(0))),
      inputError(/not valid base64/),
    ),
    // base64 (a Secret's data) framing.
    single(
      'base64-bad',
      'base64 with a character outside the alphabet',
      bytes(
        Buffer.from(template)
          .toString('base64')
          .replace(/^(.{40})./, '$1#'),
      ),
      inputError(/no certificate|not PEM, DER or base64/),
    ),
    single(
      'base64-truncated',
      'base64 of DER cut short',
      bytes(Buffer.from(template.subarray(0, 300)).toString('base64')),
      inputError(/base64 whose content is not a valid DER certificate/),
    ),
    single(
      'base64-of-key',
      'base64 of a private key PEM (a Secret tls.key value)',
      bytes(Buffer.from(keyPem).toString('base64')),
      inputError(/base64 whose content found a PRIVATE KEY block/),
    ),
    // DER framing and ASN.1 tags.
    single(
      'der-trailing',
      'DER with trailing bytes',
      concat(template, Uint8Array.of(0x00, 0x01, 0x02)),
      inputError(/trailing data after certificate 1/),
    ),
    single(
      'der-trailing-sequence',
      'DER followed by a truncated SEQUENCE',
      concat(template, Uint8Array.of(0x30, 0x82, 0x10, 0x00, 0x01)),
      inputError(/truncated DER/),
    ),
    single(
      'der-truncated',
      'DER cut in the middle',
      template.subarray(0, 500),
      inputError(/truncated DER/),
    ),
    single(
      'der-indefinite',
      'BER indefinite length',
      concat(Uint8Array.of(0x30, 0x80), template.subarray(4), Uint8Array.of(0, 0)),
      inputError(/indefinite length/),
    ),
    single(
      'der-outer-set',
      'the outer SEQUENCE tagged as a SET',
      concat(Uint8Array.of(TAG.set), template.subarray(1)),
      inputError(/binary data|no certificate/),
    ),
    single(
      'der-tbs-wrong-tag',
      'the TBSCertificate tagged as an OCTET STRING',
      rewrap(template, (tbs) => concat(Uint8Array.of(TAG.octetString), tbs.subarray(1))),
      inputError(/cannot be parsed as X\.509/),
    ),
    single(
      'der-serial-octets',
      'the serial number as an OCTET STRING',
      await withParts({ serial: tlv(TAG.octetString, Uint8Array.of(1)) }),
      inputError(/cannot be parsed as X\.509/),
    ),
    single(
      'der-validity-integers',
      'validity times as INTEGERs',
      await withParts({
        validity: tlv(
          TAG.sequence,
          tlv(TAG.integer, Uint8Array.of(1)),
          tlv(TAG.integer, Uint8Array.of(2)),
        ),
      }),
      inputError(/cannot be parsed as X\.509/),
    ),
    single(
      'der-no-spki',
      'a TBS without its public key',
      await signRawTbs(
        tlv(
          TAG.sequence,
          parts.version,
          parts.serial,
          parts.signature,
          parts.issuer,
          parts.validity,
          parts.subject,
        ),
        key,
      ),
      inputError(/cannot be parsed as X\.509/),
    ),
    single(
      'der-spki-garbage',
      'a public key that is junk inside the right tags',
      await withParts({
        spki: tlv(
          TAG.sequence,
          tlv(
            TAG.sequence,
            bytes('\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x01\x01'),
            Uint8Array.of(5, 0),
          ),
          tlv(TAG.bitString, Uint8Array.of(0), junk(64, 3)),
        ),
      }),
      DIAGNOSABLE,
    ),
    single(
      'der-spki-unknown-algorithm',
      'a public key of an unknown algorithm',
      await withParts({
        spki: tlv(
          TAG.sequence,
          tlv(TAG.sequence, tlv(TAG.oid, bytes('\x2b\x06\x01\x04\x01\x82\x37\x01\x01'))),
          tlv(TAG.bitString, Uint8Array.of(0), junk(32, 5)),
        ),
      }),
      DIAGNOSABLE,
    ),
    // Serial numbers (RFC 5280 §4.1.2.2: positive, at most 20 octets — not enforced by clients).
    single(
      'serial-negative',
      'a negative serial number',
      await withParts({ serial: tlv(TAG.integer, Uint8Array.of(0xff, 0x01)) }),
      DIAGNOSABLE,
    ),
    single(
      'serial-zero',
      'serial number zero',
      await withParts({ serial: tlv(TAG.integer, Uint8Array.of(0)) }),
      DIAGNOSABLE,
    ),
    single(
      'serial-huge',
      'a 1,000-octet serial number',
      await withParts({ serial: tlv(TAG.integer, Uint8Array.of(0x7f), junk(999, 9)) }),
      DIAGNOSABLE,
    ),
    single(
      'serial-empty',
      'an INTEGER with no content octets',
      await withParts({ serial: tlv(TAG.integer) }),
      CLEAN,
    ),
    // Extensions.
    single(
      'critical-unknown',
      'an unknown critical extension',
      await withParts({
        extensions: extensionsField([
          ...baseExtensions,
          extension('1.3.6.1.4.1.99999.1', true, tlv(TAG.octetString, bytes('?'))),
        ]),
      }),
      DIAGNOSABLE,
    ),
    single(
      'critical-unknown-garbage',
      'an unknown critical extension whose value is junk',
      await withParts({
        extensions: extensionsField([
          ...baseExtensions,
          extension('1.3.6.1.4.1.99999.2', true, junk(40, 13)),
        ]),
      }),
      DIAGNOSABLE,
    ),
    single(
      'extension-duplicate',
      'the SAN extension twice',
      await withParts({
        extensions: extensionsField([
          ...baseExtensions,
          ...baseExtensions.filter((ext) => startsWithOid(ext, SAN_OID)),
        ]),
      }),
      CLEAN,
    ),
    single(
      'extensions-in-v1',
      'a version 1 certificate with extensions',
      await withParts({ version: tlv(0xa0, tlv(TAG.integer, Uint8Array.of(0))) }),
      CLEAN,
    ),
    single(
      'v1-no-extensions',
      'a version 1 certificate without extensions',
      await signRawTbs(
        tlv(
          TAG.sequence,
          parts.serial,
          parts.signature,
          parts.issuer,
          parts.validity,
          parts.subject,
          parts.spki,
        ),
        key,
      ),
      DIAGNOSABLE,
    ),
    single(
      'san-not-sequence',
      'a SAN extension that is an OCTET STRING of junk',
      await withSanValue(junk(20, 17, 0x04)),
      // The clients judge it (OpenSSL distrusts it, Go refuses to parse it): a verdict.
      DIAGNOSABLE,
    ),
    single(
      'san-universal-entry',
      'a SAN entry with a universal tag',
      await withSanValue(generalNames(tlv(TAG.ia5String, bytes('kubernetes')))),
      DIAGNOSABLE,
    ),
    single(
      'san-empty',
      'a critical SAN extension with no entries',
      await withSanValue(generalNames(), true),
      DIAGNOSABLE,
    ),
    single(
      'san-only-directory-name',
      'a SAN holding only a directoryName',
      await withSanValue(generalNames(tlv(0xa4, cnName(bytes('kubernetes.default'))))),
      DIAGNOSABLE,
    ),
    ...(await Promise.all(
      [0, 3, 5, 8, 17].map(async (length) =>
        single(
          `san-ip-${length}-octets`,
          `an IP SAN of ${length} octets`,
          await withSanValue(
            generalNames(dnsName(bytes('kubernetes.default')), ipName(junk(length, 19 + length))),
          ),
          DIAGNOSABLE,
          ['--client', 'all', '--name', '10.0.0.1', '--name', 'kubernetes.default'],
        ),
      ),
    )),
    single(
      'san-dns-nul',
      'a DNS SAN with a NUL byte (the classic null-prefix attack)',
      await withSanValue(generalNames(dnsName(bytes('kubernetes.default\0.evil.example')))),
      DIAGNOSABLE,
      ['--client', 'all'],
    ),
    single(
      'san-dns-latin1',
      'a DNS SAN with a non-ASCII byte',
      await withSanValue(generalNames(dnsName(bytes('k\u00fcbernetes.default')))),
      DIAGNOSABLE,
      ['--client', 'all', '--name', 'k\u00fcbernetes.default'],
    ),
    single(
      'san-dns-utf8',
      'a DNS SAN in UTF-8 with an emoji and a right-to-left mark',
      await withSanValue(
        generalNames(dnsName(bytes('\u{1f512}.\u200fkubernetes.default', 'utf8'))),
      ),
      DIAGNOSABLE,
      ['--client', 'all'],
    ),
    single(
      'san-dns-empty',
      'an empty DNS SAN and a lone dot',
      await withSanValue(generalNames(dnsName(new Uint8Array(0)), dnsName(bytes('.')))),
      DIAGNOSABLE,
      ['--client', 'all'],
    ),
    single(
      'san-dns-wildcards',
      'wildcards in odd places',
      await withSanValue(
        generalNames(
          ...[
            '*',
            '*.*',
            '**.default',
            'kube*.default',
            '*.10.0.0.1',
            'xn--*.default',
            '.kubernetes.default',
          ].map((name) => dnsName(bytes(name))),
        ),
      ),
      DIAGNOSABLE,
      ['--client', 'all', '--name', '10.0.0.1', '--name', 'kubernetes.default'],
    ),
    single(
      'cn-nul',
      'a subject CN with a NUL byte and no SANs',
      await withParts({
        subject: cnName(bytes('kubernetes.default\0.evil.example')),
        issuer: cnName(bytes('kubernetes.default\0.evil.example')),
        extensions: extensionsField(baseExtensions.filter((ext) => !startsWithOid(ext, SAN_OID))),
      }),
      DIAGNOSABLE,
      ['--client', 'all'],
    ),
    single(
      'cn-bmp',
      'a subject CN as a BMPString with non-ASCII',
      await withParts({
        subject: cnName(
          new Uint8Array(Buffer.from('k\u00fcbernetes', 'utf16le').swap16()),
          TAG.bmpString,
        ),
      }),
      DIAGNOSABLE,
      ['--client', 'all'],
    ),
    single(
      'cn-invalid-utf8',
      'a subject CN UTF8String holding invalid UTF-8',
      await withParts({ subject: cnName(Uint8Array.of(0xff, 0xfe, 0x41, 0xc3)) }),
      CLEAN,
      ['--client', 'all'],
    ),
    single(
      'subject-empty',
      'an empty subject and issuer',
      await withParts({ subject: tlv(TAG.sequence), issuer: tlv(TAG.sequence) }),
      DIAGNOSABLE,
      ['--client', 'all'],
    ),
    single(
      'basic-constraints-junk',
      'basicConstraints holding junk',
      await replacing(BC_OID, junk(8, 23, 0x02)),
      inputError(/malformed extension/),
    ),
    single(
      'basic-constraints-huge-pathlen',
      'basicConstraints with a 40-octet pathLenConstraint',
      await replacing(
        BC_OID,
        tlv(
          TAG.sequence,
          tlv(TAG.boolean, Uint8Array.of(0xff)),
          tlv(TAG.integer, Uint8Array.of(0x7f), junk(39, 29)),
        ),
      ),
      CLEAN,
      ['--client', 'all'],
    ),
    single(
      'key-usage-junk',
      'keyUsage holding a SEQUENCE',
      await replacing(KU_OID, tlv(TAG.sequence)),
      inputError(/malformed extension/),
    ),
    single(
      'eku-junk',
      'extKeyUsage holding INTEGERs',
      await replacing(EKU_OID, tlv(TAG.sequence, tlv(TAG.integer, Uint8Array.of(1)))),
      inputError(/malformed extension/),
    ),
    // Validity.
    single(
      'validity-reversed',
      'notAfter before notBefore',
      await withParts({
        validity: tlv(
          TAG.sequence,
          tlv(TAG.utcTime, bytes('300101000000Z')),
          tlv(TAG.utcTime, bytes('100101000000Z')),
        ),
      }),
      DIAGNOSABLE,
      ['--client', 'all'],
    ),
    single(
      'validity-extremes',
      'GeneralizedTime 0000 to 9999',
      await withParts({
        validity: tlv(
          TAG.sequence,
          tlv(TAG.generalizedTime, bytes('00000101000000Z')),
          tlv(TAG.generalizedTime, bytes('99991231235959Z')),
        ),
      }),
      CLEAN,
      ['--client', 'all'],
    ),
    single(
      'validity-garbage-text',
      'a UTCTime that is not a time',
      await withParts({
        validity: tlv(
          TAG.sequence,
          tlv(TAG.utcTime, bytes('notatime')),
          tlv(TAG.utcTime, bytes('Z')),
        ),
      }),
      inputError(/its notBefore time "notatime" is not a valid time/),
    ),
    // Sizes.
    single(
      'sans-10000',
      '10,000 DNS SANs, none of them the dialled names',
      await withSanValue(
        generalNames(
          ...Array.from({ length: 10_000 }, (_, i) => dnsName(bytes(`host-${i}.example.com`))),
        ),
      ),
      DIAGNOSABLE,
      ['--client', 'all'],
    ),
    single(
      'sans-10000-ip',
      '10,000 IP SANs, none of them the Service IP',
      await withSanValue(
        generalNames(
          ...Array.from({ length: 10_000 }, (_, i) =>
            ipName(Uint8Array.of(192, 168, (i >> 8) & 0xff, i & 0xff)),
          ),
        ),
      ),
      DIAGNOSABLE,
      ['--client', 'all'],
    ),
    single(
      'too-many-certificates',
      '1,001 copies of the certificate in one input',
      concat(...Array.from({ length: 1001 }, () => template)),
      inputError(/holds 1001 certificates, more than the limit of 1000/),
    ),
    single(
      'many-certificates-pem',
      '200 PEM copies of the certificate (a chain of duplicates)',
      concat(...Array.from({ length: 200 }, () => pem)),
      DIAGNOSABLE,
      ['--client', 'all'],
    ),
    // Mixed content: a certificate next to a key must diagnose the certificate only.
    single(
      'cert-and-key',
      'a certificate followed by its private key',
      concat(pem, keyPem),
      DIAGNOSABLE,
      ['--client', 'all'],
    ),
  ];
  cases.push(...(await chainCases()));
  cases.push(...argvCases(pem));
  return cases;
}

/** Deep, cyclic and name-colliding chains, judged with --ca. */
async function chainCases(): Promise<CorpusCase[]> {
  const ca = (subject: string, issuer: string, serialHex = '02') => ({
    subject,
    issuer,
    serialHex,
    notBefore: NOW,
    notAfter: LATER,
    basicConstraints: { ca: true },
    keyUsage: ['keyCertSign', 'digitalSignature'] as const,
  });
  const leafSpec = (issuer: string) => ({
    subject: 'CN=kube-apiserver',
    issuer,
    serialHex: '03',
    notBefore: NOW,
    notAfter: LATER,
    san: BASE_SAN,
  });
  const leafKey = await testKey('robustness-leaf');

  // 50 certificates: root, 48 intermediates, leaf (input: leaf first, then the chain).
  const keys = await Promise.all(Array.from({ length: 49 }, (_, i) => testKey(`deep-${i}`)));
  const root = await makeCert(ca('CN=deep-0', 'CN=deep-0'), keys[0]);
  const intermediates = [];
  for (let i = 1; i < 49; i++) {
    intermediates.push(
      await makeCert(ca(`CN=deep-${i}`, `CN=deep-${i - 1}`), keys[i], keys[i - 1]),
    );
  }
  const deepLeaf = await makeCert(leafSpec('CN=deep-48'), leafKey, keys[48]);
  const deepInput = concat(
    ...[deepLeaf, ...intermediates.reverse()].map((cert) => bytes(cert.pem)),
  );

  // A and B sign each other; the leaf is signed by A; the trust anchor is unrelated.
  const [keyA, keyB, keyC] = await Promise.all([
    testKey('cycle-a'),
    testKey('cycle-b'),
    testKey('cycle-c'),
  ]);
  const aByB = await makeCert(ca('CN=cycle-a', 'CN=cycle-b'), keyA, keyB);
  const bByA = await makeCert(ca('CN=cycle-b', 'CN=cycle-a'), keyB, keyA);
  const cycleLeaf = await makeCert(leafSpec('CN=cycle-a'), leafKey, keyA);
  const unrelated = await makeCert(ca('CN=unrelated', 'CN=unrelated'), keyC);
  // A self-issued intermediate (subject = issuer) that is not self-signed: a loop on itself.
  const selfLoop = await makeCert(ca('CN=cycle-a', 'CN=cycle-a', '09'), keyA, keyB);

  // Twelve intermediates with one name, cross-signed by each other's key: the shape that
  // makes naive path building exponential (Go's 100-signature-check budget exists for it).
  const sameName = await Promise.all(
    Array.from({ length: 12 }, (_, i) =>
      makeCert(ca('CN=same', 'CN=same', (0x10 + i).toString(16)), keyA, keyA),
    ),
  );
  const sameLeaf = await makeCert(leafSpec('CN=same'), leafKey, keyA);

  const files = (input: Uint8Array, anchor: Uint8Array): Record<string, Uint8Array> => ({
    [INPUT]: input,
    'ca.crt': anchor,
  });
  const all = ['--client', 'all', '--ca', 'ca.crt'];
  return [
    {
      id: 'chain-deep-50',
      what: 'a 50-certificate chain to its root',
      files: files(deepInput, bytes(root.pem)),
      argv: [INPUT, ...AT, ...all],
      expect: DIAGNOSABLE,
    },
    {
      id: 'chain-deep-50-unanchored',
      what: 'a 50-certificate chain to an unrelated root',
      files: files(deepInput, bytes(unrelated.pem)),
      argv: [INPUT, ...AT, ...all],
      expect: DIAGNOSABLE,
    },
    {
      id: 'chain-cycle',
      what: 'two intermediates that sign each other',
      files: files(
        concat(bytes(cycleLeaf.pem), bytes(aByB.pem), bytes(bByA.pem), bytes(selfLoop.pem)),
        bytes(unrelated.pem),
      ),
      argv: [INPUT, ...AT, ...all],
      expect: DIAGNOSABLE,
    },
    {
      id: 'chain-cycle-in-roots',
      what: 'the cycle given as trust anchors',
      files: files(bytes(cycleLeaf.pem), concat(bytes(aByB.pem), bytes(bByA.pem))),
      argv: [INPUT, ...AT, ...all],
      expect: DIAGNOSABLE,
    },
    {
      id: 'chain-same-name-12',
      what: 'twelve intermediates with one name, all able to sign each other',
      files: files(
        concat(bytes(sameLeaf.pem), ...sameName.map((cert) => bytes(cert.pem))),
        bytes(unrelated.pem),
      ),
      argv: [INPUT, ...AT, ...all],
      expect: DIAGNOSABLE,
    },
    {
      id: 'ca-garbage',
      what: 'a --ca file that is junk',
      files: files(bytes(cycleLeaf.pem), junk(100, 31, 0x30)),
      argv: [INPUT, ...AT, '--ca', 'ca.crt'],
      expect: inputError(/^diagnose: ca\.crt: /),
    },
    {
      id: 'ca-key',
      what: 'a --ca file that is a private key',
      files: files(bytes(cycleLeaf.pem), bytes(cycleLeaf.keyPem)),
      argv: [INPUT, ...AT, '--ca', 'ca.crt'],
      expect: inputError(/^diagnose: ca\.crt: found a PRIVATE KEY block/),
    },
  ];
}

/** Odd command lines around a good certificate. */
function argvCases(pem: Uint8Array): CorpusCase[] {
  const files = { [INPUT]: pem };
  const argvCase = (id: string, argv: string[], expect: Expectation): CorpusCase => ({
    id,
    what: `argv ${JSON.stringify(argv)}`,
    files,
    argv: [INPUT, ...argv],
    expect,
  });
  return [
    argvCase('name-nul', ['--name', 'kubernetes.default\0.evil.example'], CLEAN),
    argvCase('name-empty', ['--name', ''], CLEAN),
    argvCase('name-huge', ['--name', 'a'.repeat(100_000)], CLEAN),
    argvCase('name-ipv6-zone', ['--name', 'fe80::1%eth0'], CLEAN),
    argvCase('at-garbage', ['--at', 'yesterday'], inputError(/--at/)),
    argvCase('max-input-zero', ['--max-input-bytes', '0'], inputError(/--max-input-bytes/)),
    argvCase(
      'max-input-small',
      ['--max-input-bytes', '10', ...AT],
      inputError(/more than the limit of 10 \(--max-input-bytes\)/),
    ),
    argvCase('max-input-nan', ['--max-input-bytes', 'lots'], inputError(/--max-input-bytes/)),
    argvCase('service-cidr-garbage', ['--service-cidr', '10.0.0.0/99', ...AT], CLEAN),
    argvCase(
      'missing-file',
      ['--ca', 'nowhere.crt', ...AT],
      inputError(/nowhere\.crt: no such file/),
    ),
  ];
}

function startsWithOid(extensionTlv: Uint8Array, dotted: string): boolean {
  const [id] = children(extensionTlv);
  if (!id) return false;
  return id[0] === TAG.oid && oidText(content(id)) === dotted;
}

function oidText(value: Uint8Array): string {
  const arcs: number[] = [];
  let current = 0;
  for (const byte of value) {
    current = current * 128 + (byte & 0x7f);
    if ((byte & 0x80) === 0) {
      arcs.push(current);
      current = 0;
    }
  }
  const [first = 0, ...rest] = arcs;
  const head = first < 80 ? [Math.floor(first / 40), first % 40] : [2, first - 80];
  return [...head, ...rest].join('.');
}

/** Replaces the TBS of a certificate with `change(tbs)`, keeping the signature bytes. */
function rewrap(certificate: Uint8Array, change: (tbs: Uint8Array) => Uint8Array): Uint8Array {
  const [tbs, algorithm, signature] = children(certificate);
  if (!tbs || !algorithm || !signature) throw new Error('not a certificate');
  return tlv(TAG.sequence, change(tbs), algorithm, signature);
}
