/**
 * Chain verification as a default Node 20 client sees it (OpenSSL 3.0 underneath):
 * every scenario runs through a real handshake (tests/oracle/node.ts) and through the
 * profile, and both must give the expected err.code and err.message.
 */
import type { CertificateSpec, KeyPair } from '../../../src/generate/certificate.js';
import { computeSignatureChecks } from '../../../src/verify/signatures.js';
import { nodeProfile } from '../../../src/verify/node/index.js';
import { makeCert, testKey, type MadeCert } from '../../helpers/certs.js';
import { nodeOracleAvailability, runNodeOracle } from '../../oracle/node.js';
import { gate } from '../../oracle/require.js';

const DAY = 86_400_000;
const availability = nodeOracleAvailability();
const describeIfAvailable = gate(availability).describe;

interface Scenario {
  readonly id: string;
  readonly leaf: MadeCert;
  readonly intermediates: readonly MadeCert[];
  readonly roots: readonly MadeCert[];
  /** err.code, or 'ok'. */
  readonly expected: string;
  readonly host?: string;
}

async function scenarios(now: Date): Promise<Scenario[]> {
  const valid = {
    notBefore: new Date(now.getTime() - DAY),
    notAfter: new Date(now.getTime() + 30 * DAY),
  };
  const expired = {
    notBefore: new Date(now.getTime() - 30 * DAY),
    notAfter: new Date(now.getTime() - DAY),
  };
  const future = {
    notBefore: new Date(now.getTime() + DAY),
    notAfter: new Date(now.getTime() + 30 * DAY),
  };
  const san = [{ dns: 'a.example' }, { ip: '10.0.0.1' }];
  const [leafKey, interKey, rootKey, selfKey, otherKey] = await Promise.all(
    ['leaf', 'inter', 'root', 'self', 'other'].map((label) => testKey(`chain-${label}`)),
  );
  const cert = (
    spec: Partial<CertificateSpec> & { subject: string },
    key: KeyPair,
    signer?: KeyPair,
  ) => makeCert({ serialHex: '01', ...valid, ...spec }, key, signer ?? key);
  const ca = { basicConstraints: { ca: true }, keyUsage: ['keyCertSign'] as const };

  const root = await cert({ subject: 'CN=Root', ...ca }, rootKey!);
  const inter = await cert({ subject: 'CN=Inter', issuer: 'CN=Root', ...ca }, interKey!, rootKey);
  const leafR = await cert({ subject: 'CN=leaf', issuer: 'CN=Root', san }, leafKey!, rootKey);
  const leafI = await cert({ subject: 'CN=leaf', issuer: 'CN=Inter', san }, leafKey!, interKey);
  const other = await cert({ subject: 'CN=other', san }, otherKey!);
  const self = (spec: Partial<CertificateSpec>) =>
    cert({ subject: 'CN=self', san, ...spec }, selfKey!);

  const list: Scenario[] = [
    {
      id: 'leaf under a trusted root',
      leaf: leafR,
      intermediates: [],
      roots: [root],
      expected: 'ok',
    },
    {
      id: 'leaf, intermediate sent, root trusted',
      leaf: leafI,
      intermediates: [inter],
      roots: [root],
      expected: 'ok',
    },
    {
      id: 'wrong host after a good chain',
      leaf: leafR,
      intermediates: [],
      roots: [root],
      expected: 'ERR_TLS_CERT_ALTNAME_INVALID',
      host: 'b.example',
    },
    {
      id: 'issuer unknown, nothing sent',
      leaf: leafR,
      intermediates: [],
      roots: [other],
      expected: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    },
    {
      id: 'non-self-signed leaf as its own ca',
      leaf: leafR,
      intermediates: [],
      roots: [leafR],
      expected: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    },
    {
      id: 'intermediate not sent',
      leaf: leafI,
      intermediates: [],
      roots: [root],
      expected: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    },
    {
      id: 'root missing from ca',
      leaf: leafI,
      intermediates: [inter],
      roots: [other],
      expected: 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
    },
    {
      id: 'root sent but not trusted',
      leaf: leafI,
      intermediates: [inter, root],
      roots: [other],
      expected: 'SELF_SIGNED_CERT_IN_CHAIN',
    },
    {
      id: 'intermediate as the only ca',
      leaf: leafI,
      intermediates: [],
      roots: [inter],
      expected: 'UNABLE_TO_GET_ISSUER_CERT',
    },
    {
      id: 'intermediate CA:FALSE',
      leaf: leafI,
      intermediates: [
        await cert(
          {
            subject: 'CN=Inter',
            issuer: 'CN=Root',
            serialHex: '02',
            basicConstraints: { ca: false },
          },
          interKey!,
          rootKey,
        ),
      ],
      roots: [root],
      expected: 'INVALID_PURPOSE',
    },
    {
      id: 'intermediate without basicConstraints but keyCertSign',
      leaf: leafI,
      intermediates: [
        await cert(
          { subject: 'CN=Inter', issuer: 'CN=Root', serialHex: '03', keyUsage: ['keyCertSign'] },
          interKey!,
          rootKey,
        ),
      ],
      roots: [root],
      expected: 'INVALID_CA',
    },
    {
      id: 'intermediate expired',
      leaf: leafI,
      intermediates: [
        await cert(
          { subject: 'CN=Inter', issuer: 'CN=Root', serialHex: '04', ...ca, ...expired },
          interKey!,
          rootKey,
        ),
      ],
      roots: [root],
      expected: 'CERT_HAS_EXPIRED',
    },
    {
      id: 'intermediate clientAuth only',
      leaf: leafI,
      intermediates: [
        await cert(
          {
            subject: 'CN=Inter',
            issuer: 'CN=Root',
            serialHex: '05',
            basicConstraints: { ca: true },
            extKeyUsage: ['clientAuth'],
          },
          interKey!,
          rootKey,
        ),
      ],
      roots: [root],
      expected: 'INVALID_PURPOSE',
    },
    {
      id: 'expired leaf, root missing (time still checked)',
      leaf: await cert(
        { subject: 'CN=leaf', issuer: 'CN=Root', serialHex: '06', san, ...expired },
        leafKey!,
        rootKey,
      ),
      intermediates: [],
      roots: [other],
      expected: 'CERT_HAS_EXPIRED',
    },
    {
      id: 'trusted root expired',
      leaf: leafR,
      intermediates: [],
      roots: [await cert({ subject: 'CN=Root', serialHex: '07', ...ca, ...expired }, rootKey!)],
      expected: 'CERT_HAS_EXPIRED',
    },
    {
      id: 'trusted root CA:FALSE',
      leaf: leafR,
      intermediates: [],
      roots: [
        await cert(
          { subject: 'CN=Root', serialHex: '08', basicConstraints: { ca: false } },
          rootKey!,
        ),
      ],
      expected: 'INVALID_PURPOSE',
    },
    {
      id: 'trusted root keyUsage without keyCertSign',
      leaf: leafR,
      intermediates: [],
      roots: [
        await cert(
          {
            subject: 'CN=Root',
            serialHex: '09',
            basicConstraints: { ca: true },
            keyUsage: ['digitalSignature'],
          },
          rootKey!,
        ),
      ],
      expected: 'UNSPECIFIED',
    },
    {
      id: 'trusted root with the same name, other key',
      leaf: leafR,
      intermediates: [],
      roots: [await cert({ subject: 'CN=Root', serialHex: '0a', ...ca }, otherKey!)],
      expected: 'CERT_SIGNATURE_FAILURE',
    },
    {
      id: 'leaf clientAuth only',
      leaf: await cert(
        {
          subject: 'CN=leaf',
          issuer: 'CN=Root',
          serialHex: '0b',
          san,
          extKeyUsage: ['clientAuth'],
        },
        leafKey!,
        rootKey,
      ),
      intermediates: [],
      roots: [root],
      expected: 'INVALID_PURPOSE',
    },
    // Self-signed leaves: trusted as their own anchor whatever their CA flags.
    {
      id: 'self-signed CA:FALSE, self-trusted',
      leaf: await self({ basicConstraints: { ca: false } }),
      intermediates: [],
      roots: [],
      expected: 'ok',
    },
    {
      id: 'self-signed, no extensions but SAN, self-trusted',
      leaf: await self({}),
      intermediates: [],
      roots: [],
      expected: 'ok',
    },
    {
      id: 'self-signed keyUsage keyCertSign only',
      leaf: await self({ keyUsage: ['keyCertSign'] }),
      intermediates: [],
      roots: [],
      expected: 'INVALID_PURPOSE',
    },
    {
      id: 'self-signed keyUsage dataEncipherment only',
      leaf: await self({ keyUsage: ['dataEncipherment'] }),
      intermediates: [],
      roots: [],
      expected: 'INVALID_PURPOSE',
    },
    {
      id: 'self-signed keyUsage keyAgreement only',
      leaf: await self({ keyUsage: ['keyAgreement'] }),
      intermediates: [],
      roots: [],
      expected: 'ok',
    },
    {
      id: 'self-signed EKU anyExtendedKeyUsage',
      leaf: await self({ extKeyUsage: ['any'] }),
      intermediates: [],
      roots: [],
      expected: 'INVALID_PURPOSE',
    },
    {
      id: 'self-signed EKU Microsoft SGC',
      leaf: await self({ extKeyUsage: ['1.3.6.1.4.1.311.10.3.3'] }),
      intermediates: [],
      roots: [],
      expected: 'ok',
    },
    {
      id: 'self-signed EKU Netscape SGC',
      leaf: await self({ extKeyUsage: ['2.16.840.1.113730.4.1'] }),
      intermediates: [],
      roots: [],
      expected: 'ok',
    },
    {
      id: 'self-signed not yet valid',
      leaf: await self(future),
      intermediates: [],
      roots: [],
      expected: 'CERT_NOT_YET_VALID',
    },
    {
      id: 'self-signed with an unknown critical extension',
      leaf: await self({
        extraExtensions: [{ oid: '1.2.3.4', critical: true, value: new Uint8Array([5, 0]) }],
      }),
      intermediates: [],
      roots: [],
      expected: 'UNSPECIFIED',
    },
    // Untrusted self-signed leaves: the last error wins.
    {
      id: 'self-signed, untrusted',
      leaf: await self({ basicConstraints: { ca: false } }),
      intermediates: [],
      roots: [other],
      expected: 'DEPTH_ZERO_SELF_SIGNED_CERT',
    },
    {
      id: 'self-signed clientAuth, untrusted',
      leaf: await self({ extKeyUsage: ['clientAuth'] }),
      intermediates: [],
      roots: [other],
      expected: 'INVALID_PURPOSE',
    },
    {
      id: 'self-signed expired clientAuth, untrusted',
      leaf: await self({ ...expired, extKeyUsage: ['clientAuth'] }),
      intermediates: [],
      roots: [other],
      expected: 'CERT_HAS_EXPIRED',
    },
  ];
  // An empty `roots` means "the leaf is its own anchor".
  return list.map((scenario) =>
    scenario.roots.length === 0 ? { ...scenario, roots: [scenario.leaf] } : scenario,
  );
}

describeIfAvailable(`Node chain verification vs real tls.connect (${availability.reason})`, () => {
  test('profile and handshake agree with the expected error on every scenario', async () => {
    const now = new Date(Math.floor(Date.now() / 1000) * 1000);
    const list = await scenarios(now);
    const real = await runNodeOracle(
      list.map((scenario) => ({
        id: scenario.id,
        leafPem: scenario.leaf.pem,
        leafKeyPem: scenario.leaf.keyPem,
        intermediatesPem: scenario.intermediates.map((cert) => cert.pem),
        rootsPem: scenario.roots.map((cert) => cert.pem),
        host: scenario.host ?? 'a.example',
        now,
      })),
    );
    const rows = await Promise.all(
      list.map(async (scenario, index) => {
        const all = [scenario.leaf, ...scenario.intermediates, ...scenario.roots];
        const facts = (made: MadeCert) => made.facts;
        const verdict = nodeProfile.verify({
          leaf: facts(scenario.leaf),
          intermediates: scenario.intermediates.map(facts),
          roots: scenario.roots.map(facts),
          host: scenario.host ?? 'a.example',
          now,
          signatures: await computeSignatureChecks(all.map((made) => made.read)),
        });
        const oracle = real[index]!;
        return {
          id: scenario.id,
          expected: scenario.expected,
          node: oracle.ok ? 'ok' : `${String(oracle.nativeCode)} | ${oracle.message}`,
          profile: verdict.ok ? 'ok' : `${String(verdict.nativeCode)} | ${verdict.message}`,
        };
      }),
    );
    for (const row of rows) {
      expect({ id: row.id, code: row.node.split(' | ')[0] }).toEqual({
        id: row.id,
        code: row.expected,
      });
      expect({ id: row.id, profile: row.profile }).toEqual({ id: row.id, profile: row.node });
    }
  });
});

describe('failure lists', () => {
  test('a host name failure behind a chain error is listed, not reported', async () => {
    const now = new Date();
    const made = await makeCert({
      subject: 'CN=x',
      serialHex: '01',
      notBefore: new Date(now.getTime() - 30 * DAY),
      notAfter: new Date(now.getTime() - DAY),
      san: [{ dns: 'a.example' }],
      extKeyUsage: ['clientAuth'],
    });
    const verdict = nodeProfile.verify({
      leaf: made.facts,
      intermediates: [],
      roots: [made.facts],
      host: 'b.example',
      now,
      signatures: await computeSignatureChecks([made.read]),
    });
    expect(verdict.ok).toBe(false);
    expect(verdict.nativeCode).toBe('CERT_HAS_EXPIRED');
    expect(verdict.message).toBe('certificate has expired');
    expect(verdict.failures.map((failure) => failure.code)).toEqual([
      'expired',
      'eku-incompatible',
      'name-not-in-sans',
    ]);
    expect(verdict.matchedBy).toBeNull();
  });
});
