/**
 * Node's view of name constraints: OpenSSL 3.0's check_name_constraints inside a real
 * handshake, every error reported to Node's verify callback and the last one surfaced
 * with err.code 'UNSPECIFIED' (Node 20's X509 error table has no name constraint codes).
 * Each case runs through the profile and, when available, a real tls.connect.
 */
import type { CertificateSpec, NameConstraintsSpec } from '../../../src/generate/certificate.js';
import { nodeProfile } from '../../../src/verify/node/index.js';
import { computeSignatureChecks } from '../../../src/verify/signatures.js';
import { makeCert, testKey, type MadeCert } from '../../helpers/certs.js';
import { nodeOracleAvailability, runNodeOracle } from '../../oracle/node.js';
import { oraclePart } from '../../oracle/require.js';

const NOW = new Date(Math.floor(Date.now() / 1000) * 1000);
const VALID = {
  notBefore: new Date(NOW.getTime() - 86_400_000),
  notAfter: new Date(NOW.getTime() + 30 * 86_400_000),
};
const HOST = 'kubernetes.default';

interface Case {
  readonly story: string;
  readonly constraints: NameConstraintsSpec;
  readonly leaf: Partial<CertificateSpec>;
  readonly expected: { readonly message: string; readonly code: string } | null;
}

const CASES: readonly Case[] = [
  {
    story: 'a DNS SAN outside the permitted subtree',
    constraints: { permitted: [{ dns: '.cluster.local' }] },
    leaf: {},
    expected: { message: 'permitted subtree violation', code: 'UNSPECIFIED' },
  },
  {
    story: 'the Service IP in an excluded range',
    constraints: { excluded: [{ ip: '10.0.0.0/24' }] },
    leaf: { san: [{ dns: HOST }, { ip: '10.0.0.1' }] },
    expected: { message: 'excluded subtree violation', code: 'UNSPECIFIED' },
  },
  {
    story: 'an email SAN without @ under email constraints',
    constraints: { permitted: [{ email: '.cluster.local' }] },
    leaf: { san: [{ dns: HOST }, { email: 'not-a-mailbox' }] },
    expected: { message: 'unsupported or invalid name syntax', code: 'UNSPECIFIED' },
  },
  {
    story: 'a CN-only leaf under a DNS-constrained CA',
    constraints: { permitted: [{ dns: '.cluster.local' }] },
    leaf: { subject: `CN=${HOST}`, san: [] },
    expected: { message: 'permitted subtree violation', code: 'UNSPECIFIED' },
  },
  {
    story: 'permitted names',
    constraints: { permitted: [{ dns: HOST }] },
    leaf: {},
    expected: null,
  },
];

async function made(c: Case): Promise<{ leaf: MadeCert; ca: MadeCert }> {
  const caKey = await testKey('nc-node-ca', 'ec');
  const ca = await makeCert(
    {
      subject: 'CN=nc-ca',
      serialHex: '01',
      ...VALID,
      basicConstraints: { ca: true },
      keyUsage: ['keyCertSign', 'digitalSignature'],
      nameConstraints: c.constraints,
    },
    caKey,
  );
  const leaf = await makeCert(
    {
      subject: 'CN=kube-apiserver',
      issuer: 'CN=nc-ca',
      serialHex: '02',
      ...VALID,
      san: [{ dns: HOST }],
      basicConstraints: { ca: false },
      keyUsage: ['digitalSignature', 'keyEncipherment'],
      extKeyUsage: ['serverAuth'],
      ...c.leaf,
    },
    await testKey('nc-node-leaf', 'ec'),
    caKey,
  );
  return { leaf, ca };
}

const node = nodeOracleAvailability();
const compareWithNode = oraclePart(node, 'the cases agree with a real Node handshake');

test('the profile reports what the case documents, and a real handshake agrees', async () => {
  const built = await Promise.all(CASES.map(made));
  const ours = await Promise.all(
    built.map(async ({ leaf, ca }) =>
      nodeProfile.verify({
        leaf: leaf.facts,
        intermediates: [],
        roots: [ca.facts],
        host: HOST,
        now: NOW,
        signatures: await computeSignatureChecks([leaf.read, ca.read]),
      }),
    ),
  );
  const summary = (ok: boolean, message: string | null, code: string | number | null) =>
    ok ? null : { message, code };
  expect(ours.map((v) => summary(v.ok, v.message, v.nativeCode))).toEqual(
    CASES.map((c) => c.expected),
  );
  if (!compareWithNode) return;
  const real = await runNodeOracle(
    built.map(({ leaf, ca }, index) => ({
      id: CASES[index]!.story,
      leafPem: leaf.pem,
      leafKeyPem: leaf.keyPem,
      intermediatesPem: [],
      rootsPem: [ca.pem],
      host: HOST,
      now: NOW,
    })),
  );
  expect(real.map((v) => summary(v.ok, v.message, v.nativeCode))).toEqual(
    CASES.map((c) => c.expected),
  );
});
