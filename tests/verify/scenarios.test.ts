/**
 * One scenario table through every client profile, with the expected differences
 * written out: `all` is what every profile says unless the row names the profile.
 * A code is the first failure the client reports; `ok` means it verifies.
 */
import type { CertificateSpec } from '../../src/generate/certificate.js';
import { PROFILES } from '../../src/verify/profiles.js';
import type { ClientId } from '../../src/verify/types.js';
import { makeCert, selfTrustInput } from '../helpers/certs.js';
import { expand } from './go/families.js';

/** A Go family named in `except` stands for each of its rows (tests/verify/go/families.ts). */
function expandExcept(
  except: Partial<Record<ClientId, Expect>> = {},
): Partial<Record<ClientId, Expect>> {
  const out: Partial<Record<ClientId, Expect>> = {};
  for (const [id, value] of Object.entries(except) as [ClientId, Expect][]) {
    const rows: ClientId[] = id === 'openssl' || id === 'node' ? [id] : expand([id]);
    for (const row of rows) out[row] = value;
  }
  return out;
}

/** `ok`, or the code of the first failure. */
type Expect = string;

interface Scenario {
  readonly title: string;
  readonly spec: CertificateSpec;
  readonly host: string;
  readonly all: Expect;
  readonly except?: Partial<Record<ClientId, Expect>>;
  /** Single Go rows that differ from their family, applied after `except`. */
  readonly rows?: Partial<Record<ClientId, Expect>>;
}

const NOW = new Date('2016-03-01T00:00:00Z');
const valid = {
  serialHex: '01',
  notBefore: new Date('2015-11-04T04:45:45Z'),
  notAfter: new Date('2016-11-03T04:45:45Z'),
};
const KUBE = [
  { dns: 'kubernetes.default.svc' },
  { dns: 'kubernetes.default' },
  { dns: 'kubernetes' },
];
const v11 = {
  ...valid,
  subject: 'CN=vm-56-65@1446612345',
  san: [{ ip: '10.10.56.65' }, { ip: '10.0.0.1' }, ...KUBE],
  basicConstraints: { ca: true },
  keyUsage: ['keyEncipherment', 'digitalSignature', 'keyCertSign'],
  extKeyUsage: ['serverAuth'],
} as const satisfies CertificateSpec;
const v10 = {
  ...v11,
  basicConstraints: { ca: false },
  keyUsage: ['keyEncipherment', 'digitalSignature'],
} as const satisfies CertificateSpec;
const LEGACY_GO = { 'go1.4': 'self-signed-not-ca', 'go1.5': 'self-signed-not-ca' } as const;

const SCENARIOS: readonly Scenario[] = [
  {
    title: "v1.1 self-signed CA, Heapster's DNS name",
    spec: v11,
    host: 'kubernetes.default',
    all: 'ok',
  },
  { title: 'v1.1 self-signed CA, the service IP', spec: v11, host: '10.0.0.1', all: 'ok' },
  {
    title: 'v1.1 cert, the FQDN it never had',
    spec: v11,
    host: 'kubernetes.default.svc.cluster.local',
    all: 'name-not-in-sans',
    except: { openssl: 'name-not-in-sans', node: 'name-not-in-sans' },
  },
  { title: 'v1.1 cert, a changed service IP', spec: v11, host: '10.96.0.1', all: 'ip-not-in-sans' },
  {
    title: 'v1.1 cert, the CN dialled literally',
    spec: v11,
    host: 'vm-56-65@1446612345',
    all: 'name-not-in-sans',
  },
  {
    title: 'v1.0.x self-signed non-CA, trusted as itself',
    spec: v10,
    host: 'kubernetes.default',
    all: 'ok',
    except: LEGACY_GO,
  },
  // Go checks the host name before the chain, so old Go reports the IP first here.
  {
    title: 'v0.x cert: only the host IP',
    spec: { ...v10, san: [{ ip: '10.10.56.65' }] },
    host: '10.0.0.1',
    all: 'ip-not-in-sans',
  },
  {
    title:
      'v0.x cert: no DNS SANs, CN checked by old clients (up to Go 1.8; real go1.9: no longer)',
    spec: { ...v11, san: [{ ip: '10.10.56.65' }] },
    host: 'kubernetes.default',
    all: 'no-names',
    rows: { 'go1.9': 'no-names', 'go1.9.2': 'no-names' },
    except: {
      'go1.8': 'cn-mismatch',
      'go1.5': 'cn-mismatch',
      'go1.4': 'cn-mismatch',
      openssl: 'cn-mismatch',
      node: 'cn-mismatch',
    },
  },
  {
    title: 'CN-only certificate naming the host',
    spec: { ...v11, subject: 'CN=kubernetes.default', san: [] },
    host: 'kubernetes.default',
    all: 'ok',
    except: { go: 'legacy-common-name', 'go1.15': 'legacy-common-name' },
  },
  {
    title: 'CN-only certificate dialled by IP',
    spec: { ...v11, subject: 'CN=10.0.0.1', san: [] },
    host: '10.0.0.1',
    all: 'no-ip-sans',
    except: { go: 'legacy-common-name', 'go1.15': 'legacy-common-name' },
  },
  {
    title: 'CN-only Kubernetes-style CN',
    spec: { ...v11, san: [] },
    host: 'kubernetes.default',
    all: 'cn-mismatch',
    except: {
      go: 'no-names',
      'go1.15': 'no-names',
      'go1.14': 'no-names',
      'go1.11': 'no-names',
      'go1.10': 'cn-mismatch',
    },
  },
  {
    title: 'partial wildcard k*.default.svc',
    spec: { ...v11, san: [{ dns: 'k*.default.svc' }] },
    host: 'kubernetes.default.svc',
    all: 'name-not-in-sans',
    except: { openssl: 'ok', node: 'ok', 'go1.4': 'name-not-in-sans' },
  },
  {
    title: 'wildcard in an inner label',
    spec: { ...v11, san: [{ dns: 'kubernetes.*.svc' }] },
    host: 'kubernetes.default.svc',
    all: 'name-not-in-sans',
    except: { 'go1.4': 'ok' },
  },
  {
    title: 'DNS SAN spelling the service IP',
    spec: { ...v11, san: [{ dns: '10.0.0.1' }] },
    host: '10.0.0.1',
    all: 'no-ip-sans',
  },
  {
    title: 'expired certificate',
    spec: { ...v11, notAfter: new Date('2016-01-01T00:00:00Z') },
    host: 'kubernetes.default',
    all: 'expired',
  },
  {
    title: 'client-auth-only EKU',
    spec: { ...v11, extKeyUsage: ['clientAuth'] },
    host: 'kubernetes.default',
    all: 'eku-incompatible',
    except: { openssl: 'ok' },
  },
];

describe.each(SCENARIOS.map((scenario) => [scenario.title, scenario] as const))(
  '%s',
  (_title, scenario) => {
    // One certificate per scenario, read once: every profile is asked about the same input.
    let input: ReturnType<typeof selfTrustInput> | undefined;
    const inputOnce = (): ReturnType<typeof selfTrustInput> =>
      (input ??= makeCert(scenario.spec).then((made) => selfTrustInput(made, scenario.host, NOW)));
    test.each(PROFILES.map((profile) => [profile.id, profile] as const))(
      '%s',
      async (id, profile) => {
        const verdict = profile.verify(await inputOnce());
        const expected = scenario.rows?.[id] ?? expandExcept(scenario.except)[id] ?? scenario.all;
        expect(verdict.ok ? 'ok' : (verdict.failures[0]?.code ?? 'unknown')).toBe(expected);
      },
    );
  },
);
