/**
 * The documented oracle for the Go eras that cannot run here (Go ≤ 1.16): for each era
 * a set of Kubernetes-shaped cases, the exact message that Go version prints, and the
 * source of the rule. The `go` rows are also checked against real Go by the differential
 * test and tests/verify/go/trust.test.ts.
 */
import type { CertificateSpec } from '../../../src/generate/certificate.js';
import { GO_ERAS, goEra, verifyGo, type GoClientId } from '../../../src/verify/go/index.js';
import { goProfiles } from '../../../src/verify/go/index.js';
import { makeCert, testKey } from '../../helpers/certs.js';
import {
  CA_SPEC,
  inputOf,
  LEAF_SPEC,
  NOW,
  ROW_A,
  ROW_C,
  ROW_D,
  SEED_CN,
  selfTrusted,
  VALID,
  type Scenario,
} from './scenarios.js';
import { expand } from './families.js';

const ALL: readonly GoClientId[] = GO_ERAS.map((era) => era.id);
const AKID_ONLY: readonly GoClientId[] = ['go1.11.3', 'go1.10.6'];
const HEAPSTER_LE_13: readonly GoClientId[] = expand(['go1.5', 'go1.4']);
const NOT_CA_HINT = `x509: certificate signed by unknown authority (possibly because of "x509: invalid signature: parent certificate cannot sign this kind of certificate" while trying to verify candidate authority certificate "${SEED_CN}")`;
const EXPIRED = 'x509: certificate has expired or is not yet valid';
const LATER = new Date(VALID.notAfter.getTime() + 1000);

interface Row {
  readonly story: string;
  readonly scenario: () => Promise<Scenario>;
  readonly host: string;
  readonly now?: Date;
  readonly eras: readonly GoClientId[];
  readonly expected: string;
  readonly source: string;
}

const CN_ONLY: CertificateSpec = {
  subject: 'CN=kubernetes.default',
  serialHex: '01',
  ...VALID,
  basicConstraints: { ca: true },
  keyUsage: ['keyEncipherment', 'digitalSignature', 'keyCertSign'],
};

async function splitCa(caKey: string): Promise<Scenario> {
  const issuing = await testKey('kube-ca', 'rsa');
  const ca = await makeCert(CA_SPEC, await testKey(caKey, 'rsa'));
  const leaf = await makeCert(LEAF_SPEC, await testKey('serving', 'rsa'), issuing);
  return { leaf, intermediates: [], roots: [ca] };
}

const ROWS: Row[] = [
  // The seed story: Kubernetes v1.0.x self-signed CA:FALSE cert copied into ca.crt.
  {
    story: 'v1.0.x self-signed CA:FALSE cert as its own root',
    scenario: () => selfTrusted(ROW_C),
    host: '10.0.0.1',
    eras: HEAPSTER_LE_13,
    expected: NOT_CA_HINT,
    source:
      'Go 1.2 x509.go CheckSignatureFrom (ConstraintViolationError) via findVerifiedParents; golang/go#16763, kubernetes/kubernetes#11285',
  },
  {
    story: 'v1.0.x self-signed CA:FALSE cert as its own root',
    scenario: () => selfTrusted(ROW_C),
    host: '10.0.0.1',
    eras: expand(['go', 'go1.15', 'go1.14', 'go1.11', 'go1.10', 'go1.8']),
    expected: 'ok',
    source:
      'golang/go#16763: Roots.contains(leaf) shortcut (Go 1.8 by date, UNCONFIRMED; seen in a Go 1.8/1.9 fork, gotee@79cb904e, Go 1.19)',
  },
  {
    story: 'v1.1+ self-signed CA cert as its own root',
    scenario: () => selfTrusted(ROW_D),
    host: '10.0.0.1',
    eras: ALL,
    expected: 'ok',
    source:
      'kubernetes/kubernetes#11285: "a valid CA (which it need to be in order to be used to validate itself)"',
  },
  {
    story: 'name check runs before the chain (v1.0.x cert, FQDN)',
    scenario: () => selfTrusted(ROW_C),
    host: 'kubernetes.default.svc.cluster.local',
    eras: ALL,
    expected:
      'x509: certificate is valid for kubernetes.default.svc, kubernetes.default, kubernetes, not kubernetes.default.svc.cluster.local',
    source: 'Verify order isValid → VerifyHostname → buildChains (Go 1.2, 1.10, 1.19 verify.go)',
  },
  // Pre-v1.0 cert: IP SAN only, the CN is listed by Go ≤ 1.9.
  {
    story: 'pre-v1.0 cert (host IP SAN only) dialled as kubernetes.default',
    scenario: () => selfTrusted(ROW_A),
    host: 'kubernetes.default',
    eras: ['go1.8.5', 'go1.8', 'go1.6', 'go1.5', 'go1.4'],
    expected: 'x509: certificate is valid for 10.10.56.65@1436985353, not kubernetes.default',
    source:
      'Go 1.4–1.8 HostnameError.Error: CN listed when there are no DNS SANs (real answers, B-cn:cn-ipsan)',
  },
  {
    story: 'pre-v1.0 cert (host IP SAN only) dialled as kubernetes.default',
    scenario: () => selfTrusted(ROW_A),
    host: 'kubernetes.default',
    eras: expand(['go', 'go1.15', 'go1.14', 'go1.11', 'go1.10', 'go1.9.2', 'go1.9']),
    expected:
      'x509: certificate is not valid for any names, but wanted to match kubernetes.default',
    source:
      'Go 1.9+ HostnameError.Error: hasSANExtension ⇒ DNSNames, empty list (real go1.9, B-cn:cn-ipsan)',
  },
  // Expiry.
  {
    story: 'expired self-signed CA cert',
    scenario: () => selfTrusted(ROW_D),
    host: '10.0.0.1',
    now: LATER,
    eras: expand(['go1.11', 'go1.10', 'go1.8', 'go1.5', 'go1.4']),
    expected: EXPIRED,
    source: 'Go 1.2 and gotee@79cb904e (Go 1.10) CertificateInvalidError: Expired without detail',
  },
  {
    story: 'expired self-signed CA cert',
    scenario: () => selfTrusted(ROW_D),
    host: '10.0.0.1',
    now: LATER,
    eras: expand(['go', 'go1.15', 'go1.14']),
    expected: `${EXPIRED}: current time 2017-01-30T12:00:01Z is after 2017-01-30T12:00:00Z`,
    source: 'golang/go#34646 "add Detail to Expired errors" (Go 1.14 by date, UNCONFIRMED)',
  },
  // A certificate that names its host only in the CN.
  {
    story: 'CN-only certificate',
    scenario: () => selfTrusted(CN_ONLY, 'cn-only'),
    host: 'kubernetes.default',
    eras: expand(['go1.14', 'go1.11', 'go1.10', 'go1.8', 'go1.5', 'go1.4']),
    expected: 'ok',
    source:
      'CN fallback: Go 1.0–1.9 no DNS SANs; 1.10 no SAN extension; 1.11–1.14 + valid hostname (0852a104, gotee@79cb904e)',
  },
  {
    story: 'CN-only certificate',
    scenario: () => selfTrusted(CN_ONLY, 'cn-only'),
    host: 'kubernetes.default',
    eras: expand(['go1.15']),
    expected:
      'x509: certificate relies on legacy Common Name field, use SANs or temporarily enable Common Name matching with GODEBUG=x509ignoreCN=0',
    source: 'd65e1b2e41 / CL 231379 (Go 1.15 ignores the CN by default)',
  },
  {
    story: 'CN-only certificate',
    scenario: () => selfTrusted(CN_ONLY, 'cn-only'),
    host: 'kubernetes.default',
    eras: expand(['go']),
    expected: 'x509: certificate relies on legacy Common Name field, use SANs instead',
    source: 'Go 1.19 verify.go HostnameError.Error (x509ignoreCN removed in Go 1.17)',
  },
  // The Kubernetes CN `host@unixtime` never matches.
  {
    story: 'the vm-56-65@… CN dialled literally',
    scenario: () => selfTrusted(ROW_D),
    host: SEED_CN,
    eras: ALL,
    expected: `x509: certificate is valid for kubernetes.default.svc, kubernetes.default, kubernetes, not ${SEED_CN}`,
    source:
      'every generator row puts SANs in the cert, so no era reads the CN (client-go util/cert/cert.go)',
  },
  {
    story: 'the vm-56-65@… CN as net/url splits it (userinfo@host)',
    scenario: () => selfTrusted(ROW_D),
    host: '1446612345',
    eras: ALL,
    expected:
      'x509: certificate is valid for kubernetes.default.svc, kubernetes.default, kubernetes, not 1446612345',
    source: 'Go net/url: "vm-56-65@" is userinfo; the digits are not an IP for net.ParseIP',
  },
  // Custom CA cases.
  {
    story: 'split CA (Kubernetes ≥ 1.11 shape), ca.crt holds the CA',
    scenario: () => splitCa('kube-ca'),
    host: 'kubernetes.default',
    eras: ALL,
    expected: 'ok',
    source: 'client-go@dd61bd25 row F; plain chain building',
  },
  {
    story: 'CA regenerated with the same name, ca.crt holds the old one',
    scenario: () => splitCa('kube-ca-old'),
    host: 'kubernetes.default',
    eras: ALL.filter((id) => !AKID_ONLY.includes(id)),
    expected:
      'x509: certificate signed by unknown authority (possibly because of "crypto/rsa: verification error" while trying to verify candidate authority certificate "kube-ca")',
    source: 'kubernetes/dns#244; UnknownAuthorityError hint since Go 1.2 (b419e2b5)',
  },
  {
    story: 'stale ca.crt after the apiserver regenerated its self-signed cert',
    scenario: async () => {
      const served = await makeCert(ROW_D, await testKey('seed', 'rsa'));
      const old = await makeCert(
        { ...ROW_D, subject: 'CN=vm-56-65@1436985353' },
        await testKey('old', 'rsa'),
      );
      return { leaf: served, intermediates: [], roots: [old] };
    },
    host: '10.0.0.1',
    eras: ALL,
    expected: 'x509: certificate signed by unknown authority',
    source:
      'candidates are found by issuer name only; a new CN finds none, so no hint (Go 1.2 cert_pool.go findVerifiedParents)',
  },
  {
    story: 'self-signed CA cert whose EKU is clientAuth only',
    scenario: () => selfTrusted({ ...ROW_D, extKeyUsage: ['clientAuth'] }),
    host: '10.0.0.1',
    eras: ALL.filter((id) => id !== 'go1.10' && id !== 'go1.10.1'),
    expected: 'x509: certificate specifies an incompatible key usage',
    source: 'checkChainForKeyUsage with the default serverAuth (Go 1.4–1.9, 1.10.3+)',
  },
  {
    story: 'self-signed CA cert whose EKU is clientAuth only',
    scenario: () => selfTrusted({ ...ROW_D, extKeyUsage: ['clientAuth'] }),
    host: '10.0.0.1',
    eras: ['go1.10'],
    expected:
      'x509: certificate specifies an incompatible key usage: asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 3, 1}',
    source: 'Go 1.10.0 Verify: the requested serverAuth, %#v (real go1.10, F-eku:eku-client)',
  },
  {
    story: 'self-signed CA cert whose EKU is clientAuth only',
    scenario: () => selfTrusted({ ...ROW_D, extKeyUsage: ['clientAuth'] }),
    host: '10.0.0.1',
    eras: ['go1.10.1'],
    expected:
      'x509: certificate specifies an incompatible key usage: leaf contains the following, recognized EKUs: 1.3.6.1.5.5.7.3.2',
    source: "Go 1.10.1 Verify: the leaf's recognised EKUs (real go1.10.1, F-eku:eku-client)",
  },
  {
    story: 'CA regenerated with the same name, ca.crt holds the old one',
    scenario: () => splitCa('kube-ca-old'),
    host: 'kubernetes.default',
    eras: AKID_ONLY,
    expected: 'x509: certificate signed by unknown authority',
    source:
      'Go 1.10.6–1.10.8, 1.11.3–1.11.5: no issuer-name fallback when the AKID matches nothing (real go1.10.6, H-trust:trust-leaf@ca-stale)',
  },
];

describe.each(ROWS)('$story dialling $host', (row) => {
  test.each(row.eras)(`%s: ${row.expected} [${row.source}]`, async (id) => {
    const verdict = verifyGo(
      await inputOf(await row.scenario(), row.host, row.now ?? NOW),
      goEra(id),
    );
    expect(verdict.ok ? 'ok' : verdict.message).toBe(row.expected);
  });
});

describe('the seed story in failure codes', () => {
  test('Heapster ≤ v1.3 (Go 1.5–1.7) fails with self-signed-not-ca, Heapster v1.4+ passes', async () => {
    const input = await inputOf(await selfTrusted(ROW_C), '10.0.0.1');
    expect(verifyGo(input, goEra('go1.5')).failures).toEqual([
      { code: 'self-signed-not-ca', reason: 'ca-false' },
    ]);
    expect(verifyGo(input, goEra('go1.8')).ok).toBe(true);
  });

  test('collects every failure in Go order, the first being what Go reports', async () => {
    const input = await inputOf(
      await selfTrusted({ ...ROW_C, extKeyUsage: ['clientAuth'] }),
      'kubernetes.default.svc.cluster.local',
      LATER,
    );
    expect(verifyGo(input, goEra('go1.5')).failures.map((failure) => failure.code)).toEqual([
      'expired',
      'name-not-in-sans',
      'self-signed-not-ca',
      'eku-incompatible',
    ]);
  });
});

describe('the profiles', () => {
  test('one per Go client id, newest first, Heapster eras say so', () => {
    expect(goProfiles.map((profile) => profile.id)).toEqual([
      'go1.24',
      'go1.23',
      'go1.21',
      'go',
      'go1.18',
      'go1.17',
      'go1.16',
      'go1.15',
      'go1.14',
      'go1.13',
      'go1.11.6',
      'go1.11.3',
      'go1.11.1',
      'go1.11',
      'go1.10.6',
      'go1.10.3',
      'go1.10.1',
      'go1.10',
      'go1.9.2',
      'go1.9',
      'go1.8.5',
      'go1.8',
      'go1.6',
      'go1.5',
      'go1.4',
    ]);
    const usedBy = Object.fromEntries(goProfiles.map((profile) => [profile.id, profile.usedBy]));
    expect(usedBy['go1.4']).toMatch(/Heapster v0\.13–v0\.17/);
    expect(usedBy['go1.5']).toMatch(/Heapster v0\.18–v1\.0/);
    expect(usedBy['go1.6']).toMatch(/Heapster v1\.1–v1\.3/);
    expect(usedBy['go1.8']).toMatch(/Heapster v1\.4–v1\.6/);
    expect(goProfiles.find((profile) => profile.id === 'go')?.oracle).toBe(
      'real go1.19.8 (recorded and live)',
    );
  });

  test('every row names its releases and what it is checked against', () => {
    for (const era of GO_ERAS) {
      expect(era.releases.first).toMatch(/^go1\.\d+(\.\d+)?$/);
      // Only the rows beyond the recorded and installed releases are not run here.
      if (era.checkedAgainst === null) expect(['go1.18', 'go1.17', 'go1.24']).toContain(era.id);
    }
  });

  test('Go never sets a native code', async () => {
    const input = await inputOf(await selfTrusted(ROW_C), 'nowhere.example');
    for (const profile of goProfiles) expect(profile.verify(input).nativeCode).toBeNull();
  });
});
