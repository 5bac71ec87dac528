/**
 * checkServerIdentity tables. Every row is also run through Node's own
 * tls.checkServerIdentity with the same certificate (X509Certificate.toLegacyObject is
 * the object getPeerCertificate hands it), so the expectations are Node's, not ours.
 */
import { X509Certificate as NodeX509 } from 'node:crypto';
import { checkServerIdentity as nodeCheckServerIdentity } from 'node:tls';
import type { SanEntry } from '../../../src/generate/certificate.js';
import { checkServerIdentity } from '../../../src/verify/node/identity.js';
import { identityMessage } from '../../../src/verify/node/messages.js';
import { makeCert } from '../../helpers/certs.js';

const DAY = 86_400_000;
const now = Date.now();

interface Row {
  readonly host: string;
  readonly subject?: string;
  readonly san?: SanEntry[];
  /** The pattern that matched, or null when Node rejects. */
  readonly matched: string | null;
}

const dns = (...names: string[]): SanEntry[] => names.map((name) => ({ dns: name }));

const ROWS: Row[] = [
  // Partial wildcards: allowed in the left-most label, need three labels or more.
  { host: 'foo.y.example', san: dns('f*o.y.example'), matched: 'f*o.y.example' },
  { host: 'fo.y.example', san: dns('f*o.y.example'), matched: 'f*o.y.example' },
  { host: 'kubernetes.default.svc', san: dns('k*.default.svc'), matched: 'k*.default.svc' },
  { host: 'kubernetes.default', san: dns('k*.default'), matched: null },
  { host: 'y.example', san: dns('*y.example'), matched: null },
  { host: 'a.b.y.example', san: dns('*.y.example'), matched: null },
  // *.tld and bare *.
  { host: 'kubernetes.default', san: dns('*.default'), matched: null },
  { host: 'kubernetes', san: dns('*'), matched: null },
  // Only the left-most label, one * only.
  { host: 'a.b.example', san: dns('a.*.example'), matched: null },
  { host: 'a.b.example', san: dns('*.*.example'), matched: null },
  { host: 'ab.y.example', san: dns('a**.y.example'), matched: null },
  // The * may match nothing, even an empty host label.
  { host: '.y.example', san: dns('*.y.example'), matched: '*.y.example' },
  // xn-- labels compare verbatim.
  { host: 'xn--a.y.example', san: dns('xn--*.y.example'), matched: null },
  { host: 'xn--*.y.example', san: dns('xn--*.y.example'), matched: 'xn--*.y.example' },
  {
    host: 'x.xn--bcher-kva.example',
    san: dns('*.xn--bcher-kva.example'),
    matched: '*.xn--bcher-kva.example',
  },
  // Case: both sides folded.
  { host: 'KUBERNETES.Default', san: dns('kubernetes.DEFAULT'), matched: 'kubernetes.DEFAULT' },
  { host: 'x.y.example', san: dns('*.Y.EXAMPLE'), matched: '*.Y.EXAMPLE' },
  // Trailing dots: two stripped from the host, one from the pattern.
  { host: 'kubernetes.default.', san: dns('kubernetes.default'), matched: 'kubernetes.default' },
  { host: 'kubernetes.default..', san: dns('kubernetes.default'), matched: 'kubernetes.default' },
  { host: 'kubernetes.default...', san: dns('kubernetes.default'), matched: null },
  { host: 'kubernetes.default', san: dns('kubernetes.default.'), matched: 'kubernetes.default.' },
  { host: 'kubernetes.default', san: dns('kubernetes.default..'), matched: null },
  // Bad pattern characters and empty labels.
  { host: 'kube rnetes.default', san: dns('kube rnetes.default'), matched: null },
  { host: 'kubernetes..default', san: dns('kubernetes..default'), matched: null },
  { host: 'my_svc.default', san: dns('my_svc.default'), matched: 'my_svc.default' },
  // CN fallback: only without DNS SANs; IP, URI and email SANs do not prevent it.
  { host: 'kubernetes.default', subject: 'CN=kubernetes.default', matched: 'kubernetes.default' },
  {
    host: 'kubernetes.default',
    subject: 'CN=kubernetes.default',
    san: [{ ip: '10.0.0.1' }],
    matched: 'kubernetes.default',
  },
  {
    host: 'kubernetes.default',
    subject: 'CN=kubernetes.default',
    san: [{ uri: 'https://kubernetes.default' }],
    matched: 'kubernetes.default',
  },
  {
    host: 'kubernetes.default',
    subject: 'CN=kubernetes.default',
    san: [{ email: 'a@b.example' }],
    matched: 'kubernetes.default',
  },
  {
    host: 'kubernetes.default',
    subject: 'CN=kubernetes.default',
    san: dns('kubernetes'),
    matched: null,
  },
  { host: 'x.y.example', subject: 'CN=*.y.example', matched: '*.y.example' },
  {
    host: 'second.example',
    subject: 'CN=first.example+CN=second.example',
    matched: 'second.example',
  },
  { host: 'third.example', subject: 'CN=first.example+CN=second.example', matched: null },
  {
    host: 'kubernetes.default',
    subject: 'O=system:masters',
    san: [{ ip: '10.0.0.1' }],
    matched: null,
  },
  { host: 'kubernetes.default', subject: 'O=system:masters', matched: null },
  // URI SANs are never matched (CVE-2021-44531).
  {
    host: 'kubernetes.default',
    subject: 'O=x',
    san: [{ uri: 'https://kubernetes.default' }],
    matched: null,
  },
  // IPs: IP SANs only, canonical comparison, no CN, no cross-family matching.
  { host: '10.0.0.1', subject: 'CN=10.0.0.1', matched: null },
  { host: '10.0.0.1', san: [{ dns: '10.0.0.1' }], matched: null },
  { host: '10.0.0.1', san: [{ ip: '10.0.0.2' }, { ip: '10.0.0.1' }], matched: '10.0.0.1' },
  { host: '2001:DB8:0:0:0:0:0:1', san: [{ ip: '2001:db8::1' }], matched: '2001:db8::1' },
  { host: '::ffff:a00:1', san: [{ ip: '::ffff:10.0.0.1' }], matched: '::ffff:10.0.0.1' },
  { host: '10.0.0.1', san: [{ ip: '::ffff:10.0.0.1' }], matched: null },
  { host: '::ffff:10.0.0.1', san: [{ ip: '10.0.0.1' }], matched: null },
  // IPv4-compatible (not mapped) IPv6, written as octets: ipaddr.js misreads '::10.0.0.1'.
  {
    host: '::a00:1',
    san: [{ ipBytes: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 10, 0, 0, 1] }],
    matched: '::10.0.0.1',
  },
  { host: '::10.0.0.1', san: [{ ip: '::ffff:10.0.0.1' }], matched: null },
  { host: 'kubernetes.default.', san: dns('kubernetes'), matched: null },
  { host: 'fe80::1%eth0', san: [{ ip: 'fe80::1' }], matched: 'fe80::1' },
  {
    host: '10.0.0.9',
    san: [{ ip: '2001:db8:0:0:1:0:0:1' }, { ipBytes: [1, 2, 3] }, { ip: '::ffff:0:1' }],
    matched: null,
  },
  {
    host: 'kubernetes.default',
    san: [{ ip: '2001:db8::1' }, ...dns('a,b.example', 'é.example', "it's.example")],
    matched: null,
  },
];

async function run(row: Row) {
  const made = await makeCert({
    subject: row.subject ?? 'O=kube-tls-doctor',
    serialHex: '01',
    notBefore: new Date(now - DAY),
    notAfter: new Date(now + DAY),
    ...(row.san ? { san: row.san } : {}),
  });
  const facts = made.facts;
  const peer = new NodeX509(made.pem).toLegacyObject();
  const real = nodeCheckServerIdentity(row.host, peer);
  const ours = checkServerIdentity(row.host, facts);
  return { real, ours, facts };
}

describe('checkServerIdentity (Node 20)', () => {
  test.each(
    ROWS.map(
      (row) =>
        [`${row.host} vs ${row.subject ?? ''} ${JSON.stringify(row.san ?? [])}`, row] as const,
    ),
  )('%s', async (_name, row) => {
    const { real, ours, facts } = await run(row);
    expect(real === undefined).toBe(row.matched !== null);
    if (ours.ok) {
      expect(row.matched).not.toBeNull();
      const pattern =
        ours.matchedBy.kind === 'ip-san' ? ours.matchedBy.address : ours.matchedBy.pattern;
      expect(pattern.toLowerCase()).toBe(row.matched!.toLowerCase());
    } else {
      expect(row.matched).toBeNull();
      expect(identityMessage(ours.failure, facts)).toBe(real?.message);
      expect((real as NodeJS.ErrnoException | undefined)?.code).toBe(
        'ERR_TLS_CERT_ALTNAME_INVALID',
      );
    }
  });

  test('reports which SAN or CN matched', async () => {
    const wildcard = await run({
      host: 'a.y.example',
      san: dns('b.y.example', '*.y.example'),
      matched: '*.y.example',
    });
    expect(wildcard.ours).toEqual({
      ok: true,
      matchedBy: { kind: 'dns-san', pattern: '*.y.example', wildcard: true },
    });
    const cn = await run({
      host: 'kubernetes.default',
      subject: 'CN=kubernetes.default',
      matched: 'kubernetes.default',
    });
    expect(cn.ours).toEqual({
      ok: true,
      matchedBy: { kind: 'common-name', pattern: 'kubernetes.default', wildcard: false },
    });
    const ip = await run({
      host: '::FFFF:a00:1',
      san: [{ ip: '::ffff:10.0.0.1' }],
      matched: '::ffff:10.0.0.1',
    });
    expect(ip.ours).toEqual({
      ok: true,
      matchedBy: { kind: 'ip-san', address: '::ffff:10.0.0.1' },
    });
  });

  test('names the failure by cause', async () => {
    expect((await run({ host: '10.0.0.1', subject: 'CN=10.0.0.1', matched: null })).ours).toEqual({
      ok: false,
      failure: { code: 'no-ip-sans', host: '10.0.0.1', dnsSpellingIp: false },
    });
    expect(
      (await run({ host: 'k.default', subject: 'O=x', san: [{ ip: '10.0.0.1' }], matched: null }))
        .ours,
    ).toEqual({
      ok: false,
      failure: { code: 'no-names', host: 'k.default' },
    });
    expect((await run({ host: 'k.default', subject: 'CN=a+CN=b', matched: null })).ours).toEqual({
      ok: false,
      failure: { code: 'cn-mismatch', host: 'k.default', commonName: 'a,b' },
    });
  });
});
