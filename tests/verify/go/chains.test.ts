/**
 * The documented oracle for chain building in the Go eras that cannot run here: for each
 * trust cause a chain, the exact message every era prints, and the source of the rule.
 * Rows that include `go` are also run through real Go 1.19 (when installed), which must
 * print exactly the same.
 */
import type { CertificateSpec } from '../../../src/generate/certificate.js';
import { GO_ERAS, goEra, verifyGo, type GoClientId } from '../../../src/verify/go/index.js';
import { makeCert, testKey } from '../../helpers/certs.js';
import { goOracleAvailability, runGoOracle } from '../../oracle/go.js';
import { gate } from '../../oracle/require.js';
import { makeV1Cert } from '../../differential/chains.js';
import {
  CA_SPEC,
  inputOf,
  LEAF_SPEC,
  NOW,
  oracleCaseOf,
  ROW_C,
  ROW_D,
  VALID,
  type Scenario,
} from './scenarios.js';
import { expand } from './families.js';

const ALL: readonly GoClientId[] = GO_ERAS.map((era) => era.id);
const GO_1_10_UP: readonly GoClientId[] = expand(['go', 'go1.15', 'go1.14', 'go1.11', 'go1.10']);
const GO_1_9_DOWN: readonly GoClientId[] = expand(['go1.8', 'go1.5', 'go1.4']);
const EXPIRY_DETAIL: readonly GoClientId[] = expand(['go', 'go1.15', 'go1.14']);
const UNKNOWN = 'x509: certificate signed by unknown authority';
/** Go 1.10.6–1.10.8, 1.11.3–1.11.5: candidates by AKID only (real go1.10.6, H-akid cases). */
const AKID_ONLY: readonly GoClientId[] = ['go1.11.3', 'go1.10.6'];
/** Go 1.10.0–1.10.2: the EKU rules of the first Go 1.10 (real go1.10, F-eku cases). */
const EKU_1_10: readonly GoClientId[] = ['go1.10.1', 'go1.10'];
/** Go 1.10–1.10.5, 1.11–1.11.2: no signature-check limit (real H-limit cases). */
const NO_LIMIT: readonly GoClientId[] = ['go1.11.1', 'go1.11', 'go1.10.3', 'go1.10.1', 'go1.10'];
const hint = (error: string, candidate: string) =>
  `${UNKNOWN} (possibly because of "${error}" while trying to verify candidate authority certificate "${candidate}")`;
const CANNOT_SIGN =
  'x509: invalid signature: parent certificate cannot sign this kind of certificate';
const T1 = 1456000000;
const T2 = 1456500000;

interface Row {
  readonly story: string;
  readonly scenario: () => Promise<Scenario>;
  readonly host: string;
  readonly eras: readonly GoClientId[];
  readonly expected: string;
  readonly source: string;
}

const INTERMEDIATE: CertificateSpec = {
  ...CA_SPEC,
  subject: 'CN=kube-intermediate',
  issuer: 'CN=kube-ca',
  serialHex: '03',
};

/** kube-ca (rsa key `ca`) → [kube-intermediate] → serving leaf. */
async function customChain(options: {
  readonly intermediate?: Partial<CertificateSpec>;
  readonly leaf?: Partial<CertificateSpec>;
  readonly caKey?: string;
}): Promise<Scenario> {
  const caKey = await testKey('legacy-ca', 'rsa');
  const interKey = await testKey('legacy-intermediate', 'rsa');
  const root = await makeCert(CA_SPEC, await testKey(options.caKey ?? 'legacy-ca', 'rsa'));
  if (!options.intermediate) {
    const leaf = await makeCert(
      { ...LEAF_SPEC, ...options.leaf },
      await testKey('serving', 'rsa'),
      caKey,
    );
    return { leaf, intermediates: [], roots: [root] };
  }
  const inter = await makeCert({ ...INTERMEDIATE, ...options.intermediate }, interKey, caKey);
  const leaf = await makeCert(
    { ...LEAF_SPEC, issuer: 'CN=kube-intermediate', ...options.leaf },
    await testKey('serving', 'rsa'),
    interKey,
  );
  return { leaf, intermediates: [inter], roots: [root] };
}

/** Two self-signed apiserver certificates: served `host@T2`, ca.crt `host@T1` (or same T). */
async function regenerated(spec: CertificateSpec, t1: number, t2: number): Promise<Scenario> {
  const old = await makeCert(
    { ...spec, subject: `CN=vm-56-65@${t1}` },
    await testKey('kube-old', 'rsa'),
  );
  const served = await makeCert(
    { ...spec, subject: `CN=vm-56-65@${t2}` },
    await testKey('kube-new', 'rsa'),
  );
  return { leaf: served, intermediates: [], roots: [old] };
}

const EXPIRED_INTERMEDIATE = {
  notBefore: new Date(VALID.notBefore.getTime() - 400 * 86_400_000),
  notAfter: new Date(VALID.notBefore.getTime() - 86_400_000),
};
const rfc3339 = (date: Date) => date.toISOString().replace('.000', '');

/** A leaf signed by the CA's key but naming another issuer: found by key id only. */
async function renamedIssuer() {
  const caKey = await testKey('legacy-ca', 'rsa');
  const root = await makeCert(CA_SPEC, caKey);
  const leaf = await makeCert(
    { ...LEAF_SPEC, issuer: 'CN=kube-ca-renamed' },
    await testKey('serving', 'rsa'),
    caKey,
  );
  return { leaf, intermediates: [], roots: [root] };
}

const ROWS: Row[] = [
  {
    story: 'stale ca.crt: served vm-56-65@T2, ca.crt vm-56-65@T1 (v1.1+ CA certs)',
    scenario: () => regenerated(ROW_D, T1, T2),
    host: 'kubernetes.default',
    eras: ALL,
    expected: UNKNOWN,
    source:
      'Go 1.2 findVerifiedParents and Go 1.19 findPotentialParents look candidates up by raw issuer name; the timestamped CN never matches, so UnknownAuthorityError has no hint (Go 1.2 b419e2b5)',
  },
  {
    story: 'stale ca.crt: served vm-56-65@T2, ca.crt vm-56-65@T1 (v1.0.x CA:FALSE certs)',
    scenario: () => regenerated(ROW_C, T1, T2),
    host: '10.0.0.1',
    eras: ALL,
    expected: UNKNOWN,
    source: 'as above: no candidate, so no CheckSignatureFrom and no hint',
  },
  {
    story: 'regenerated within the same second: same CN, new key',
    scenario: () => regenerated(ROW_D, T2, T2),
    host: 'kubernetes.default',
    eras: ALL,
    expected: hint('crypto/rsa: verification error', `vm-56-65@${T2}`),
    source:
      'the old certificate is a candidate by name; its key does not verify the signature (crypto/rsa VerifyPKCS1v15 ErrVerification); Go 1.2 UnknownAuthorityError hint',
  },
  {
    story: 'custom CA regenerated with the same name and a new key',
    scenario: () => customChain({ caKey: 'legacy-ca-regenerated' }),
    host: 'kubernetes.default',
    eras: ALL.filter((id) => !AKID_ONLY.includes(id)),
    expected: hint('crypto/rsa: verification error', 'kube-ca'),
    source:
      'AKID does not match the new SKID: Go 1.2/1.10 fall back to the issuer name, Go 1.19 ranks the mismatching key id last but still tries it (kubernetes/dns#244)',
  },
  {
    story: 'intermediate with CA:FALSE',
    scenario: () => customChain({ intermediate: { basicConstraints: { ca: false } } }),
    host: 'kubernetes.default',
    eras: ALL,
    expected: hint(CANNOT_SIGN, 'kube-intermediate'),
    source:
      'CheckSignatureFrom rejects a CA:FALSE parent (ConstraintViolationError, same text since Go 1.2); the only rejected candidate becomes the hint',
  },
  {
    story: 'intermediate keyUsage without keyCertSign',
    scenario: () => customChain({ intermediate: { keyUsage: ['digitalSignature'] } }),
    host: 'kubernetes.default',
    eras: ALL,
    expected: hint(CANNOT_SIGN, 'kube-intermediate'),
    source: 'CheckSignatureFrom: KeyUsage != 0 without KeyUsageCertSign (Go 1.2 x509.go)',
  },
  {
    story: 'version 1 intermediate (no basicConstraints allowed to sign)',
    scenario: async () => {
      const caKey = await testKey('legacy-ca', 'rsa');
      const interKey = await testKey('legacy-intermediate', 'rsa');
      const root = await makeCert(CA_SPEC, caKey);
      const inter = await makeV1Cert({ ...INTERMEDIATE, ...VALID }, interKey, caKey);
      const leaf = await makeCert(
        { ...LEAF_SPEC, issuer: 'CN=kube-intermediate' },
        await testKey('serving', 'rsa'),
        interKey,
      );
      return { leaf, intermediates: [inter], roots: [root] };
    },
    host: 'kubernetes.default',
    eras: ALL.filter((id) => !AKID_ONLY.includes(id)),
    expected: 'x509: certificate is not authorized to sign other certificates',
    source:
      'CheckSignatureFrom only demands basicConstraints of v3 parents; isValid then refuses an intermediate without IsCA (NotAuthorizedToSign, Go 1.2 and 1.19 verify.go)',
  },
  {
    story: 'expired intermediate',
    scenario: () => customChain({ intermediate: EXPIRED_INTERMEDIATE }),
    host: 'kubernetes.default',
    eras: EXPIRY_DETAIL,
    expected: `x509: certificate has expired or is not yet valid: current time ${rfc3339(NOW)} is after ${rfc3339(EXPIRED_INTERMEDIATE.notAfter)}`,
    source: 'isValid on the candidate; Detail since golang/go#34646 (Go 1.14 by date, UNCONFIRMED)',
  },
  {
    story: 'expired intermediate',
    scenario: () => customChain({ intermediate: EXPIRED_INTERMEDIATE }),
    host: 'kubernetes.default',
    eras: expand(['go1.11', 'go1.10', ...GO_1_9_DOWN]),
    expected: 'x509: certificate has expired or is not yet valid',
    source: 'Go 1.2 and Go 1.10 (gotee@79cb904e) CertificateInvalidError Expired without detail',
  },
  {
    story: 'root pathLen 0 above an intermediate',
    scenario: () =>
      customChain({ intermediate: {} }).then(async (scenario) => ({
        ...scenario,
        roots: [
          await makeCert(
            { ...CA_SPEC, basicConstraints: { ca: true, pathLen: 0 } },
            await testKey('legacy-ca', 'rsa'),
          ),
        ],
      })),
    host: 'kubernetes.default',
    eras: ALL,
    expected: 'x509: too many intermediates for path length constraint',
    source: 'isValid: len(currentChain)-1 > MaxPathLen (TooManyIntermediates, since 2012)',
  },
  {
    story: 'intermediate restricted to clientAuth (EKU nesting)',
    scenario: () => customChain({ intermediate: { extKeyUsage: ['clientAuth'] } }),
    host: 'kubernetes.default',
    eras: ALL.filter((id) => !EKU_1_10.includes(id)),
    expected: 'x509: certificate specifies an incompatible key usage',
    source: 'checkChainForKeyUsage walks every chain certificate (Go 1.4–1.9, 1.10.3+ verify.go)',
  },
  {
    story: 'SHA-1 signed serving certificate',
    scenario: () => customChain({ leaf: { hash: 'SHA-1' } }),
    host: 'kubernetes.default',
    eras: ['go1.23', 'go1.21', 'go'],
    expected: hint(
      'x509: cannot verify signature: insecure algorithm SHA1-RSA (temporarily override with GODEBUG=x509sha1=1)',
      'kube-ca',
    ),
    source: 'golang/go#41682: SHA-1 certificate signatures rejected from Go 1.18',
  },
  {
    story: 'SHA-1 signed serving certificate',
    scenario: () => customChain({ leaf: { hash: 'SHA-1' } }),
    host: 'kubernetes.default',
    eras: ['go1.17', ...expand(['go1.15', 'go1.14', 'go1.11', 'go1.10', ...GO_1_9_DOWN])],
    expected: 'ok',
    source: 'before Go 1.18 only MD5 (and MD2) signatures were insecure',
  },
  {
    story: 'SHA-1 signed serving certificate',
    scenario: () => customChain({ leaf: { hash: 'SHA-1' } }),
    host: 'kubernetes.default',
    eras: ['go1.24'],
    expected: hint('x509: cannot verify signature: insecure algorithm SHA1-RSA', 'kube-ca'),
    source: 'Go 1.24 release notes: the x509sha1 GODEBUG is gone (golang/go#62048); not run here',
  },
  {
    story: 'custom CA regenerated with the same name and a new key',
    scenario: () => customChain({ caKey: 'legacy-ca-regenerated' }),
    host: 'kubernetes.default',
    eras: AKID_ONLY,
    expected: UNKNOWN,
    source: 'the AKID matches no SKID and these releases do not fall back to the issuer name',
  },
  {
    story: 'intermediate restricted to clientAuth (EKU nesting)',
    scenario: () => customChain({ intermediate: { extKeyUsage: ['clientAuth'] } }),
    host: 'kubernetes.default',
    eras: EKU_1_10,
    expected:
      'x509: a root or intermediate certificate is not authorized for an extended key usage: EKU not permitted: asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 3, 1}',
    source: 'Go 1.10.0–1.10.2 isValid: the intermediate must permit the leaf EKUs (real go1.10)',
  },
  {
    story: 'issuer found by key id under another name',
    scenario: renamedIssuer,
    host: 'kubernetes.default',
    eras: ['go1.15', ...expand(['go1.14', 'go1.11', 'go1.10'])],
    expected: 'x509: issuer name does not match subject from issuing certificate',
    source:
      'Go 1.10 findPotentialParents by AKID, then isValid NameMismatch (gotee@79cb904e verify.go)',
  },
  {
    story: 'issuer found by key id under another name',
    scenario: renamedIssuer,
    host: 'kubernetes.default',
    eras: ['go1.16', ...expand(['go'])],
    expected: UNKNOWN,
    source:
      'Go 1.16+ findPotentialParents looks up byName only: no candidate at all (real go1.16 ranks by key id)',
  },
  {
    story: 'issuer found by key id under another name',
    scenario: renamedIssuer,
    host: 'kubernetes.default',
    eras: GO_1_9_DOWN,
    expected: 'ok',
    source: 'Go 1.2 findVerifiedParents by AKID; its isValid has no name comparison',
  },
  {
    story: '120 look-alike CAs in ca.crt before the real one',
    scenario: async () => {
      const scenario = await customChain({});
      const decoyKey = await testKey('legacy-decoy', 'rsa');
      const decoys = [];
      for (let serial = 0x20; serial < 0x20 + 120; serial++) {
        decoys.push(
          await makeCert({ ...CA_SPEC, keyIds: false, serialHex: serial.toString(16) }, decoyKey),
        );
      }
      const real = await makeCert({ ...CA_SPEC, keyIds: false }, await testKey('legacy-ca', 'rsa'));
      const leaf = await makeCert(
        { ...LEAF_SPEC, keyIds: false },
        await testKey('serving', 'rsa'),
        await testKey('legacy-ca', 'rsa'),
      );
      return { ...scenario, leaf, roots: [...decoys, real] };
    },
    host: 'kubernetes.default',
    eras: GO_1_10_UP.filter((id) => !NO_LIMIT.includes(id)),
    expected: 'x509: signature check attempts limit reached while verifying certificate chain',
    source:
      'buildChains maxChainSignatureChecks = 100 (Go 1.10 gotee@79cb904e and Go 1.19 verify.go)',
  },
];

ROWS.push({
  ...(ROWS.find((row) => row.story.startsWith('version 1 intermediate')) as Row),
  eras: AKID_ONLY,
  expected: UNKNOWN,
  source: 'the leaf names the v1 intermediate by AKID, which has no SKID: no candidate at all',
});

ROWS.push({
  ...(ROWS.at(-2) as Row),
  eras: [...NO_LIMIT, ...GO_1_9_DOWN],
  expected: 'ok',
  source:
    'Go 1.2–1.9 had no limit: findVerifiedParents tries all 121 candidates and the real one verifies',
});

describe.each(ROWS)('$story', (row) => {
  // The row's chain is built and read once; each era verifies that same input.
  let input: ReturnType<typeof inputOf> | undefined;
  const inputOnce = (): ReturnType<typeof inputOf> =>
    (input ??= row.scenario().then((scenario) => inputOf(scenario, row.host)));
  test.each(row.eras)(`%s: ${row.expected.slice(0, 80)}… [${row.source}]`, async (era) => {
    const verdict = verifyGo(await inputOnce(), goEra(era));
    expect(verdict.ok ? 'ok' : verdict.message).toBe(row.expected);
  });
});

const availability = goOracleAvailability();
gate(availability).test(
  `the go rows against real crypto/x509 (${availability.reason})`,
  async () => {
    const rows = ROWS.filter((row) => row.eras.includes('go'));
    const scenarios = await Promise.all(rows.map((row) => row.scenario()));
    const verdicts = await runGoOracle(
      rows.map((row, index) => oracleCaseOf(row.story, scenarios[index]!, row.host)),
    );
    expect(verdicts.map((verdict) => (verdict.ok ? 'ok' : verdict.message))).toEqual(
      rows.map((row) => row.expected),
    );
  },
);

test('the model bounds Go 1.2–1.9 chain building, which had no limit of its own', async () => {
  // 40 CAs with one name and one key all sign each other: findVerifiedParents accepts every
  // one of them at every level, so real Go ≤ 1.9 would walk 40! paths. The model stops after
  // MODEL_CHECK_BUDGET signature checks; Go 1.10+ after 100 (maxChainSignatureChecks).
  const key = await testKey('legacy-loop', 'rsa');
  const loop = [];
  for (let serial = 0x40; serial < 0x40 + 40; serial++) {
    loop.push(await makeCert({ ...CA_SPEC, keyIds: false, serialHex: serial.toString(16) }, key));
  }
  const leaf = await makeCert(
    { ...LEAF_SPEC, keyIds: false },
    await testKey('serving', 'rsa'),
    key,
  );
  const other = await makeCert(
    { ...CA_SPEC, subject: 'CN=other' },
    await testKey('legacy-other', 'rsa'),
  );
  const input = await inputOf({ leaf, intermediates: loop, roots: [other] }, 'kubernetes.default');
  for (const era of GO_1_9_DOWN) {
    expect(verifyGo(input, goEra(era)).failures.map((failure) => failure.code)).toEqual([
      'unknown-authority',
    ]);
  }
  expect(verifyGo(input, goEra('go')).message).toBe(UNKNOWN);
});
