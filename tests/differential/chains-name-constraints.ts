/**
 * Name-constraint chains for the trust corpus (tests/differential/chains.ts): a private
 * CA limited with nameConstraints (RFC 5280 §4.2.1.10) above the apiserver certificate, in
 * the shapes where the clients disagree or where in-cluster names fall outside — DNS bases
 * with and without a leading dot, excluded subtrees, IP ranges against the Service IP
 * 10.0.0.1 (IPv4 against an IPv6 range too), email and URI bases (OpenSSL matches an email
 * host exactly, Go as a domain), a URI SAN with an IP host, a CN-only leaf, constraints on
 * the root rather than the intermediate, critical and non-critical, and a CA whose own
 * SAN falls outside its constraints (Go 1.18+ checks it, OpenSSL does not).
 */
import type {
  CertificateSpec,
  NameConstraintsSpec,
  SanEntry,
} from '../../src/generate/certificate.js';
import { makeCert, testKey, type MadeCert } from '../helpers/certs.js';
import type { ChainCase } from './chains.js';

const DAY = 86_400_000;
const HOST = 'kubernetes.default';
const CA_USAGE = ['digitalSignature', 'keyCertSign', 'cRLSign'] as const;
const LEAF_USAGE = ['digitalSignature', 'keyEncipherment'] as const;

const KUBE_SANS: SanEntry[] = [
  { ip: '10.10.56.65' },
  { ip: '10.0.0.1' },
  { dns: 'kubernetes.default.svc' },
  { dns: 'kubernetes.default' },
  { dns: 'kubernetes' },
];

/** The in-cluster names, all permitted: what a correctly constrained CA would allow. */
const KUBE_PERMITTED: NameConstraintsSpec = {
  permitted: [
    { dns: 'kubernetes' },
    { dns: 'kubernetes.default' },
    { dns: 'kubernetes.default.svc' },
    { ip: '10.0.0.0/8' },
  ],
};

export async function nameConstraintChains(now: Date): Promise<ChainCase[]> {
  const valid = {
    notBefore: new Date(now.getTime() - DAY),
    notAfter: new Date(now.getTime() + 90 * DAY),
  };
  const expired = {
    notBefore: new Date(now.getTime() - 90 * DAY),
    notAfter: new Date(now.getTime() - 2 * DAY),
  };
  const [rootKey, interKey, leafKey] = await Promise.all(
    ['root', 'inter', 'leaf'].map((label) => testKey(`chains-nc-${label}`, 'ec')),
  );
  const root = await makeCert(ca('CN=nc-root-ca', valid), rootKey, rootKey);
  let serial = 0x20;
  /** Root → intermediate (with these constraints) → leaf (with these SANs). */
  const chain = async (
    interConstraints: NameConstraintsSpec | undefined,
    leaf: Partial<CertificateSpec>,
    interExtra: Partial<CertificateSpec> = {},
  ): Promise<{ inter: MadeCert; leaf: MadeCert }> => {
    serial += 2;
    const inter = await makeCert(
      {
        ...ca('CN=nc-intermediate-ca', valid),
        issuer: 'CN=nc-root-ca',
        serialHex: serial.toString(16),
        ...(interConstraints ? { nameConstraints: interConstraints } : {}),
        ...interExtra,
      },
      interKey,
      rootKey,
    );
    const made = await makeCert(
      {
        subject: 'CN=kube-apiserver',
        issuer: 'CN=nc-intermediate-ca',
        serialHex: (serial + 1).toString(16),
        ...valid,
        san: KUBE_SANS,
        basicConstraints: { ca: false },
        keyUsage: LEAF_USAGE,
        extKeyUsage: ['serverAuth'],
        ...leaf,
      },
      leafKey,
      interKey,
    );
    return { inter, leaf: made };
  };
  const cases: ChainCase[] = [];
  const add = (
    id: string,
    made: { inter: MadeCert; leaf: MadeCert },
    host = HOST,
    roots: readonly MadeCert[] = [root],
  ): void => {
    cases.push({
      id: `name constraints: ${id}`,
      leaf: made.leaf,
      intermediates: [made.inter],
      roots,
      host,
    });
  };

  // DNS.
  add('in-cluster names and 10.0.0.0/8 permitted', await chain(KUBE_PERMITTED, {}));
  add(
    'in-cluster names permitted, dialled by the Service IP',
    await chain(KUBE_PERMITTED, {}),
    '10.0.0.1',
  );
  add('only .cluster.local permitted', await chain({ permitted: [{ dns: '.cluster.local' }] }, {}));
  const twoNames: Partial<CertificateSpec> = {
    san: [{ dns: 'kubernetes.default' }, { dns: 'kubernetes.default.svc' }],
  };
  add(
    'leading-dot .default covers kubernetes.default, not kubernetes.default.svc',
    await chain({ permitted: [{ dns: '.default' }] }, twoNames),
  );
  add(
    'kubernetes.default and .default.svc permitted',
    await chain({ permitted: [{ dns: 'kubernetes.default' }, { dns: '.default.svc' }] }, twoNames),
  );
  add(
    'leading-dot .kubernetes.default excludes kubernetes.default itself',
    await chain(
      { permitted: [{ dns: '.kubernetes.default' }, { dns: 'kubernetes.default.svc' }] },
      twoNames,
    ),
  );
  add(
    'excluded kubernetes.default.svc',
    await chain({ ...KUBE_PERMITTED, excluded: [{ dns: 'kubernetes.default.svc' }] }, {}),
  );
  add(
    'only .cluster.local permitted, non-critical',
    await chain({ critical: false, permitted: [{ dns: '.cluster.local' }] }, {}),
  );
  // IP ranges against the Service IP.
  add(
    'IP 10.10.0.0/16 permitted: the Service IP 10.0.0.1 is not',
    await chain({ permitted: [{ ip: '10.10.0.0/16' }] }, {}),
  );
  add(
    'IP 10.10.0.0/16 permitted, dialled by the Service IP',
    await chain({ permitted: [{ ip: '10.10.0.0/16' }] }, {}),
    '10.0.0.1',
  );
  add(
    'IP 10.0.0.0/24 excluded',
    await chain({ excluded: [{ ip: '10.0.0.0/24' }] }, {}),
    '10.0.0.1',
  );
  add(
    'only an IPv6 range permitted, IPv4 SANs',
    await chain({ permitted: [{ ip: 'fd00::/8' }] }, {}),
  );
  // Email and URI.
  const withEmail: Partial<CertificateSpec> = {
    san: [{ dns: 'kubernetes.default' }, { email: 'admin@mail.cluster.local' }],
  };
  add(
    'email base cluster.local, admin@mail.cluster.local',
    await chain({ permitted: [{ email: 'cluster.local' }] }, withEmail),
  );
  add(
    'email base .cluster.local, admin@mail.cluster.local',
    await chain({ permitted: [{ email: '.cluster.local' }] }, withEmail),
  );
  add(
    'an email SAN without @ under email constraints',
    await chain(
      { permitted: [{ dns: 'kubernetes.default' }, { email: '.cluster.local' }] },
      { san: [{ dns: 'kubernetes.default' }, { email: 'not-a-mailbox' }] },
    ),
  );
  const withUri = (uri: string): Partial<CertificateSpec> => ({
    san: [{ dns: 'kubernetes.default' }, { uri }],
  });
  add(
    'URI base cluster.local, spiffe://cluster.local/ns/default',
    await chain(
      { permitted: [{ uri: 'cluster.local' }] },
      withUri('spiffe://cluster.local/ns/default'),
    ),
  );
  add(
    'URI base example.com, spiffe://cluster.local/ns/default',
    await chain(
      { permitted: [{ uri: 'example.com' }] },
      withUri('spiffe://cluster.local/ns/default'),
    ),
  );
  add(
    'URI base .cluster.local, a URI SAN with an IP host',
    await chain({ permitted: [{ uri: '.cluster.local' }] }, withUri('https://10.0.0.1/')),
  );
  add(
    'URI base .cluster.local, a URI SAN without a host',
    await chain({ permitted: [{ uri: '.cluster.local' }] }, withUri('urn:example:kubernetes')),
  );
  add(
    'URI base .cluster.local, a URI SAN whose host has two ports',
    await chain(
      { permitted: [{ uri: '.cluster.local' }] },
      withUri('https://a.cluster.local:1:2/'),
    ),
  );
  // A CN-only leaf (no SAN extension) under a DNS-constrained CA.
  const cnOnly = (cn: string): Partial<CertificateSpec> => ({ subject: `CN=${cn}`, san: [] });
  add(
    'CN-only leaf CN=kubernetes.default, .cluster.local permitted',
    await chain({ permitted: [{ dns: '.cluster.local' }] }, cnOnly(HOST)),
  );
  add(
    'CN-only leaf CN=kubernetes.default, kubernetes.default permitted',
    await chain({ permitted: [{ dns: HOST }] }, cnOnly(HOST)),
  );
  add(
    'CN-only leaf with a generated CN, .cluster.local permitted',
    await chain({ permitted: [{ dns: '.cluster.local' }] }, cnOnly('vm-56-65@1446612345')),
  );
  // Constraints on the root instead of the intermediate.
  const constrainedRoot = await makeCert(
    {
      ...ca('CN=nc-root-ca', valid),
      serialHex: '03',
      nameConstraints: { permitted: [{ dns: '.cluster.local' }] },
    },
    rootKey,
    rootKey,
  );
  add('constraints on the root, not the intermediate', await chain(undefined, {}), HOST, [
    constrainedRoot,
  ]);
  const permissiveRoot = await makeCert(
    { ...ca('CN=nc-root-ca', valid), serialHex: '04', nameConstraints: KUBE_PERMITTED },
    rootKey,
    rootKey,
  );
  add('in-cluster names permitted by the root', await chain(undefined, {}), HOST, [permissiveRoot]);
  // The CA's own SAN outside its own constraints.
  add(
    'intermediate with its own SAN outside its constraints',
    await chain(KUBE_PERMITTED, {}, { san: [{ dns: 'ca.example.com' }] }),
  );
  // Two failures: the expired leaf first, then the constraint.
  add(
    'expired leaf under .cluster.local',
    await chain({ permitted: [{ dns: '.cluster.local' }] }, expired),
  );
  return cases;
}

function ca(subject: string, period: { notBefore: Date; notAfter: Date }): CertificateSpec {
  return {
    subject,
    serialHex: '01',
    ...period,
    basicConstraints: { ca: true },
    keyUsage: CA_USAGE,
  };
}
