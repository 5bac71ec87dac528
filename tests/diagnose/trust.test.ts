/**
 * src/diagnose/trust.ts through diagnose(): the closest miss, stale-CA detection and the
 * CA-that-is-not-a-CA finding, on real certificates with real signatures.
 */
import type { CertificateSpec, KeyPair } from '../../src/generate/certificate.js';
import { diagnose } from '../../src/diagnose/index.js';
import type { Report } from '../../src/report/report.js';
import type { ObservationFinding } from '../../src/report/findings.js';
import { notCaReason, rejectionsOf } from '../../src/diagnose/trust.js';
import { userNames } from '../../src/names/defaults.js';
import { computeSignatureChecks } from '../../src/verify/signatures.js';
import type { ClientId } from '../../src/verify/types.js';
import { makeCert, testKey, type MadeCert } from '../helpers/certs.js';

const NOW = new Date('2016-03-01T12:00:00Z');
const DAY = 86_400_000;
const VALID = {
  notBefore: new Date(NOW.getTime() - 30 * DAY),
  notAfter: new Date(NOW.getTime() + 300 * DAY),
};
const SANS = [{ ip: '10.0.0.1' }, { dns: 'kubernetes.default' }] as const;
const T1 = 1446612345;
const T2 = 1446699999;

const rowD = (subject: string, extra: Partial<CertificateSpec> = {}): CertificateSpec => ({
  subject,
  serialHex: '01',
  ...VALID,
  san: SANS,
  basicConstraints: { ca: true },
  keyUsage: ['digitalSignature', 'keyEncipherment', 'keyCertSign'],
  extKeyUsage: ['serverAuth'],
  ...extra,
});
const caSpec = (subject: string, extra: Partial<CertificateSpec> = {}): CertificateSpec => ({
  subject,
  serialHex: '01',
  ...VALID,
  basicConstraints: { ca: true },
  keyUsage: ['digitalSignature', 'keyEncipherment', 'keyCertSign'],
  ...extra,
});
const leafSpec = (issuer: string, extra: Partial<CertificateSpec> = {}): CertificateSpec => ({
  subject: 'CN=kube-apiserver',
  issuer,
  serialHex: '02',
  ...VALID,
  san: SANS,
  basicConstraints: { ca: false },
  keyUsage: ['digitalSignature', 'keyEncipherment'],
  extKeyUsage: ['serverAuth'],
  ...extra,
});
const key = (label: string): Promise<KeyPair> => testKey(`diagnose-trust-${label}`);

async function report(
  served: readonly MadeCert[],
  ca: readonly MadeCert[] | null,
  clients: readonly ClientId[] = ['go', 'openssl', 'node'],
): Promise<Report> {
  const all = [...served, ...(ca ?? [])];
  return diagnose({
    source: 'served.crt',
    certificates: served.map((made) => made.facts),
    roots: ca ? ca.map((made) => made.facts) : null,
    names: userNames(['kubernetes.default', '10.0.0.1']),
    clients,
    heapster: null,
    now: NOW,
    signatures: await computeSignatureChecks(all.map(({ facts, cert }) => ({ facts, cert }))),
    toolVersion: 'test',
  });
}

function finding<C extends ObservationFinding['code']>(
  result: Report,
  code: C,
): Extract<ObservationFinding, { code: C }> | undefined {
  return result.findings.find((entry) => entry.code === code)?.detail as
    Extract<ObservationFinding, { code: C }> | undefined;
}

describe('stale CA: the apiserver regenerated its self-signed certificate', () => {
  test('host@T1 in ca.crt, host@T2 served: stale-ca and the closest miss name both', async () => {
    const old = await makeCert(rowD(`CN=vm-56-65@${T1}`), await key('old'));
    const served = await makeCert(rowD(`CN=vm-56-65@${T2}`), await key('new'));
    const result = await report([served], [old]);
    expect(result.verdict).toBe('fail');
    const stale = finding(result, 'stale-ca');
    expect(stale?.severity).toBe('error');
    expect(stale?.host).toBe('vm-56-65');
    expect(stale?.note).toContain(
      `your ca.crt holds vm-56-65@${T1}, the server presents vm-56-65@${T2}`,
    );
    expect(stale?.note).toContain('24 h later');
    const miss = finding(result, 'closest-miss');
    expect(miss?.child).toMatchObject({ name: `vm-56-65@${T2}`, source: 'served', index: 0 });
    expect(miss?.childSelfSigned).toBe(true);
    expect(
      miss?.candidates.map(({ cert, rejections }) => [cert.name, cert.source, rejections]),
    ).toEqual([[`vm-56-65@${T1}`, 'ca', ['subject-mismatch']]]);
    const entry = result.findings.find((f) => f.code === 'stale-ca');
    expect(entry?.fix).toContain('--cert-dir');
    expect(entry?.fix).toContain('restart Heapster');
  });

  test('regenerated within the same second: same name, another key', async () => {
    const old = await makeCert(rowD(`CN=vm-56-65@${T2}`), await key('same-second'));
    const served = await makeCert(rowD(`CN=vm-56-65@${T2}`), await key('new'));
    const result = await report([served], [old]);
    expect(finding(result, 'stale-ca')?.note).toContain('in the same second, with a new key');
    expect(finding(result, 'closest-miss')?.candidates[0]?.rejections).toEqual(['bad-signature']);
  });

  test('Kubernetes 1.11+ split CA: host-ca@T0 trusted, host-ca@T and host@T served', async () => {
    const oldCa = await makeCert(caSpec(`CN=vm-56-65-ca@${T1}`), await key('old-ca'));
    const caKey = await key('split-ca');
    const ca = await makeCert(caSpec(`CN=vm-56-65-ca@${T2}`), caKey);
    const leaf = await makeCert(
      leafSpec(`CN=vm-56-65-ca@${T2}`, { subject: `CN=vm-56-65@${T2}` }),
      await key('split-leaf'),
      caKey,
    );
    const result = await report([leaf, ca], [oldCa]);
    const stale = finding(result, 'stale-ca');
    expect(stale?.served).toMatchObject({
      role: 'ca',
      name: `vm-56-65-ca@${T2}`,
      source: 'served',
    });
    expect(stale?.trusted.map((ref) => ref.name)).toEqual([`vm-56-65-ca@${T1}`]);
    const miss = finding(result, 'closest-miss');
    expect(miss?.child).toMatchObject({ name: `vm-56-65-ca@${T2}`, index: 1 });
  });

  test('no stale-ca when ca.crt also holds the current certificate', async () => {
    const old = await makeCert(rowD(`CN=vm-56-65@${T1}`), await key('old'));
    const served = await makeCert(rowD(`CN=vm-56-65@${T2}`), await key('new'));
    const result = await report([served], [old, served]);
    expect(result.verdict).toBe('pass');
    expect(finding(result, 'stale-ca')).toBeUndefined();
    expect(finding(result, 'closest-miss')).toBeUndefined();
  });

  test('different hosts are not a stale CA', async () => {
    const other = await makeCert(rowD(`CN=other-host@${T1}`), await key('old'));
    const served = await makeCert(rowD(`CN=vm-56-65@${T2}`), await key('new'));
    const result = await report([served], [other]);
    expect(finding(result, 'stale-ca')).toBeUndefined();
    expect(finding(result, 'closest-miss')).toBeDefined();
  });
});

/** A leaf issued by kube-ca (with key ids), and an unrelated CA that did not sign it. */
async function leafFromKubeCaAndOtherCa(): Promise<{ leaf: MadeCert; other: MadeCert }> {
  const leaf = await makeCert(
    leafSpec('CN=kube-ca', { keyIds: true }),
    await key('leaf'),
    await key('root'),
  );
  const other = await makeCert(caSpec('CN=other-ca', { keyIds: true }), await key('other'));
  return { leaf, other };
}

describe('closest miss: every candidate issuer and why it was rejected', () => {
  test('a wrong CA with key ids: different subject and key id', async () => {
    const { leaf, other } = await leafFromKubeCaAndOtherCa();
    const result = await report([leaf], [other]);
    const miss = finding(result, 'closest-miss');
    expect(miss?.wantedIssuer).toBe('kube-ca');
    expect(miss?.wantedKeyId).toBe(leaf.facts.authorityKeyId);
    expect(miss?.candidates[0]?.rejections).toEqual(['subject-mismatch', 'key-id-mismatch']);
    expect(miss?.note).toContain('the server presents kube-apiserver, issued by kube-ca');
  });

  test('the CA regenerated under its name ranks before an unrelated CA', async () => {
    const { leaf, other } = await leafFromKubeCaAndOtherCa();
    const regenerated = await makeCert(caSpec('CN=kube-ca', { keyIds: true }), await key('regen'));
    const result = await report([leaf], [other, regenerated]);
    const miss = finding(result, 'closest-miss');
    expect(miss?.candidates.map((c) => [c.cert.index, c.rejections])).toEqual([
      [1, ['key-id-mismatch', 'bad-signature']],
      [0, ['subject-mismatch', 'key-id-mismatch']],
    ]);
    expect(miss?.note).toContain('Closest: kube-ca (ca.crt #1)');
    // Go's own words for the same miss.
    const go = result.results.find((r) => r.client === 'go' && r.name === 'kubernetes.default');
    expect(go?.message).toContain('possibly because of "x509: ECDSA verification failure"');
  });

  test('missing intermediate: the leaf is where the path stops', async () => {
    const rootKey = await key('root');
    const interKey = await key('inter');
    const root = await makeCert(caSpec('CN=kube-ca'), rootKey);
    const leaf = await makeCert(leafSpec('CN=kube-intermediate'), await key('leaf'), interKey);
    const result = await report([leaf], [root]);
    const miss = finding(result, 'closest-miss');
    expect(miss?.child.index).toBe(0);
    expect(miss?.wantedIssuer).toBe('kube-intermediate');
  });

  test('only the intermediate trusted: the path stops at it for OpenSSL and Node', async () => {
    const rootKey = await key('root');
    const interKey = await key('inter');
    const inter = await makeCert(
      caSpec('CN=kube-intermediate', { issuer: 'CN=kube-ca' }),
      interKey,
      rootKey,
    );
    const leaf = await makeCert(leafSpec('CN=kube-intermediate'), await key('leaf'), interKey);
    const result = await report([leaf], [inter]);
    const codes = result.results.filter((r) => r.name === 'kubernetes.default').map((r) => r.code);
    expect(codes).toEqual([null, 'anchor-not-self-signed', 'anchor-not-self-signed']);
    const miss = finding(result, 'closest-miss');
    expect(miss?.child).toMatchObject({ name: 'kube-intermediate', source: 'ca' });
    expect(miss?.wantedIssuer).toBe('kube-ca');
  });

  test('a hostile bundle: the list is bounded and counts the rest', async () => {
    const rootKey = await key('root');
    const leaf = await makeCert(leafSpec('CN=kube-ca'), await key('leaf'), rootKey);
    const decoyKey = await key('decoy');
    const decoys: MadeCert[] = [];
    for (let serial = 0x10; serial < 0x10 + 40; serial++) {
      decoys.push(
        await makeCert(caSpec('CN=kube-ca', { serialHex: serial.toString(16) }), decoyKey),
      );
    }
    const miss = finding(await report([leaf], decoys), 'closest-miss');
    expect(miss?.candidates).toHaveLength(20);
    expect(miss?.omitted).toBe(20);
  });

  test('no closest miss when trust holds', async () => {
    const rootKey = await key('root');
    const root = await makeCert(caSpec('CN=kube-ca'), rootKey);
    const leaf = await makeCert(leafSpec('CN=kube-ca'), await key('leaf'), rootKey);
    const result = await report([leaf], [root]);
    expect(result.verdict).toBe('pass');
    expect(result.findings.map((f) => f.code)).not.toContain('closest-miss');
  });
});

describe('a CA that is not a CA', () => {
  test('the served leaf copied as ca.crt: Go 1.8+ accepts it, OpenSSL and Node do not', async () => {
    const caKey = await key('split-ca');
    const ca = await makeCert(caSpec(`CN=vm-56-65-ca@${T2}`), caKey);
    const leaf = await makeCert(
      leafSpec(`CN=vm-56-65-ca@${T2}`, { subject: `CN=vm-56-65@${T2}` }),
      await key('split-leaf'),
      caKey,
    );
    const result = await report([leaf, ca], [leaf], ['go', 'go1.5', 'openssl', 'node']);
    const notCa = finding(result, 'ca-not-a-ca');
    expect(notCa?.anchors).toEqual([
      expect.objectContaining({ reason: 'ca-false', servedCopy: true, selfSigned: false }),
    ]);
    expect(notCa?.note).toContain(`ca.crt holds vm-56-65@${T2} (CA:FALSE)`);
    const byClient = Object.fromEntries(
      result.results.filter((r) => r.name === '10.0.0.1').map((r) => [r.client, r.ok]),
    );
    expect(byClient).toEqual({ go: true, 'go1.5': false, openssl: false, node: false });
    expect(result.findings.find((f) => f.code === 'ca-not-a-ca')?.explanation).toContain(
      'Go 1.4–1.7',
    );
  });

  test('a CA:FALSE certificate that signed the served one', async () => {
    const signerKey = await key('not-ca');
    const signer = await makeCert(
      rowD('CN=not-a-ca', { basicConstraints: { ca: false } }),
      signerKey,
    );
    const leaf = await makeCert(leafSpec('CN=not-a-ca'), await key('leaf'), signerKey);
    const result = await report([leaf], [signer], ['go1.8']);
    const notCa = finding(result, 'ca-not-a-ca');
    expect(notCa?.anchors[0]).toMatchObject({ signsServed: true, servedCopy: false });
    expect(result.results[0]?.message).toBe(
      'x509: certificate signed by unknown authority (possibly because of "x509: invalid signature: parent certificate cannot sign this kind of certificate" while trying to verify candidate authority certificate "not-a-ca")',
    );
    expect(finding(result, 'closest-miss')?.candidates[0]?.rejections).toEqual(['not-a-ca']);
  });
});

test('without --ca the certificate trusts itself and the report says so', async () => {
  const served = await makeCert(rowD(`CN=vm-56-65@${T2}`), await key('new'));
  const result = await report([served], null);
  expect(result.trust.mode).toBe('self');
  expect(result.findings.map((f) => f.code)).toContain('self-trust');
  expect(result.findings.map((f) => f.code)).not.toContain('stale-ca');
});

test('every failure is listed in the client order, the printed one first', async () => {
  const rootKey = await key('root');
  const expired = {
    notBefore: new Date(NOW.getTime() - 400 * DAY),
    notAfter: new Date(NOW.getTime() - DAY),
  };
  const leaf = await makeCert(leafSpec('CN=kube-ca', expired), await key('leaf'), rootKey);
  const other = await makeCert(caSpec('CN=other-ca'), await key('other'));
  const result = await report([leaf], [other]);
  const go = result.results.find((r) => r.client === 'go' && r.name === 'kubernetes.default');
  expect(go?.failures).toEqual(['expired', 'unknown-authority']);
  expect(go?.code).toBe('expired');
  const openssl = result.results.find(
    (r) => r.client === 'openssl' && r.name === 'kubernetes.default',
  );
  expect(openssl?.failures[0]).toBe('unknown-authority');
});

test('rejectionsOf and notCaReason on their own', async () => {
  const rootKey = await key('root');
  const root = await makeCert(caSpec('CN=kube-ca', { keyUsage: ['digitalSignature'] }), rootKey);
  const leaf = await makeCert(leafSpec('CN=kube-ca'), await key('leaf'), rootKey);
  const signatures = await computeSignatureChecks([leaf, root]);
  expect(notCaReason(root.facts)).toBe('no-key-cert-sign');
  expect(rejectionsOf(leaf.facts, root.facts, NOW, signatures)).toEqual(['not-a-ca']);
  expect(
    rejectionsOf(leaf.facts, root.facts, new Date(VALID.notAfter.getTime() + DAY), signatures),
  ).toEqual(['not-a-ca', 'expired']);
});
