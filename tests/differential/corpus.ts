/**
 * The differential corpus: certificate shapes × dialled names, built fresh on every
 * run relative to the real clock (Node's handshake cannot be told another time, so
 * every oracle evaluates at the same real `now`).
 *
 * Self-trust model (no --ca): each certificate is served alone and is the only trust
 * anchor, as when the pod's ca.crt is a copy of the apiserver's self-signed cert.
 */
import type { CertificateSpec, SanEntry } from '../../src/generate/certificate.js';

export interface CorpusShape {
  readonly id: string;
  readonly spec: CertificateSpec;
  /** Names to dial against this shape. */
  readonly names: readonly string[];
}

const DAY = 86_400_000;

const KUBE_NAMES: SanEntry[] = [
  { dns: 'kubernetes.default.svc' },
  { dns: 'kubernetes.default' },
  { dns: 'kubernetes' },
];
const APISERVER_SANS: SanEntry[] = [{ ip: '10.10.56.65' }, { ip: '10.0.0.1' }, ...KUBE_NAMES];

/** The names Heapster and in-cluster clients dial, plus the ones people try. */
const HEAPSTER_NAMES = [
  'kubernetes.default',
  '10.0.0.1',
  'kubernetes',
  'kubernetes.default.svc',
  'kubernetes.default.svc.cluster.local',
];

const CA = { ca: true } as const;
const CA_USAGE = ['keyEncipherment', 'digitalSignature', 'keyCertSign'] as const;
const LEAF_USAGE = ['keyEncipherment', 'digitalSignature'] as const;

export function buildCorpus(now: Date): CorpusShape[] {
  const valid = {
    notBefore: new Date(now.getTime() - DAY),
    notAfter: new Date(now.getTime() + 365 * DAY),
  };
  const unixSeconds = Math.floor(now.getTime() / 1000) - 3600;
  const kubeCn = `CN=vm-56-65@${unixSeconds}`;
  // A self-signed CA (the shape of Kubernetes v1.1–v1.10 apiserver certs) with given SANs.
  const caWith = (
    id: string,
    san: SanEntry[] | undefined,
    names: readonly string[],
    subject = kubeCn,
  ): CorpusShape => ({
    id,
    spec: {
      subject,
      serialHex: '01',
      ...valid,
      ...(san ? { san } : {}),
      basicConstraints: CA,
      keyUsage: CA_USAGE,
      extKeyUsage: ['serverAuth'],
    },
    names,
  });

  return [
    // Kubernetes generator eras (self-trusted).
    caWith('kube-v1.1-seed', APISERVER_SANS, [
      ...HEAPSTER_NAMES,
      '10.10.56.65',
      `vm-56-65@${unixSeconds}`,
      'vm-56-65',
    ]),
    {
      id: 'kube-v1.0-not-ca',
      spec: {
        subject: kubeCn,
        serialHex: '01',
        ...valid,
        san: APISERVER_SANS,
        basicConstraints: { ca: false },
        keyUsage: LEAF_USAGE,
        extKeyUsage: ['serverAuth'],
      },
      names: ['kubernetes.default', '10.0.0.1', 'kubernetes.default.svc.cluster.local'],
    },
    {
      id: 'kube-v0.x-host-only',
      spec: {
        subject: 'CN=10.10.56.65@1436985353',
        serialHex: '01',
        ...valid,
        san: [{ ip: '10.10.56.65' }],
        basicConstraints: { ca: false },
        keyUsage: LEAF_USAGE,
        extKeyUsage: ['serverAuth'],
      },
      names: ['kubernetes.default', '10.0.0.1', '10.10.56.65', 'kubernetes'],
    },
    caWith(
      'kube-dns-host',
      [{ dns: 'master.example.com' }, { ip: '10.0.0.1' }, ...KUBE_NAMES],
      ['master.example.com', 'kubernetes.default', '10.0.0.1', 'MASTER.example.com'],
    ),
    // Common Name only, or CN beside other SAN types.
    caWith(
      'cn-only-dns',
      undefined,
      ['kubernetes.default', 'KUBERNETES.DEFAULT', 'kubernetes', '10.0.0.1'],
      'CN=kubernetes.default',
    ),
    caWith('cn-only-kube-style', undefined, [
      'kubernetes.default',
      `vm-56-65@${unixSeconds}`,
      '10.0.0.1',
    ]),
    caWith('cn-only-ip', undefined, ['10.0.0.1', 'kubernetes.default'], 'CN=10.0.0.1'),
    caWith('cn-only-wildcard', undefined, ['kubernetes.default', 'a.b.default'], 'CN=*.default'),
    caWith(
      'cn-only-underscore',
      undefined,
      ['my_svc.default', 'My_Svc.Default'],
      'CN=my_svc.default',
    ),
    caWith(
      'cn-plus-ip-san',
      [{ ip: '10.0.0.1' }],
      ['kubernetes.default', '10.0.0.1', '10.0.0.2'],
      'CN=kubernetes.default',
    ),
    caWith(
      'cn-plus-uri-san',
      [{ uri: 'spiffe://cluster.local/ns/default/sa/x' }],
      ['kubernetes.default', 'kubernetes'],
      'CN=kubernetes.default',
    ),
    caWith(
      'cn-plus-email-san',
      [{ email: 'admin@example.com' }],
      ['kubernetes.default'],
      'CN=kubernetes.default',
    ),
    caWith(
      'cn-and-other-dns',
      [{ dns: 'kubernetes' }],
      ['kubernetes.default', 'kubernetes'],
      'CN=kubernetes.default',
    ),
    caWith(
      'multiple-cns',
      undefined,
      ['first.example', 'second.example'],
      'CN=first.example+CN=second.example',
    ),
    // IPs written as DNS names, and IP families.
    caWith(
      'ip-as-dns-san',
      [{ dns: '10.0.0.1' }, ...KUBE_NAMES],
      ['10.0.0.1', 'kubernetes.default'],
    ),
    caWith(
      'ipv6-sans',
      [{ ip: '::1' }, { ip: '2001:db8::1' }],
      ['::1', '2001:db8::1', '2001:DB8:0:0:0:0:0:1', '127.0.0.1', '2001:db8::2'],
    ),
    caWith(
      'ipv4-mapped-san',
      [{ ip: '::ffff:10.0.0.1' }],
      ['10.0.0.1', '::ffff:10.0.0.1', '::ffff:a00:1'],
    ),
    caWith('ipv4-san-mapped-name', [{ ip: '10.0.0.1' }], ['::ffff:10.0.0.1', '10.0.0.1']),
    caWith(
      'ip-sans-only',
      [{ ip: '10.0.0.1' }, { ip: '10.10.56.65' }],
      ['10.0.0.1', '10.0.0.10', 'kubernetes.default'],
    ),
    // Wildcards of every shape.
    caWith(
      'wildcard-left',
      [{ dns: '*.default.svc' }],
      [
        'kubernetes.default.svc',
        'kubernetes.default',
        'a.b.default.svc',
        'default.svc',
        'KUBERNETES.default.SVC',
      ],
    ),
    caWith(
      'wildcard-partial',
      [{ dns: 'k*.default' }],
      ['kubernetes.default', 'k.default', 'x.default'],
    ),
    caWith(
      'wildcard-suffix-partial',
      [{ dns: '*s.default' }],
      ['kubernetes.default', 'svc.default'],
    ),
    caWith('wildcard-tld', [{ dns: '*.default' }], ['kubernetes.default', 'x.default', 'default']),
    caWith(
      'wildcard-inner',
      [{ dns: 'kubernetes.*.svc' }],
      ['kubernetes.default.svc', 'kubernetes.x.svc'],
    ),
    caWith('wildcard-double', [{ dns: '*.*.svc' }], ['kubernetes.default.svc']),
    caWith('wildcard-bare', [{ dns: '*' }], ['kubernetes', 'kubernetes.default']),
    caWith(
      'wildcard-punycode',
      [{ dns: '*.xn--bcher-kva.example' }, { dns: 'xn--*.example' }],
      ['a.xn--bcher-kva.example', 'xn--bcher-kva.example', 'xn--abc.example'],
    ),
    caWith('wildcard-over-ip', [{ dns: '*.0.0.1' }], ['10.0.0.1', 'x.0.0.1']),
    caWith('wildcard-uppercase-pattern', [{ dns: '*.Default.SVC' }], ['kubernetes.default.svc']),
    // Case, trailing dots, odd characters.
    caWith(
      'uppercase-san',
      [{ dns: 'KUBERNETES.Default' }],
      ['kubernetes.default', 'Kubernetes.DEFAULT'],
    ),
    caWith(
      'trailing-dot-san',
      [{ dns: 'kubernetes.default.' }],
      ['kubernetes.default', 'kubernetes.default.'],
    ),
    caWith(
      'plain-san-dotted-name',
      [{ dns: 'kubernetes.default' }],
      ['kubernetes.default.', 'kubernetes.default..'],
    ),
    caWith(
      'underscore-san',
      [{ dns: 'my_svc.default' }, { dns: '*.my_ns.svc' }],
      ['my_svc.default', 'a.my_ns.svc'],
    ),
    caWith(
      'punycode-san',
      [{ dns: 'xn--bcher-kva.example' }],
      ['xn--bcher-kva.example', 'XN--BCHER-KVA.example'],
    ),
    caWith(
      'empty-label-san',
      [{ dns: 'kubernetes..default' }, { dns: '.default' }],
      ['kubernetes..default', 'x.default'],
    ),
    caWith('space-in-san', [{ dns: 'kube rnetes.default' }], ['kube rnetes.default']),
    // Extended key usage on the (self-trusted) leaf.
    {
      ...caWith('eku-client-only', APISERVER_SANS, ['kubernetes.default']),
      spec: { ...caWith('x', APISERVER_SANS, []).spec, extKeyUsage: ['clientAuth'] },
    },
    {
      ...caWith('eku-server-and-client', APISERVER_SANS, ['kubernetes.default']),
      spec: { ...caWith('x', APISERVER_SANS, []).spec, extKeyUsage: ['serverAuth', 'clientAuth'] },
    },
    {
      ...caWith('eku-any', APISERVER_SANS, ['kubernetes.default']),
      spec: { ...caWith('x', APISERVER_SANS, []).spec, extKeyUsage: ['any'] },
    },
    {
      ...caWith('eku-absent', APISERVER_SANS, ['kubernetes.default', '10.0.0.1']),
      spec: omit(caWith('x', APISERVER_SANS, []).spec, 'extKeyUsage'),
    },
    // Validity period.
    {
      ...caWith('expired', APISERVER_SANS, ['kubernetes.default', 'not-covered.example']),
      spec: {
        ...caWith('x', APISERVER_SANS, []).spec,
        notBefore: new Date(now.getTime() - 400 * DAY),
        notAfter: new Date(now.getTime() - 35 * DAY),
      },
    },
    {
      ...caWith('not-yet-valid', APISERVER_SANS, ['kubernetes.default', '10.0.0.9']),
      spec: {
        ...caWith('x', APISERVER_SANS, []).spec,
        notBefore: new Date(now.getTime() + 2 * DAY),
        notAfter: new Date(now.getTime() + 400 * DAY),
      },
    },
    // Self-signed anchors that may not sign.
    {
      id: 'self-signed-no-basic-constraints',
      spec: {
        subject: kubeCn,
        serialHex: '01',
        ...valid,
        san: APISERVER_SANS,
        keyUsage: LEAF_USAGE,
        extKeyUsage: ['serverAuth'],
      },
      names: ['kubernetes.default', 'wrong.example'],
    },
    {
      id: 'self-signed-ca-without-certsign',
      spec: {
        subject: kubeCn,
        serialHex: '01',
        ...valid,
        san: APISERVER_SANS,
        basicConstraints: CA,
        keyUsage: LEAF_USAGE,
        extKeyUsage: ['serverAuth'],
      },
      names: ['kubernetes.default'],
    },
    {
      id: 'self-signed-no-extensions-but-san',
      spec: { subject: kubeCn, serialHex: '01', ...valid, san: APISERVER_SANS },
      names: ['kubernetes.default', '10.0.0.1'],
    },
  ];
}

function omit<T extends object, K extends keyof T>(value: T, key: K): Omit<T, K> {
  const rest = { ...value };
  delete rest[key];
  return rest;
}

/** Every shape is also dialled by the two names that decide Heapster's verdict. */
const ALWAYS_DIALLED = ['kubernetes.default', '10.0.0.1'];

/** Flattened (shape, name) cases with stable ids. */
export function corpusCases(
  shapes: readonly CorpusShape[],
): { id: string; shape: CorpusShape; name: string }[] {
  return shapes.flatMap((shape) =>
    [...new Set([...shape.names, ...ALWAYS_DIALLED])].map((name) => ({
      id: `${shape.id} × ${name}`,
      shape,
      name,
    })),
  );
}
