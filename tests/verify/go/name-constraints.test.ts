/**
 * Name constraints per Go era (src/verify/go/name-constraints.ts): for each case the exact
 * message every era prints and the source of the rule. The `go` column is also run through
 * the real Go 1.19 here when it is installed; the other eras cannot run and are documented.
 */
import type { CertificateSpec, NameConstraintsSpec } from '../../../src/generate/certificate.js';
import type { NameConstraintsFacts } from '../../../src/facts/types.js';
import { GO_ERAS, goEra, verifyGo, type GoClientId } from '../../../src/verify/go/index.js';
import { goMessage } from '../../../src/verify/go/messages.js';
import {
  checkNameConstraintsGo,
  nameConstraintsParseError,
  MAX_CONSTRAINT_COMPARISONS,
  parseMailbox,
  parsesInEra,
} from '../../../src/verify/go/name-constraints.js';
import { makeCert, testKey } from '../../helpers/certs.js';
import { goOracleAvailability, runGoOracle } from '../../oracle/go.js';
import { gate } from '../../oracle/require.js';
import { factsOf } from './facts.js';
import { inputOf, NOW, oracleCaseOf, VALID, type Scenario } from './scenarios.js';
import { expand } from './families.js';

const DOMAIN = 'x509: a root or intermediate certificate is not authorized to sign in this domain';
const forName = (detail: string): string =>
  `x509: a root or intermediate certificate is not authorized to sign for this name: ${detail}`;
const WITHOUT_SANS = "x509: issuer has name constraints but leaf doesn't have a SAN extension";

const LEGACY: readonly GoClientId[] = expand(['go1.8', 'go1.5', 'go1.4']);
/** Go 1.9 also reads excluded dNSName subtrees (real go1.9 and go1.9.2, cases I-nc:*-nc-edns*). */
const GO_1_9: readonly GoClientId[] = ['go1.9.2', 'go1.9'];
const LEGACY_NO_EXCLUDED = LEGACY.filter((id) => !GO_1_9.includes(id));
const GO_1_2_RULE: readonly GoClientId[] = expand(['go1.5', 'go1.4']);
const MODERN: readonly GoClientId[] = expand(['go', 'go1.15', 'go1.14', 'go1.11', 'go1.10']);

interface Row {
  readonly story: string;
  readonly constraints: NameConstraintsSpec;
  readonly leaf: Partial<CertificateSpec>;
  readonly root?: Partial<CertificateSpec>;
  readonly host: string;
  /** The message per era; null for a verified chain. Every era must be listed. */
  readonly expected: Readonly<Record<GoClientId, string | null>>;
  readonly source: string;
}

function each(
  groups: readonly [readonly GoClientId[], string | null][],
): Record<GoClientId, string | null> {
  const out: Partial<Record<GoClientId, string | null>> = {};
  for (const [eras, message] of groups) for (const era of eras) out[era] = message;
  return out as Record<GoClientId, string | null>;
}

const FQDN = 'kubernetes.default.svc.cluster.local';

const ROWS: readonly Row[] = [
  {
    story: 'permitted cluster.local covers the fully qualified service name',
    constraints: { permitted: [{ dns: 'cluster.local' }] },
    leaf: { san: [{ dns: FQDN }] },
    host: FQDN,
    expected: each([[GO_ERAS.map((era) => era.id), null]]),
    source:
      'Go 1.2 verify.go isValid (suffix after a dot), Go 1.8/1.9 fork matchNameConstraint, Go 1.19 matchDomainConstraint',
  },
  {
    story: 'a leading-dot constraint .cluster.local',
    constraints: { permitted: [{ dns: '.cluster.local' }] },
    leaf: { san: [{ dns: FQDN }] },
    host: FQDN,
    expected: each([
      [GO_1_2_RULE, DOMAIN],
      [expand(['go1.8', ...MODERN]), null],
    ]),
    source:
      'Go 1.2 isValid compares `DNSName == c || HasSuffix(DNSName, c)` with a dot before c, so ".cluster.local" never matches; the Go 1.8/1.9 fork and Go 1.10+ read a leading dot as "a subdomain" (UNCONFIRMED for 1.5–1.7)',
  },
  {
    story: 'a constraint in another case',
    constraints: { permitted: [{ dns: 'CLUSTER.local' }] },
    leaf: { san: [{ dns: FQDN }] },
    host: FQDN,
    expected: each([
      [GO_1_2_RULE, DOMAIN],
      [expand(['go1.8', ...MODERN]), null],
    ]),
    source:
      'Go 1.2 strings.HasSuffix is case-sensitive; matchNameConstraint and Go 1.10+ use EqualFold',
  },
  {
    story: 'Heapster dials the Service IP under a DNS-constrained CA',
    constraints: { permitted: [{ dns: 'kubernetes.default' }] },
    leaf: { san: [{ dns: 'kubernetes.default' }, { ip: '10.0.0.1' }] },
    host: '10.0.0.1',
    expected: each([
      [LEGACY, DOMAIN],
      [MODERN, null],
    ]),
    source:
      'Go 1.2–1.9 match PermittedDNSDomains against opts.DNSName, which crypto/tls sets to the dialled host, an IP here; Go 1.10+ check SANs by type and an IP SAN is unconstrained without IP subtrees',
  },
  {
    story: 'excluded subtree, non-critical',
    constraints: { critical: false, excluded: [{ dns: 'kubernetes.default' }] },
    leaf: { san: [{ dns: 'kubernetes.default' }] },
    host: 'kubernetes.default',
    expected: each([
      [LEGACY_NO_EXCLUDED, null],
      [GO_1_9, DOMAIN],
      [
        MODERN,
        forName('DNS name "kubernetes.default" is excluded by constraint "kubernetes.default"'),
      ],
    ]),
    source:
      'Go 1.2–1.9 x509.go reads permitted subtrees only; Go 1.10 gotee@79cb904e and Go 1.19 checkNameConstraints check excluded first',
  },
  {
    story: 'excluded subtree, critical',
    constraints: { excluded: [{ dns: 'kubernetes.default' }] },
    leaf: { san: [{ dns: 'kubernetes.default' }] },
    host: 'kubernetes.default',
    expected: each([
      [LEGACY_NO_EXCLUDED, 'x509: certificate signed by unknown authority'],
      [GO_1_9, DOMAIN],
      [
        MODERN,
        forName('DNS name "kubernetes.default" is excluded by constraint "kubernetes.default"'),
      ],
    ]),
    source:
      'Go 1.2–1.9 x509.go: `len(constraints.Excluded) > 0 && e.Critical` → UnhandledCriticalExtension while parsing, so AppendCertsFromPEM drops the CA',
  },
  {
    story: 'a CN-only leaf (no SAN extension) under a constrained CA',
    constraints: { permitted: [{ dns: 'kubernetes.default' }] },
    leaf: { subject: 'CN=kubernetes.default', san: [] },
    host: 'kubernetes.default',
    expected: each([
      [LEGACY, null],
      [expand(['go1.10', 'go1.11', 'go1.14']), WITHOUT_SANS],
      [
        expand(['go1.15']),
        'x509: certificate relies on legacy Common Name field, use SANs or temporarily enable Common Name matching with GODEBUG=x509ignoreCN=0',
      ],
      [expand(['go']), 'x509: certificate relies on legacy Common Name field, use SANs instead'],
    ]),
    source:
      'Go 1.10 isValid NameConstraintsWithoutSANs for any leaf without SANs; Go 1.11–1.14 only when leaf.commonNameAsHostname() (golang/go#24151); Go 1.15+ ignore the CN, whose host name check fails first',
  },
  {
    story: "the CA's own SAN outside its constraints",
    constraints: { permitted: [{ dns: 'kubernetes.default' }] },
    root: { san: [{ dns: 'ca.example.com' }] },
    leaf: { san: [{ dns: 'kubernetes.default' }] },
    host: 'kubernetes.default',
    expected: each([
      [
        [
          ...LEGACY,
          ...expand(['go1.10', 'go1.11', 'go1.14', 'go1.15']),
          'go1.21',
          'go1.23',
          'go1.24',
        ],
        null,
      ],
      [
        ['go', 'go1.18', 'go1.17'],
        forName('DNS name "ca.example.com" is not permitted by any constraint'),
      ],
    ]),
    source:
      'Go 1.19 isValid adds the CA itself to toCheck when it has SANs; real go1.16 and go1.21–1.23 do not (case I-nc:ncl-ok--nc-ownsan); Go 1.17 between them, not run here',
  },
  {
    story: 'the Service IP outside the permitted range, non-critical',
    constraints: { critical: false, permitted: [{ ip: '10.10.0.0/16' }] },
    leaf: { san: [{ dns: 'kubernetes.default' }, { ip: '10.0.0.1' }] },
    host: 'kubernetes.default',
    expected: each([
      [LEGACY, null],
      [MODERN, forName('IP address "10.0.0.1" is not permitted by any constraint')],
    ]),
    source:
      'Go 1.2–1.9 x509.go skip a permitted subtree without a dNSName in a non-critical extension; Go 1.10+ matchIPConstraint',
  },
  {
    story: 'an IP-only critical constraint',
    constraints: { permitted: [{ ip: '10.10.0.0/16' }] },
    leaf: { san: [{ dns: 'kubernetes.default' }, { ip: '10.10.56.65' }] },
    host: 'kubernetes.default',
    expected: each([
      [LEGACY, 'x509: certificate signed by unknown authority'],
      [MODERN, null],
    ]),
    source:
      'Go 1.2–1.9 x509.go: a permitted subtree without a dNSName in a critical extension → UnhandledCriticalExtension while parsing; Go 1.10+ parse IP subtrees',
  },
];

async function scenarioOf(row: Row): Promise<Scenario> {
  const rootKey = await testKey('nc-go-root', 'ec');
  const root = await makeCert(
    {
      subject: 'CN=nc-ca',
      serialHex: '01',
      ...VALID,
      basicConstraints: { ca: true },
      keyUsage: ['keyCertSign', 'digitalSignature'],
      nameConstraints: row.constraints,
      ...row.root,
    },
    rootKey,
  );
  const leaf = await makeCert(
    {
      subject: 'CN=kube-apiserver',
      issuer: 'CN=nc-ca',
      serialHex: '02',
      ...VALID,
      basicConstraints: { ca: false },
      keyUsage: ['digitalSignature', 'keyEncipherment'],
      extKeyUsage: ['serverAuth'],
      ...row.leaf,
    },
    await testKey('nc-go-leaf', 'ec'),
    rootKey,
  );
  return { leaf, intermediates: [], roots: [root] };
}

describe.each(ROWS.map((row) => [row.story, row] as const))('%s', (_story, row) => {
  test.each(GO_ERAS.map((era) => era.id))(`%s (${row.source})`, async (id) => {
    const verdict = verifyGo(await inputOf(await scenarioOf(row), row.host), goEra(id));
    expect(verdict.message).toBe(row.expected[id]);
  });
});

const go = goOracleAvailability();
gate(go).test(`the go column is what Go 1.19 says (${go.reason})`, async () => {
  const scenarios = await Promise.all(ROWS.map(scenarioOf));
  const real = await runGoOracle(
    ROWS.map((row, index) => oracleCaseOf(row.story, scenarios[index]!, row.host, NOW)),
  );
  expect(real.map((verdict) => verdict.message)).toEqual(ROWS.map((row) => row.expected.go));
});

function constraints(partial: Partial<NameConstraintsFacts['permitted']>): NameConstraintsFacts {
  const side = { dns: [], ip: [], email: [], uri: [], other: [] };
  return { critical: true, permitted: { ...side, ...partial }, excluded: side };
}

test('TooManyConstraints after 250000 comparisons prints "x509: unknown error"', () => {
  const many = Array.from({ length: MAX_CONSTRAINT_COMPARISONS + 1 }, (_, i) => `d${i}.example`);
  const ca = factsOf({ cn: 'ca', nameConstraints: constraints({ dns: many }) });
  const leaf = factsOf({ cn: 'leaf', san: { dns: ['kubernetes.default'] } });
  const failure = checkNameConstraintsGo(ca, 1, [leaf], 'kubernetes.default', goEra('go'));
  expect(failure).toEqual({ code: 'name-constraint-limit', depth: 1, limit: 250_000 });
  expect(goMessage(failure!, goEra('go'), leaf)).toBe('x509: unknown error');
});

test('Go 1.11–1.14 accept a CN-only leaf whose CN is not a host name', () => {
  const ca = factsOf({ cn: 'ca', nameConstraints: constraints({ dns: ['cluster.local'] }) });
  const leaf = factsOf({ cn: 'vm-56-65@1446612345', san: null });
  const check = (id: GoClientId) => checkNameConstraintsGo(ca, 1, [leaf], 'x', goEra(id));
  expect(check('go1.10')).toEqual({ code: 'name-constraints-without-sans', depth: 1 });
  expect(check('go1.11')).toBeNull();
  expect(check('go1.14')).toBeNull();
});

test('parseRFC2821Mailbox', () => {
  expect(parseMailbox('admin@mail.cluster.local')).toEqual({
    local: 'admin',
    domain: 'mail.cluster.local',
  });
  expect(parseMailbox('"a b"@x.example')).toEqual({ local: 'a b', domain: 'x.example' });
  expect(parseMailbox('a\\@b@x.example')).toEqual({ local: 'a@b', domain: 'x.example' });
  expect(parseMailbox('not-a-mailbox')).toBeNull();
  expect(parseMailbox('.a@x.example')).toBeNull();
  expect(parseMailbox('a@x..example')).toBeNull();
});

test("Go's parser rejects what it cannot read; Go ≤ 1.9 only critical non-DNS subtrees", () => {
  const ip = (text: string, bytesHex: string) => constraints({ ip: [{ text, bytesHex }] });
  expect(nameConstraintsParseError(ip('10.0.0.0/ff00ff00', '0a000000ff00ff00'))).toBe(
    'x509: IP constraint contained invalid mask ff00ff00',
  );
  expect(nameConstraintsParseError(constraints({ dns: ['bad..name'] }))).toBe(
    'x509: failed to parse dnsName constraint "bad..name"',
  );
  expect(nameConstraintsParseError(constraints({ uri: ['10.0.0.1'] }))).toBe(
    'x509: failed to parse URI constraint "10.0.0.1": cannot be IP address',
  );
  expect(nameConstraintsParseError(constraints({}))).toBe('x509: empty name constraints extension');
  const withIp = factsOf({ nameConstraints: ip('10.0.0.0/8', '0a000000ff000000') });
  expect(parsesInEra(withIp, goEra('go1.8'))).toBe(false);
  expect(parsesInEra(withIp, goEra('go'))).toBe(true);
  const nonCritical = factsOf({
    nameConstraints: { ...ip('10.0.0.0/8', '0a000000ff000000'), critical: false },
  });
  expect(parsesInEra(nonCritical, goEra('go1.4'))).toBe(true);
});
