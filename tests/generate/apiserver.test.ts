import { X509Certificate } from '@peculiar/x509';
import { extractFacts } from '../../src/facts/extract.js';
import type { CertFacts } from '../../src/facts/types.js';
import type { EraRow } from '../../src/kube/eras.js';
import { generateApiserver, kubernetesRelease } from '../../src/generate/apiserver.js';
import { seededRsaKey } from '../../src/generate/seeded-key.js';
import { loadCertificates } from '../../src/load/index.js';
import { goOracleAvailability } from '../oracle/go.js';
import { gate } from '../oracle/require.js';
import { runGoGenerate } from '../oracle/go/generate/run.js';

const AT = new Date('2015-11-04T04:45:45.500Z');
const UNIX = 1446612345;

async function chainOf(pem: string): Promise<{ facts: CertFacts; cert: X509Certificate }[]> {
  return Promise.all(
    loadCertificates(new TextEncoder().encode(pem), 'test').map(async (entry, index) => {
      const cert = new X509Certificate(entry.cert.rawData);
      return { cert, facts: await extractFacts(cert, index) };
    }),
  );
}

describe('kubernetesRelease: --k8s-version to generator row', () => {
  test.each([
    ['0.8', 'A', 'every-start'],
    ['v0.21.2', 'A', 'every-start'],
    ['1.0', 'C', 'every-start'],
    ['v1.0.6', 'C', 'every-start'],
    ['1.1', 'D', 'every-start'],
    ['1.2', 'D', 'every-start'],
    ['1.3', 'D', 'when-missing'],
    ['1.5.8', 'D', 'when-missing'],
    ['1.6', 'E', 'when-missing'],
    ['1.10', 'E', 'when-missing'],
    ['1.11', 'F', 'when-missing'],
    ['1.12', 'G', 'when-missing'],
    ['1.27', 'G', 'when-missing'],
    ['1.28', 'H', 'when-missing'],
    ['v1.34.1', 'H', 'when-missing'],
  ])('%s → row %s, regenerates %s', (version, row, regenerates) => {
    const release = kubernetesRelease(version);
    expect(release.era.row).toBe(row);
    expect(release.regenerates).toBe(regenerates);
  });

  test.each(['0.7', '2.0', 'one.two', ''])('%j is refused with a usage error', (version) => {
    expect(() => kubernetesRelease(version)).toThrow(/--k8s-version/);
  });
});

describe('generateApiserver, row by row', () => {
  test('rows A–C: one self-signed certificate, not a CA, serial 1, no back-dating', async () => {
    for (const row of ['A', 'B', 'C'] as const) {
      const made = await generateApiserver({
        row,
        host: '10.10.56.65',
        serviceIp: '10.0.0.1',
        generatedAt: AT,
      });
      const [leaf, ...rest] = await chainOf(made.certPem);
      expect(rest).toHaveLength(0);
      const f = leaf!.facts;
      expect(f.subject.dn).toBe(`CN=10.10.56.65@${UNIX}`);
      expect(f.selfSigned).toBe(true);
      expect(f.serialHex.replace(/^0+/, '')).toBe('1');
      expect(f.basicConstraints).toEqual({ critical: true, ca: false, pathLen: null });
      expect(f.keyUsage?.usages).toEqual(['digitalSignature', 'keyEncipherment']);
      expect(f.extKeyUsage?.usages).toEqual(['serverAuth']);
      expect(f.notBefore.getTime()).toBe(UNIX * 1000);
      expect(f.notAfter.getTime() - f.notBefore.getTime()).toBe(365 * 24 * 3600 * 1000);
      if (row === 'A') {
        expect(f.san?.dns).toEqual([]);
        expect(f.san?.ip.map((ip) => ip.text)).toEqual(['10.10.56.65']);
      } else {
        // Go writes every DNS SAN before every IP SAN.
        expect(f.san?.order).toEqual(['dns', 'dns', 'dns', 'ip', 'ip']);
        expect(f.san?.dns).toEqual(['kubernetes.default.svc', 'kubernetes.default', 'kubernetes']);
        expect(f.san?.ip.map((ip) => ip.text)).toEqual(['10.10.56.65', '10.0.0.1']);
      }
      expect(f.kubernetes?.eras.map((era) => era.row)).toContain(row);
      expect(made.keyPem).toMatch(/^-----BEGIN RSA PRIVATE KEY-----\n/);
    }
  });

  test('rows D–E: the self-signed certificate is its own CA (keyCertSign); a DNS host is a DNS SAN', async () => {
    const made = await generateApiserver({
      row: 'D',
      host: 'vm-56-65',
      serviceIp: '10.0.0.1',
      generatedAt: AT,
    });
    const [leaf] = await chainOf(made.certPem);
    expect(leaf!.facts.basicConstraints?.ca).toBe(true);
    expect(leaf!.facts.keyUsage?.usages).toContain('keyCertSign');
    expect(leaf!.facts.san?.dns).toEqual([
      'vm-56-65',
      'kubernetes.default.svc',
      'kubernetes.default',
      'kubernetes',
    ]);
    expect(leaf!.facts.san?.ip.map((ip) => ip.text)).toEqual(['10.0.0.1']);
  });

  test('row F: a <host>-ca@<time> CA (serial 1) signs the serving certificate (serial 2); PEM is leaf then CA', async () => {
    const made = await generateApiserver({
      row: 'F',
      host: '10.10.56.65',
      serviceIp: '10.0.0.1',
      generatedAt: AT,
    });
    const [leaf, ca] = await chainOf(made.certPem);
    expect(leaf!.facts.subject.dn).toBe(`CN=10.10.56.65@${UNIX}`);
    expect(leaf!.facts.issuer.dn).toBe(`CN=10.10.56.65-ca@${UNIX}`);
    expect(ca!.facts.subject.dn).toBe(`CN=10.10.56.65-ca@${UNIX}`);
    expect(leaf!.facts.serialHex.replace(/^0+/, '')).toBe('2');
    expect(ca!.facts.serialHex.replace(/^0+/, '')).toBe('1');
    expect(leaf!.facts.basicConstraints?.ca).toBe(false);
    expect(ca!.facts.basicConstraints?.ca).toBe(true);
    expect(ca!.facts.extKeyUsage).toBeNull();
    expect(ca!.facts.san).toBeNull();
    expect(leaf!.facts.notBefore.getTime()).toBe(UNIX * 1000);
    expect(await leaf!.cert.verify({ publicKey: ca!.cert.publicKey, signatureOnly: true })).toBe(
      true,
    );
  });

  test('row G back-dates one hour and row H draws random serials; 1.19+ adds key identifiers', async () => {
    const g = await chainOf(
      (await generateApiserver({ row: 'G', host: 'h', serviceIp: '10.0.0.1', generatedAt: AT }))
        .certPem,
    );
    expect(g[0]!.facts.notBefore.getTime()).toBe((UNIX - 3600) * 1000);
    expect(g[0]!.facts.notAfter.getTime()).toBe((UNIX - 3600) * 1000 + 365 * 24 * 3600 * 1000);
    expect(g[0]!.facts.kubernetes?.eras.map((era) => era.row)).toEqual(['G']);
    const serials = [5n, 0x7000000000000001n];
    const h = await chainOf(
      (
        await generateApiserver({
          row: 'H',
          host: 'h',
          serviceIp: '10.0.0.1',
          generatedAt: AT,
          goKeyIds: true,
          randomSerial: () => serials.shift() ?? 1n,
        })
      ).certPem,
    );
    expect(h[1]!.facts.serialHex.replace(/^0+/, '')).toBe('5');
    expect(h[0]!.facts.serialHex.replace(/^0+/, '')).toBe('7000000000000001');
    expect(h[1]!.facts.subjectKeyId).not.toBeNull();
    expect(h[0]!.facts.authorityKeyId).toBe(h[1]!.facts.subjectKeyId);
    expect(h[0]!.facts.subjectKeyId).toBeNull();
    expect(h[0]!.facts.kubernetes?.eras.map((era) => era.row)).toEqual(['H']);
  });

  test('seeded keys make the output reproducible, and only the seed decides', async () => {
    const options = { row: 'D' as const, host: 'h', serviceIp: '10.0.0.1', generatedAt: AT };
    const one = await generateApiserver({ ...options, key: (label) => seededRsaKey('s', label) });
    const two = await generateApiserver({ ...options, key: (label) => seededRsaKey('s', label) });
    const other = await generateApiserver({ ...options, key: (label) => seededRsaKey('t', label) });
    expect(two.certPem).toBe(one.certPem);
    expect(two.keyPem).toBe(one.keyPem);
    expect(other.certPem).not.toBe(one.certPem);
  });
});

// ---------------------------------------------------------------------------------------
// Ours against the real Go's CreateCertificate following the same recipe.

const go = goOracleAvailability();
const describeWithGo = gate(go).describe;

const SKID = '2.5.29.14';
const AKID = '2.5.29.35';

/** What must agree: everything but keys, signatures and (for random serials) the serial value. */
function shape(chain: { facts: CertFacts; cert: X509Certificate }[], withKeyIds: boolean): unknown {
  return chain.map(({ facts, cert }) => ({
    version: facts.version,
    subject: facts.subject.dn,
    issuer: facts.issuer.dn,
    serial:
      facts.serialHex.replace(/^0+/, '').length <= 2
        ? facts.serialHex.replace(/^0+/, '')
        : 'random',
    validity: [facts.notBefore.getTime() / 1000 - UNIX, facts.notAfter.getTime() / 1000 - UNIX],
    extensions: cert.extensions
      .map((ext) => ({ oid: ext.type, critical: ext.critical }))
      .filter((ext) => withKeyIds || (ext.oid !== SKID && ext.oid !== AKID))
      .sort((a, b) => a.oid.localeCompare(b.oid)),
    san: facts.san && {
      order: facts.san.order,
      dns: facts.san.dns,
      ip: facts.san.ip.map((ip) => ip.bytesHex),
    },
    basicConstraints: facts.basicConstraints,
    keyUsage: facts.keyUsage,
    extKeyUsage: facts.extKeyUsage,
    key: facts.publicKey,
    signature: facts.signatureAlgorithm.name,
    selfSigned: facts.selfSigned,
    kubernetesRows: facts.kubernetes?.eras.map((era) => era.row),
  }));
}

describeWithGo(`generator shapes vs real Go crypto/x509 (${go.reason})`, () => {
  // One case per row and host kind; versions decide whether key identifiers are compared
  // (Kubernetes built with Go ≥ 1.15 — 1.19 on — gets them; the oracle is Go 1.19).
  const cases: { row: EraRow; host: string; version: string | null }[] = [
    { row: 'A', host: '10.10.56.65', version: '0.19' },
    { row: 'A', host: 'vm-56-65', version: '0.19' },
    { row: 'B', host: '10.10.56.65', version: null },
    { row: 'C', host: '10.10.56.65', version: '1.0' },
    { row: 'D', host: 'vm-56-65', version: '1.2' },
    { row: 'E', host: '10.10.56.65', version: '1.8' },
    { row: 'F', host: '10.10.56.65', version: '1.11' },
    { row: 'G', host: 'master.example', version: '1.15' },
    { row: 'G', host: '192.168.1.10', version: '1.22' },
    { row: 'H', host: '192.168.1.10', version: '1.30' },
  ];

  test('every row has the shape Go gives it: extensions, criticality, SANs, flags, validity', async () => {
    const goPems = await runGoGenerate(
      cases.map((c, index) => ({
        id: String(index),
        row: c.row,
        host: c.host,
        serviceIp: '10.0.0.1',
        unix: UNIX,
      })),
    );
    for (const [index, c] of cases.entries()) {
      const keyIds = c.version !== null && kubernetesRelease(c.version).goKeyIds;
      const ours = await generateApiserver({
        row: c.row,
        host: c.host,
        serviceIp: '10.0.0.1',
        generatedAt: AT,
        goKeyIds: keyIds,
      });
      const theirs = goPems.get(String(index));
      if (!theirs) throw new Error(`Go made nothing for case ${index}`);
      // Go 1.19 adds key identifiers to every CA; Kubernetes built with older Go did not.
      expect({ case: c, shape: shape(await chainOf(ours.certPem), keyIds) }).toEqual({
        case: c,
        shape: shape(await chainOf(theirs), keyIds),
      });
    }
  });
});
