/**
 * Chain building and the key-usage filter (src/verify/go/trust.ts). Each scenario is run
 * through the `go` profile and, when Go is installed, through real crypto/x509: the two
 * must agree word for word. A few legacy-era differences are pinned with their source.
 */
import type { CertificateSpec } from '../../../src/generate/certificate.js';
import { goEra, verifyGo, type GoClientId } from '../../../src/verify/go/index.js';
import { makeCert, testKey } from '../../helpers/certs.js';
import { goOracleAvailability, runGoOracle } from '../../oracle/go.js';
import { gate } from '../../oracle/require.js';
import {
  CA_SPEC,
  inputOf,
  LEAF_SPEC,
  oracleCaseOf,
  ROW_D,
  selfTrusted,
  VALID,
  type Scenario,
} from './scenarios.js';

const INTERMEDIATE_SPEC: CertificateSpec = {
  ...CA_SPEC,
  subject: 'CN=kube-intermediate',
  issuer: 'CN=kube-ca',
  serialHex: '03',
};

async function chain(options: {
  readonly root?: Partial<CertificateSpec>;
  readonly intermediate?: Partial<CertificateSpec> | null;
  readonly leaf?: Partial<CertificateSpec>;
  readonly leafKey?: 'ec' | 'rsa';
}): Promise<Scenario> {
  const rootKey = await testKey('chain-root', 'rsa');
  const interKey = await testKey('chain-intermediate', 'rsa');
  const leafKey = await testKey('chain-leaf', options.leafKey ?? 'rsa');
  const root = await makeCert({ ...CA_SPEC, ...options.root }, rootKey);
  if (options.intermediate === null || options.intermediate === undefined) {
    const leaf = await makeCert({ ...LEAF_SPEC, ...options.leaf }, leafKey, rootKey);
    return { leaf, intermediates: [], roots: [root] };
  }
  const inter = await makeCert(
    { ...INTERMEDIATE_SPEC, ...options.intermediate },
    interKey,
    rootKey,
  );
  const leaf = await makeCert(
    { ...LEAF_SPEC, issuer: 'CN=kube-intermediate', ...options.leaf },
    leafKey,
    interKey,
  );
  return { leaf, intermediates: [inter], roots: [root] };
}

const EXPIRED_VALIDITY = {
  notBefore: new Date(VALID.notBefore.getTime() - 400 * 86_400_000),
  notAfter: new Date(VALID.notBefore.getTime() - 86_400_000),
};
const UNKNOWN_CRITICAL = {
  oid: '1.3.6.1.4.1.99999.1',
  critical: true,
  value: new Uint8Array([5, 0]),
};

interface Case {
  readonly name: string;
  readonly scenario: () => Promise<Scenario>;
  readonly host: string;
  /** What the `go` profile must say (and real Go, when present). */
  readonly go: string;
  /** Pinned legacy outcomes, each with its source. */
  readonly legacy?: readonly {
    readonly era: GoClientId;
    readonly expected: string;
    readonly source: string;
  }[];
}

const CASES: Case[] = [
  {
    name: 'leaf ← root',
    scenario: () => chain({}),
    host: 'kubernetes.default',
    go: 'ok',
  },
  {
    name: 'leaf ← intermediate ← root',
    scenario: () => chain({ intermediate: {} }),
    host: '10.0.0.1',
    go: 'ok',
    legacy: [{ era: 'go1.4', expected: 'ok', source: 'Go 1.2 buildChains recursion' }],
  },
  {
    name: 'intermediate CA:FALSE',
    scenario: () => chain({ intermediate: { basicConstraints: { ca: false } } }),
    host: 'kubernetes.default',
    go: 'x509: certificate signed by unknown authority (possibly because of "x509: invalid signature: parent certificate cannot sign this kind of certificate" while trying to verify candidate authority certificate "kube-intermediate")',
  },
  {
    name: 'intermediate without keyCertSign',
    scenario: () => chain({ intermediate: { keyUsage: ['digitalSignature'] } }),
    host: 'kubernetes.default',
    go: 'x509: certificate signed by unknown authority (possibly because of "x509: invalid signature: parent certificate cannot sign this kind of certificate" while trying to verify candidate authority certificate "kube-intermediate")',
  },
  {
    name: 'intermediate not sent',
    scenario: async () => ({ ...(await chain({ intermediate: {} })), intermediates: [] }),
    host: 'kubernetes.default',
    go: 'x509: certificate signed by unknown authority',
  },
  {
    name: 'expired root',
    scenario: () => chain({ root: EXPIRED_VALIDITY }),
    host: 'kubernetes.default',
    go: `x509: certificate has expired or is not yet valid: current time 2016-03-01T12:00:00Z is after ${EXPIRED_VALIDITY.notAfter.toISOString().replace('.000', '')}`,
    legacy: [
      {
        era: 'go1.8',
        expected: 'x509: certificate has expired or is not yet valid',
        source:
          'root isValid error returned by buildChains (Go 1.8/1.9 fork); no detail before Go 1.14',
      },
    ],
  },
  {
    name: 'root restricted to clientAuth (EKU nesting)',
    scenario: () => chain({ root: { extKeyUsage: ['clientAuth'] } }),
    host: 'kubernetes.default',
    go: 'x509: certificate specifies an incompatible key usage',
  },
  {
    name: 'root restricted to Netscape SGC',
    scenario: () => chain({ root: { extKeyUsage: ['2.16.840.1.113730.4.1'] } }),
    host: 'kubernetes.default',
    go: 'x509: certificate specifies an incompatible key usage',
    legacy: [
      {
        era: 'go1.10',
        expected: 'ok',
        source: 'gotee@79cb904e checkChainForKeyUsage: SGC counts as serverAuth',
      },
    ],
  },
  {
    name: 'unknown critical extension on the leaf',
    scenario: () => chain({ leaf: { extraExtensions: [UNKNOWN_CRITICAL] } }),
    host: 'nowhere.example',
    go: 'x509: unhandled critical extension',
  },
  {
    name: 'unknown critical extension on the root',
    scenario: () => chain({ root: { extraExtensions: [UNKNOWN_CRITICAL] } }),
    host: 'kubernetes.default',
    go: 'x509: unhandled critical extension',
    legacy: [
      {
        era: 'go1.8',
        expected: 'ok',
        source: 'Go 1.8/1.9 fork checks UnhandledCriticalExtensions in Verify for the leaf only',
      },
    ],
  },
  {
    name: 'SAN extension with a URI only, dialled by IP',
    scenario: () =>
      selfTrusted({ ...ROW_D, san: [{ uri: 'spiffe://x' }], subject: 'CN=only-uri' }, 'uri'),
    host: '10.0.0.1',
    go: "x509: cannot validate certificate for 10.0.0.1 because it doesn't contain any IP SANs",
  },
  {
    name: 'SHA-1 signed leaf',
    scenario: () => chain({ leaf: { hash: 'SHA-1' } }),
    host: 'kubernetes.default',
    go: 'x509: certificate signed by unknown authority (possibly because of "x509: cannot verify signature: insecure algorithm SHA1-RSA (temporarily override with GODEBUG=x509sha1=1)" while trying to verify candidate authority certificate "kube-ca")',
    legacy: [
      { era: 'go1.15', expected: 'ok', source: 'golang/go#41682: SHA-1 rejected from Go 1.18' },
    ],
  },
  {
    name: 'same-name CA with an ECDSA key, leaf signed by RSA',
    scenario: async () => {
      const scenario = await chain({});
      const other = await makeCert(CA_SPEC, await testKey('ec-ca', 'ec'));
      return { ...scenario, roots: [other] };
    },
    host: 'kubernetes.default',
    go: 'x509: certificate signed by unknown authority (possibly because of "x509: signature algorithm specifies an RSA public key, but have public key of type *ecdsa.PublicKey" while trying to verify candidate authority certificate "kube-ca")',
  },
  {
    name: 'candidate name falls back to the Organization',
    scenario: async () => {
      const served = await makeCert(
        { ...LEAF_SPEC, issuer: 'O=kube-org', keyIds: false },
        await testKey('chain-leaf', 'rsa'),
        await testKey('chain-root', 'rsa'),
      );
      const root = await makeCert(
        { ...CA_SPEC, subject: 'O=kube-org', keyIds: false },
        await testKey('org-other', 'rsa'),
      );
      return { leaf: served, intermediates: [], roots: [root] };
    },
    host: 'kubernetes.default',
    go: 'x509: certificate signed by unknown authority (possibly because of "crypto/rsa: verification error" while trying to verify candidate authority certificate "kube-org")',
    legacy: [
      {
        era: 'go1.4',
        expected:
          'x509: certificate signed by unknown authority (possibly because of "crypto/rsa: verification error" while trying to verify candidate authority certificate "serial:1")',
        source: 'Go 1.2 UnknownAuthorityError.Error overwrites the Organization, assumed in 1.4',
      },
    ],
  },
  {
    name: 'path length 0 with an intermediate below the root',
    scenario: () =>
      chain({ root: { basicConstraints: { ca: true, pathLen: 0 } }, intermediate: {} }),
    host: 'kubernetes.default',
    go: 'x509: too many intermediates for path length constraint',
  },
];

async function ours(c: Case, era: GoClientId): Promise<string> {
  const verdict = verifyGo(await inputOf(await c.scenario(), c.host), goEra(era));
  return verdict.ok ? 'ok' : (verdict.message ?? '');
}

describe.each(CASES)('$name', (c) => {
  test(`go: ${c.go}`, async () => {
    expect(await ours(c, 'go')).toBe(c.go);
  });
  for (const pinned of c.legacy ?? []) {
    test(`${pinned.era}: ${pinned.expected} [${pinned.source}]`, async () => {
      expect(await ours(c, pinned.era)).toBe(pinned.expected);
    });
  }
});

const availability = goOracleAvailability();
const describeWithGo = gate(availability).describe;

describeWithGo(`the chain cases against real crypto/x509 (${availability.reason})`, () => {
  test('real Go says exactly what the go profile says', async () => {
    const scenarios = await Promise.all(CASES.map((c) => c.scenario()));
    const verdicts = await runGoOracle(
      CASES.map((c, index) => oracleCaseOf(c.name, scenarios[index]!, c.host)),
    );
    const real = verdicts.map((verdict) => (verdict.ok ? 'ok' : verdict.message));
    expect(real).toEqual(CASES.map((c) => c.go));
  });
});
