/**
 * X509_check_host / X509_check_ip with default flags, as `openssl verify
 * -verify_hostname/-verify_ip` applies them (OpenSSL 3.0). Each row states the
 * expected outcome and, when openssl is installed, is also run through it.
 */
import type { SanEntry } from '../../../src/generate/certificate.js';
import type { MatchedBy } from '../../../src/verify/types.js';
import { makeCert, type MadeCert } from '../../helpers/certs.js';
import { caSpec, checkScenarios, verifyScenario } from './helpers.js';

interface Row {
  readonly why: string;
  readonly san?: readonly SanEntry[];
  readonly subject?: string;
  readonly host: string;
  /** 'OK', or the single error number expected. */
  readonly expect: 'OK' | 62 | 64;
  readonly matchedBy?: MatchedBy;
}

const dns = (...names: string[]): SanEntry[] => names.map((name) => ({ dns: name }));

const ROWS: readonly Row[] = [
  // Literal names, case and dots.
  {
    why: 'exact DNS SAN',
    san: dns('kubernetes.default'),
    host: 'kubernetes.default',
    expect: 'OK',
    matchedBy: { kind: 'dns-san', pattern: 'kubernetes.default', wildcard: false },
  },
  {
    why: 'ASCII case-insensitive',
    san: dns('KUBERNETES.Default'),
    host: 'kubernetes.DEFAULT',
    expect: 'OK',
  },
  {
    why: 'no trailing-dot folding (host)',
    san: dns('kubernetes.default'),
    host: 'kubernetes.default.',
    expect: 62,
  },
  {
    why: 'no trailing-dot folding (SAN)',
    san: dns('kubernetes.default.'),
    host: 'kubernetes.default',
    expect: 62,
  },
  {
    why: 'trailing dots on both sides match literally',
    san: dns('kubernetes.default.'),
    host: 'kubernetes.default.',
    expect: 'OK',
  },
  {
    why: 'a leading-dot host matches any sub-domain',
    san: dns('kubernetes.default'),
    host: '.default',
    expect: 'OK',
  },
  {
    why: 'a leading-dot host must be a proper suffix',
    san: dns('kubernetes.default'),
    host: '.kubernetes.default',
    expect: 62,
  },
  {
    why: 'an empty host sets no host: no check',
    san: dns('kubernetes.default'),
    host: '',
    expect: 'OK',
  },
  {
    why: 'a space stays part of the name',
    san: dns('kube rnetes.default'),
    host: 'kube rnetes.default',
    expect: 'OK',
  },
  {
    why: 'a DNS SAN with an embedded NUL never matches',
    san: dns('kubernetes.default\0.evil'),
    host: 'kubernetes.default',
    expect: 62,
  },
  {
    why: 'underscores compare literally',
    san: dns('my_svc.default'),
    host: 'MY_SVC.default',
    expect: 'OK',
  },
  {
    why: 'empty labels compare literally',
    san: dns('kubernetes..default'),
    host: 'kubernetes..default',
    expect: 'OK',
  },
  // Wildcards.
  {
    why: 'full-label wildcard',
    san: dns('*.default.svc'),
    host: 'kubernetes.default.svc',
    expect: 'OK',
    matchedBy: { kind: 'dns-san', pattern: '*.default.svc', wildcard: true },
  },
  {
    why: 'wildcard covers exactly one label',
    san: dns('*.default.svc'),
    host: 'a.b.default.svc',
    expect: 62,
  },
  {
    why: 'wildcard must cover something',
    san: dns('*.default.svc'),
    host: 'default.svc',
    expect: 62,
  },
  {
    why: '*.tld (two labels) is not a wildcard',
    san: dns('*.default'),
    host: 'kubernetes.default',
    expect: 62,
  },
  {
    why: '*.tld still matches itself literally',
    san: dns('*.default'),
    host: '*.default',
    expect: 'OK',
    matchedBy: { kind: 'dns-san', pattern: '*.default', wildcard: false },
  },
  {
    why: 'partial wildcard k*',
    san: dns('k*.default.svc'),
    host: 'kubernetes.default.svc',
    expect: 'OK',
  },
  {
    why: 'partial wildcard may cover nothing',
    san: dns('k*.default.svc'),
    host: 'k.default.svc',
    expect: 'OK',
  },
  {
    why: 'partial wildcard *s',
    san: dns('*s.default.svc'),
    host: 'kubernetes.default.svc',
    expect: 'OK',
  },
  {
    why: 'no f*o wildcards',
    san: dns('k*s.default.svc'),
    host: 'kubernetes.default.svc',
    expect: 62,
  },
  {
    why: 'partial wildcard with two labels is literal',
    san: dns('k*.default'),
    host: 'kubernetes.default',
    expect: 62,
  },
  {
    why: 'wildcard only in the left-most label',
    san: dns('kubernetes.*.svc'),
    host: 'kubernetes.default.svc',
    expect: 62,
  },
  { why: 'one wildcard only', san: dns('*.*.svc'), host: 'a.b.svc', expect: 62 },
  { why: 'bare *', san: dns('*'), host: 'kubernetes', expect: 62 },
  {
    why: 'wildcard span may not hold _',
    san: dns('*.default.svc'),
    host: 'my_svc.default.svc',
    expect: 62,
  },
  {
    why: 'pattern with _ is not a wildcard',
    san: dns('*.my_ns.svc'),
    host: 'a.my_ns.svc',
    expect: 62,
  },
  {
    why: 'wildcard may match a literal *',
    san: dns('*.default.svc'),
    host: '*.default.svc',
    expect: 'OK',
  },
  {
    why: 'wildcard pattern is case-insensitive',
    san: dns('*.Default.SVC'),
    host: 'kubernetes.default.svc',
    expect: 'OK',
  },
  {
    why: 'hyphen before * spoils the pattern',
    san: dns('a-*.default.svc'),
    host: 'a-b.default.svc',
    expect: 62,
  },
  { why: 'wildcard over an IP-looking name', san: dns('*.0.0.1'), host: 'x.0.0.1', expect: 'OK' },
  {
    why: 'leading-dot host never uses the *',
    san: dns('*.default.svc'),
    host: '.default.svc',
    expect: 'OK',
  },
  // IDNA.
  {
    why: 'full-label wildcard covers an xn-- label',
    san: dns('*.default.svc'),
    host: 'xn--bcher-kva.default.svc',
    expect: 'OK',
  },
  {
    why: 'partial wildcard never matches an xn-- host',
    san: dns('x*.default.svc'),
    host: 'xn--bcher-kva.default.svc',
    expect: 62,
  },
  {
    why: 'no wildcard inside an xn-- label',
    san: dns('xn--*.default.svc'),
    host: 'xn--abc.default.svc',
    expect: 62,
  },
  {
    why: 'xn-- names compare literally',
    san: dns('xn--bcher-kva.example'),
    host: 'XN--BCHER-KVA.example',
    expect: 'OK',
  },
  {
    why: 'U-label host vs A-label SAN: no IDNA conversion',
    san: dns('xn--bcher-kva.example'),
    host: 'bücher.example',
    expect: 62,
  },
  // Common Name fallback.
  {
    why: 'CN used when there is no SAN',
    subject: 'CN=kubernetes.default',
    host: 'kubernetes.default',
    expect: 'OK',
    matchedBy: { kind: 'common-name', pattern: 'kubernetes.default', wildcard: false },
  },
  {
    why: 'CN wildcard',
    subject: 'CN=*.default.svc',
    host: 'kubernetes.default.svc',
    expect: 'OK',
    matchedBy: { kind: 'common-name', pattern: '*.default.svc', wildcard: true },
  },
  {
    why: 'CN used beside IP SANs only',
    subject: 'CN=kubernetes.default',
    san: [{ ip: '10.0.0.1' }],
    host: 'kubernetes.default',
    expect: 'OK',
  },
  {
    why: 'CN used beside a URI SAN only',
    subject: 'CN=kubernetes.default',
    san: [{ uri: 'spiffe://cluster.local/x' }],
    host: 'kubernetes.default',
    expect: 'OK',
  },
  {
    why: 'CN ignored once any DNS SAN exists',
    subject: 'CN=kubernetes.default',
    san: dns('kubernetes'),
    host: 'kubernetes.default',
    expect: 62,
  },
  {
    why: 'every CN is tried, not just the last',
    subject: 'CN=first.example+CN=second.example',
    host: 'first.example',
    expect: 'OK',
  },
  {
    why: 'UTF-8 CN vs UTF-8 host',
    subject: 'CN=bücher.example',
    host: 'bücher.example',
    expect: 'OK',
  },
  { why: 'no SAN and no CN', subject: 'O=kube', host: 'kubernetes.default', expect: 62 },
  // IP addresses.
  {
    why: 'IPv4 SAN',
    san: [{ ip: '10.0.0.1' }],
    host: '10.0.0.1',
    expect: 'OK',
    matchedBy: { kind: 'ip-san', address: '10.0.0.1' },
  },
  {
    why: 'IP host ignores a DNS SAN spelling it',
    san: dns('10.0.0.1'),
    host: '10.0.0.1',
    expect: 64,
  },
  { why: 'IP host ignores the CN', subject: 'CN=10.0.0.1', host: '10.0.0.1', expect: 64 },
  {
    why: 'IPv4 host vs IPv4-mapped SAN (16 octets)',
    san: [{ ip: '::ffff:10.0.0.1' }],
    host: '10.0.0.1',
    expect: 64,
  },
  {
    why: 'IPv4-mapped host vs IPv4 SAN',
    san: [{ ip: '10.0.0.1' }],
    host: '::ffff:10.0.0.1',
    expect: 64,
  },
  {
    why: 'IPv4-mapped host vs IPv4-mapped SAN',
    san: [{ ip: '::ffff:10.0.0.1' }],
    host: '::ffff:a00:1',
    expect: 'OK',
  },
  {
    why: 'IPv6 spelled differently',
    san: [{ ip: '2001:db8::1' }],
    host: '2001:DB8:0:0:0:0:0:1',
    expect: 'OK',
  },
  { why: 'other IP', san: [{ ip: '10.0.0.1' }], host: '10.0.0.2', expect: 64 },
  {
    why: 'leading zeros make it a host name',
    san: [{ ip: '10.0.0.1' }],
    host: '010.0.0.1',
    expect: 62,
  },
];

describe('OpenSSL 3.0 host checks', () => {
  let made: MadeCert[];
  beforeAll(async () => {
    made = await Promise.all(
      ROWS.map((row) =>
        makeCert(
          caSpec({ subject: row.subject ?? 'CN=cn.example', ...(row.san ? { san: row.san } : {}) }),
        ),
      ),
    );
  });

  test('every row matches its expectation (and openssl verify, when installed)', async () => {
    const scenarios = ROWS.map((row, index) => ({
      leaf: made[index] as MadeCert,
      roots: [made[index] as MadeCert],
      host: row.host,
    }));
    const got = await checkScenarios(scenarios);
    const expected = ROWS.map((row) =>
      row.expect === 'OK'
        ? []
        : [
            `error ${row.expect} at 0 depth lookup: ${row.expect === 62 ? 'hostname mismatch' : 'IP address mismatch'}`,
          ],
    );
    expect(got.map((lines, index) => ({ why: ROWS[index]?.why, lines }))).toEqual(
      expected.map((lines, index) => ({ why: ROWS[index]?.why, lines })),
    );
  });

  test('matchedBy says what matched', async () => {
    for (const [index, row] of ROWS.entries()) {
      if (!row.matchedBy) continue;
      const verdict = await verifyScenario({
        leaf: made[index] as MadeCert,
        roots: [made[index] as MadeCert],
        host: row.host,
      });
      expect({ why: row.why, matchedBy: verdict.matchedBy }).toEqual({
        why: row.why,
        matchedBy: row.matchedBy,
      });
    }
  });

  test('a host is a C string: it ends at its first NUL (argv cannot carry one)', async () => {
    const index = ROWS.findIndex((row) => row.why === 'exact DNS SAN');
    const cert = made[index] as MadeCert;
    const verdict = await verifyScenario({
      leaf: cert,
      roots: [cert],
      host: 'kubernetes.default\0.evil',
    });
    expect(verdict.ok).toBe(true);
    const empty = await verifyScenario({ leaf: cert, roots: [cert], host: '\0kubernetes.default' });
    expect(empty).toMatchObject({ ok: true, matchedBy: null });
  });

  test('failure causes name what the certificate had', async () => {
    const byWhy = (why: string): number => ROWS.findIndex((row) => row.why === why);
    const verdictFor = async (why: string) => {
      const index = byWhy(why);
      const row = ROWS[index] as Row;
      return verifyScenario({
        leaf: made[index] as MadeCert,
        roots: [made[index] as MadeCert],
        host: row.host,
      });
    };
    expect((await verdictFor('CN ignored once any DNS SAN exists')).failures[0]).toEqual({
      code: 'name-not-in-sans',
      host: 'kubernetes.default',
      dnsSans: ['kubernetes'],
    });
    expect((await verdictFor('no SAN and no CN')).failures[0]).toEqual({
      code: 'no-names',
      host: 'kubernetes.default',
    });
    expect((await verdictFor('IP host ignores a DNS SAN spelling it')).failures[0]).toEqual({
      code: 'no-ip-sans',
      host: '10.0.0.1',
      dnsSpellingIp: true,
    });
    expect((await verdictFor('IP host ignores the CN')).failures[0]).toEqual({
      code: 'no-ip-sans',
      host: '10.0.0.1',
      dnsSpellingIp: false,
    });
    expect((await verdictFor('other IP')).failures[0]).toEqual({
      code: 'ip-not-in-sans',
      host: '10.0.0.2',
      ipSans: ['10.0.0.1'],
    });
    const cn = await verdictFor('IPv4-mapped host vs IPv4 SAN');
    expect(cn.message).toBe('IP address mismatch');
    expect(cn.nativeCode).toBe(64);
  });
});
