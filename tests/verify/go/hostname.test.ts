/**
 * VerifyHostname per Go era, as tables: one row per rule, one expected outcome per era
 * ('ok' or the exact HostnameError text). The `go` column is also what the differential
 * test checks against real Go 1.19; the other columns follow the sources in eras.ts.
 */
import { GO_ERAS, goEra, type GoClientId } from '../../../src/verify/go/index.js';
import { verifyHostnameGo } from '../../../src/verify/go/hostname.js';
import { goMessage } from '../../../src/verify/go/messages.js';
import { factsOf, type FactsSpec } from './facts.js';
import { override } from './families.js';

type Outcomes = Record<GoClientId, string>;

const ERA_IDS = GO_ERAS.map((era) => era.id);

/** The same outcome for every era, except the families (then the single rows) listed. */
function outcomes(
  all: string,
  except: Partial<Outcomes> = {},
  rows: Partial<Outcomes> = {},
): Outcomes {
  const base = Object.fromEntries(ERA_IDS.map((id) => [id, all])) as Outcomes;
  return override(base, except, rows);
}

function run(id: GoClientId, spec: FactsSpec, host: string): string {
  const cert = factsOf(spec);
  const result = verifyHostnameGo(cert, host, goEra(id));
  return result.failure === null ? 'ok' : goMessage(result.failure, goEra(id), cert);
}

const LEGACY_CN = 'x509: certificate relies on legacy Common Name field, use SANs instead';
const LEGACY_CN_GODEBUG =
  'x509: certificate relies on legacy Common Name field, use SANs or temporarily enable Common Name matching with GODEBUG=x509ignoreCN=0';
const notAny = (host: string): string =>
  `x509: certificate is not valid for any names, but wanted to match ${host}`;
const noIpSans = (host: string): string =>
  `x509: cannot validate certificate for ${host} because it doesn't contain any IP SANs`;

interface Row {
  readonly rule: string;
  readonly cert: FactsSpec;
  readonly host: string;
  readonly expected: Outcomes;
}

const ROWS: Row[] = [
  // Wildcards.
  {
    rule: 'left-most wildcard covers one label',
    cert: { san: { dns: ['*.default.svc'] } },
    host: 'kubernetes.default.svc',
    expected: outcomes('ok'),
  },
  {
    rule: 'a wildcard never covers two labels',
    cert: { san: { dns: ['*.default.svc'] } },
    host: 'a.b.default.svc',
    expected: outcomes('x509: certificate is valid for *.default.svc, not a.b.default.svc'),
  },
  {
    rule: 'inner-label wildcard: Go 1.4 only (e7fae685)',
    cert: { san: { dns: ['kubernetes.*.svc'] } },
    host: 'kubernetes.default.svc',
    expected: outcomes(
      'x509: certificate is valid for kubernetes.*.svc, not kubernetes.default.svc',
      {
        'go1.4': 'ok',
      },
    ),
  },
  {
    rule: 'no partial wildcards in any era',
    cert: { san: { dns: ['k*.default'] } },
    host: 'kubernetes.default',
    expected: outcomes('x509: certificate is valid for k*.default, not kubernetes.default'),
  },
  {
    rule: '*.tld is not forbidden',
    cert: { san: { dns: ['*.default'] } },
    host: 'kubernetes.default',
    expected: outcomes('ok'),
  },
  {
    rule: 'a bare * matches any single-label host until Go 1.22 (real go1.23.5: no longer)',
    cert: { san: { dns: ['*'] } },
    host: 'kubernetes',
    expected: outcomes(
      'ok',
      {},
      {
        'go1.24': 'x509: certificate is valid for *, not kubernetes',
        'go1.23': 'x509: certificate is valid for *, not kubernetes',
      },
    ),
  },
  {
    rule: 'an invalid host is matched exactly, never by wildcard (Go ≥ 1.15)',
    cert: { san: { dns: ['*.default'] } },
    host: 'my svc.default',
    expected: outcomes('ok', {
      go: 'x509: certificate is valid for *.default, not my svc.default',
      'go1.15': 'x509: certificate is valid for *.default, not my svc.default',
    }),
  },
  // IP addresses.
  {
    rule: 'a DNS SAN spelling an IP never matches an IP host',
    cert: { san: { dns: ['10.0.0.1'] } },
    host: '10.0.0.1',
    expected: outcomes(noIpSans('10.0.0.1')),
  },
  {
    rule: 'IPv4 equals its IPv4-mapped IPv6 form (net.IP.Equal)',
    cert: { san: { ip: ['::ffff:10.0.0.1'] } },
    host: '10.0.0.1',
    expected: outcomes('ok'),
  },
  {
    rule: 'brackets around an IPv6 host are stripped',
    cert: { san: { ip: ['::1'] } },
    host: '[::1]',
    expected: outcomes('ok'),
  },
  {
    rule: 'the IP list is printed with net.IP.String, the host without brackets',
    cert: { san: { ip: ['::1', '10.0.0.1'] } },
    host: '[::2]',
    expected: outcomes('x509: certificate is valid for ::1, 10.0.0.1, not ::2'),
  },
  {
    rule: 'leading zeros make an IP before Go 1.17 (CL 325829), a DNS name after',
    cert: { san: { ip: ['10.0.0.1'] } },
    host: '010.0.0.1',
    expected: outcomes('ok', { go: notAny('010.0.0.1') }),
  },
  // Case, dots, characters.
  {
    rule: 'ASCII case-insensitive',
    cert: { san: { dns: ['KUBERNETES.Default'] } },
    host: 'kubernetes.DEFAULT',
    expected: outcomes('ok'),
  },
  {
    rule: 'a trailing dot on the host: stripped from Go 1.5 on (real go1.4 and go1.5)',
    cert: { san: { dns: ['kubernetes.default'] } },
    host: 'kubernetes.default.',
    expected: outcomes('ok', {
      'go1.4': 'x509: certificate is valid for kubernetes.default, not kubernetes.default.',
    }),
  },
  {
    rule: 'a trailing dot on the pattern: stripped 1.5–1.14, invalid (exact only) from 1.15',
    cert: { san: { dns: ['kubernetes.default.'] } },
    host: 'kubernetes.default',
    expected: outcomes('ok', {
      go: 'x509: certificate is valid for kubernetes.default., not kubernetes.default',
      'go1.15': 'x509: certificate is valid for kubernetes.default., not kubernetes.default',
      'go1.4': 'x509: certificate is valid for kubernetes.default., not kubernetes.default',
    }),
  },
  {
    rule: 'underscores are accepted',
    cert: { san: { dns: ['my_svc.default'] } },
    host: 'My_Svc.default',
    expected: outcomes('ok'),
  },
  {
    rule: 'empty labels still match exactly',
    cert: { san: { dns: ['kubernetes..default'] } },
    host: 'kubernetes..default',
    expected: outcomes('ok'),
  },
  // Common Name fallback.
  {
    rule: 'CN-only certificate (no SAN extension), CN equals the host',
    cert: { cn: 'kubernetes.default', san: null },
    host: 'kubernetes.default',
    expected: outcomes('ok', { go: LEGACY_CN, 'go1.15': LEGACY_CN_GODEBUG }),
  },
  {
    rule: 'CN-only certificate, wildcard CN',
    cert: { cn: '*.default', san: null },
    host: 'kubernetes.default',
    expected: outcomes('ok', { go: LEGACY_CN, 'go1.15': LEGACY_CN_GODEBUG }),
  },
  {
    rule: 'CN-only certificate, CN not a hostname (1.11–1.14 say so; 1.15 lists nothing)',
    cert: { cn: 'my svc.default', san: null },
    host: 'my svc.default',
    expected: outcomes('ok', {
      go: LEGACY_CN,
      'go1.15': notAny('my svc.default'),
      'go1.14': 'x509: Common Name is not a valid hostname: my svc.default',
      'go1.11': 'x509: Common Name is not a valid hostname: my svc.default',
    }),
  },
  {
    rule: 'CN-only certificate, other host: Go ≤ 1.14 lists the CN',
    cert: { cn: 'kubernetes.default', san: null },
    host: 'kubernetes',
    expected: outcomes('x509: certificate is valid for kubernetes.default, not kubernetes', {
      go: notAny('kubernetes'),
      'go1.15': notAny('kubernetes'),
    }),
  },
  {
    rule: 'IP SANs only: the CN still counts for DNS hosts up to Go 1.8 (real go1.9: no longer)',
    cert: { cn: 'kubernetes.default', san: { ip: ['10.0.0.1'] } },
    host: 'kubernetes.default',
    expected: outcomes(
      notAny('kubernetes.default'),
      { 'go1.8': 'ok', 'go1.5': 'ok', 'go1.4': 'ok' },
      { 'go1.9': notAny('kubernetes.default'), 'go1.9.2': notAny('kubernetes.default') },
    ),
  },
  {
    rule: 'IP SANs only, other host: Go ≤ 1.8 lists the CN (heapster#571 shape)',
    cert: { cn: '10.10.56.65@1436985353', san: { ip: ['10.10.56.65'] } },
    host: 'kubernetes.default',
    expected: outcomes(
      notAny('kubernetes.default'),
      {
        'go1.8': 'x509: certificate is valid for 10.10.56.65@1436985353, not kubernetes.default',
        'go1.5': 'x509: certificate is valid for 10.10.56.65@1436985353, not kubernetes.default',
        'go1.4': 'x509: certificate is valid for 10.10.56.65@1436985353, not kubernetes.default',
      },
      { 'go1.9': notAny('kubernetes.default'), 'go1.9.2': notAny('kubernetes.default') },
    ),
  },
  {
    rule: 'no names at all: Go ≤ 1.7 prints an empty list',
    cert: { san: null },
    host: 'kubernetes.default',
    expected: outcomes(notAny('kubernetes.default'), {
      'go1.5': 'x509: certificate is valid for , not kubernetes.default',
      'go1.4': 'x509: certificate is valid for , not kubernetes.default',
    }),
  },
  {
    rule: 'an IP host never uses the CN, but 1.15+ still blames the legacy CN',
    cert: { cn: '10.0.0.1', san: null },
    host: '10.0.0.1',
    expected: outcomes(noIpSans('10.0.0.1'), { go: LEGACY_CN, 'go1.15': LEGACY_CN_GODEBUG }),
  },
];

describe.each(ROWS)('$rule', ({ cert, host, expected }) => {
  test.each(ERA_IDS)(`%s dialling ${host}`, (id) => {
    expect(run(id, cert, host)).toBe(expected[id]);
  });
});

describe('matchedBy', () => {
  test('names the SAN, and whether its wildcard did the work', () => {
    const cert = factsOf({ san: { dns: ['kubernetes', '*.default.svc'] } });
    expect(verifyHostnameGo(cert, 'kubernetes.default.svc', goEra('go')).matchedBy).toEqual({
      kind: 'dns-san',
      pattern: '*.default.svc',
      wildcard: true,
    });
    expect(verifyHostnameGo(cert, 'KUBERNETES', goEra('go')).matchedBy).toEqual({
      kind: 'dns-san',
      pattern: 'kubernetes',
      wildcard: false,
    });
  });

  test('names the IP SAN in net.IP.String form', () => {
    const cert = factsOf({ san: { ip: ['::ffff:10.0.0.1'] } });
    expect(verifyHostnameGo(cert, '10.0.0.1', goEra('go1.8')).matchedBy).toEqual({
      kind: 'ip-san',
      address: '10.0.0.1',
    });
  });

  test('names the CN where the era falls back to it', () => {
    const cert = factsOf({ cn: '*.default', san: null });
    expect(verifyHostnameGo(cert, 'kubernetes.default', goEra('go1.5')).matchedBy).toEqual({
      kind: 'common-name',
      pattern: '*.default',
      wildcard: true,
    });
    expect(verifyHostnameGo(cert, 'kubernetes.default', goEra('go')).matchedBy).toBeNull();
  });

  test('flags a DNS SAN that spells the dialled IP', () => {
    const cert = factsOf({ san: { dns: ['10.0.0.1'] } });
    expect(verifyHostnameGo(cert, '10.0.0.1', goEra('go')).failure).toEqual({
      code: 'no-ip-sans',
      host: '10.0.0.1',
      dnsSpellingIp: true,
    });
  });
});
