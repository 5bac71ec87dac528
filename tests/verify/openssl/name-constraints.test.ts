/**
 * OpenSSL 3.0's check_name_constraints (src/verify/openssl/name-constraints.ts): the cases
 * where its matching differs from Go's, each run through the profile and, when installed,
 * the real `openssl verify` (line for line, tests/verify/openssl/helpers.ts).
 */
import type { CertificateSpec, NameConstraintsSpec } from '../../../src/generate/certificate.js';
import { dnsIdOfCommonName } from '../../../src/verify/openssl/engine/name-constraints.js';
import { makeCert, testKey } from '../../helpers/certs.js';
import { caSpec, checkScenarios, DAY, NOW, VALID, type Scenario } from './helpers.js';

const HOST = 'kubernetes.default';
const P47 = 'error 47 at 0 depth lookup: permitted subtree violation';
const E48 = 'error 48 at 0 depth lookup: excluded subtree violation';
const S53 = 'error 53 at 0 depth lookup: unsupported or invalid name syntax';

async function constrained(
  constraints: NameConstraintsSpec,
  leaf: Partial<CertificateSpec>,
  host = HOST,
): Promise<Scenario> {
  const caKey = await testKey('nc-openssl-ca', 'ec');
  const root = await makeCert(caSpec({ subject: 'CN=nc-ca', nameConstraints: constraints }), caKey);
  const made = await makeCert(
    {
      subject: 'CN=kube-apiserver',
      issuer: 'CN=nc-ca',
      serialHex: '02',
      ...VALID,
      san: [{ dns: HOST }],
      basicConstraints: { ca: false },
      keyUsage: ['digitalSignature', 'keyEncipherment'],
      ...leaf,
    },
    await testKey('nc-openssl-leaf', 'ec'),
    caKey,
  );
  return { leaf: made, roots: [root], host };
}

const CASES: readonly { story: string; scenario: () => Promise<Scenario>; lines: string[] }[] = [
  {
    story: 'a leading-dot DNS base needs one more label',
    scenario: () => constrained({ permitted: [{ dns: '.kubernetes.default' }] }, {}),
    lines: [P47],
  },
  {
    story: 'a DNS base matches on a label boundary, case-insensitively',
    scenario: () => constrained({ permitted: [{ dns: 'DEFAULT' }] }, {}),
    lines: [],
  },
  {
    story: 'an email host base does not cover subdomains (Go: it does)',
    scenario: () =>
      constrained(
        { permitted: [{ email: 'cluster.local' }] },
        { san: [{ dns: HOST }, { email: 'admin@mail.cluster.local' }] },
      ),
    lines: [P47],
  },
  {
    story: 'an email mailbox base: the local part is case-sensitive',
    scenario: () =>
      constrained(
        { permitted: [{ email: 'admin@cluster.local' }] },
        { san: [{ dns: HOST }, { email: 'Admin@cluster.local' }] },
      ),
    lines: [P47],
  },
  {
    story: 'an email mailbox base: the host is not',
    scenario: () =>
      constrained(
        { permitted: [{ email: 'admin@cluster.local' }] },
        { san: [{ dns: HOST }, { email: 'admin@CLUSTER.local' }] },
      ),
    lines: [],
  },
  {
    story: 'a URI host base is exact (Go: subdomains too)',
    scenario: () =>
      constrained(
        { permitted: [{ uri: 'cluster.local' }] },
        { san: [{ dns: HOST }, { uri: 'spiffe://x.cluster.local/ns/default' }] },
      ),
    lines: [P47],
  },
  {
    story: 'a URI without scheme://host is name syntax 53',
    scenario: () =>
      constrained(
        { permitted: [{ uri: 'cluster.local' }] },
        { san: [{ dns: HOST }, { uri: 'urn:k8s:apiserver' }] },
      ),
    lines: [S53],
  },
  {
    story: 'excluded wins over permitted',
    scenario: () => constrained({ permitted: [{ dns: 'default' }], excluded: [{ dns: HOST }] }, {}),
    lines: [E48],
  },
  {
    story: 'a CN-only leaf: the host-like CN is checked as a DNS name',
    scenario: () =>
      constrained({ permitted: [{ dns: '.cluster.local' }] }, { subject: `CN=${HOST}`, san: [] }),
    lines: [P47],
  },
  {
    story: 'a CN-only leaf with a one-label CN is not checked',
    scenario: () =>
      constrained(
        { permitted: [{ dns: '.cluster.local' }] },
        { subject: 'CN=kubernetes', san: [] },
        'kubernetes',
      ),
    lines: [],
  },
  {
    story: 'with a DNS SAN the CN is not checked',
    scenario: () =>
      constrained({ permitted: [{ dns: HOST }] }, { subject: 'CN=other.example.com' }),
    lines: [],
  },
  {
    story: 'an expired leaf: 10 lets verification go on to 47',
    scenario: () =>
      constrained(
        { permitted: [{ dns: '.cluster.local' }] },
        {
          notBefore: new Date(NOW.getTime() - 30 * DAY),
          notAfter: new Date(NOW.getTime() - DAY),
        },
      ),
    lines: ['error 10 at 0 depth lookup: certificate has expired', P47],
  },
  {
    story: 'an IPv4 SAN never matches an IPv6 range',
    scenario: () =>
      constrained(
        { permitted: [{ ip: 'fd00::/8' }] },
        { san: [{ dns: HOST }, { ip: '10.0.0.1' }] },
      ),
    lines: [P47],
  },
];

test.each(CASES.map((c) => [c.story, c] as const))('%s', async (_story, c) => {
  const [lines] = await checkScenarios([await c.scenario()]);
  expect(lines).toEqual(c.lines);
});

test('cn2dnsid: two or more labels of host-name characters, trailing NULs dropped', () => {
  const none = { kind: 'none' };
  expect(dnsIdOfCommonName('kubernetes.default')).toEqual({
    kind: 'dns',
    id: 'kubernetes.default',
  });
  expect(dnsIdOfCommonName('kubernetes')).toEqual(none);
  expect(dnsIdOfCommonName('vm-56-65@1446612345')).toEqual(none);
  expect(dnsIdOfCommonName('a.-b')).toEqual(none);
  expect(dnsIdOfCommonName('a..b')).toEqual(none);
  expect(dnsIdOfCommonName('my_host.example\0')).toEqual({ kind: 'dns', id: 'my_host.example' });
  expect(dnsIdOfCommonName('a\0b.example')).toEqual({ kind: 'name-syntax' });
});
