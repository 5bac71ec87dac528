/**
 * Chain building and trust as `openssl verify` (3.0) does them: the self-signed leaf as
 * its own trust anchor (no --ca), and what happens when it is not — each row's expected
 * error lines were observed with openssl 3.0.19 and are re-checked against it when
 * installed.
 */
import type { CertificateSpec } from '../../../src/generate/certificate.js';
import { makeCert, testKey, type MadeCert } from '../../helpers/certs.js';
import { caSpec, checkScenarios, VALID, verifyScenario, type Scenario } from './helpers.js';

const SAN = [{ dns: 'kubernetes.default' }, { ip: '10.0.0.1' }] as const;
const HOST = 'kubernetes.default';

const leafSpec = (extra: Partial<CertificateSpec> = {}): CertificateSpec => ({
  subject: 'CN=apiserver',
  issuer: 'CN=kube-ca',
  serialHex: '02',
  ...VALID,
  san: SAN,
  basicConstraints: { ca: false },
  keyUsage: ['digitalSignature', 'keyEncipherment'],
  extKeyUsage: ['serverAuth'],
  ...extra,
});

interface Row {
  readonly why: string;
  readonly scenario: () => Promise<Scenario>;
  readonly expect: readonly string[];
}

const selfSigned = (extra: Partial<CertificateSpec>): Promise<MadeCert> =>
  makeCert({ subject: 'CN=vm-56-65@1446612345', serialHex: '01', ...VALID, san: SAN, ...extra });

async function caAndLeaf(
  caExtra: Partial<CertificateSpec> = {},
  leafExtra: Partial<CertificateSpec> = {},
) {
  const caKey = await testKey('openssl-ca');
  const ca = await makeCert(caSpec({ subject: 'CN=kube-ca', ...caExtra }), caKey);
  const leaf = await makeCert(leafSpec(leafExtra), await testKey('openssl-leaf'), caKey);
  return { ca, leaf, caKey };
}

const ROWS: readonly Row[] = [
  // No --ca: the served self-signed certificate is the only root.
  ...(
    [
      [
        'CA:FALSE',
        { basicConstraints: { ca: false }, keyUsage: ['digitalSignature', 'keyEncipherment'] },
      ],
      ['no basicConstraints', { keyUsage: ['digitalSignature', 'keyEncipherment'] }],
      ['no extensions but SAN', {}],
      [
        'CA:TRUE without keyCertSign',
        { basicConstraints: { ca: true }, keyUsage: ['digitalSignature'] },
      ],
      ['clientAuth-only EKU', { basicConstraints: { ca: true }, extKeyUsage: ['clientAuth'] }],
      ['keyIds on a self-signed cert', { basicConstraints: { ca: true }, keyIds: true }],
    ] as const
  ).map(([why, extra]) => ({
    why: `self-signed leaf as its own root, ${why}: trusted`,
    scenario: async () => {
      const leaf = await selfSigned(extra);
      return { leaf, roots: [leaf], host: HOST };
    },
    expect: [],
  })),
  {
    why: 'self-signed leaf, roots hold another cert: 18, and verification goes on to the host check',
    scenario: async () => ({
      leaf: await selfSigned({ basicConstraints: { ca: true } }),
      roots: [await makeCert(caSpec({ subject: 'CN=other-ca' }), await testKey('other'))],
      host: 'wrong.example',
    }),
    expect: [
      'error 18 at 0 depth lookup: self-signed certificate',
      'error 62 at 0 depth lookup: hostname mismatch',
    ],
  },
  {
    why: 'stale ca.crt: same subject, other key (a "mimic"): 18',
    scenario: async () => ({
      leaf: await selfSigned({ basicConstraints: { ca: true } }),
      roots: [
        await makeCert(
          {
            subject: 'CN=vm-56-65@1446612345',
            serialHex: '01',
            ...VALID,
            san: SAN,
            basicConstraints: { ca: true },
          },
          await testKey('stale'),
        ),
      ],
      host: HOST,
    }),
    expect: ['error 18 at 0 depth lookup: self-signed certificate'],
  },
  {
    why: 'self-signed leaf with no roots at all: 18 then the expiry (10 continues too)',
    scenario: async () => ({
      leaf: await selfSigned({
        notBefore: new Date(VALID.notBefore.getTime() - 90 * 86_400_000),
        notAfter: VALID.notBefore,
      }),
      roots: [],
      host: HOST,
    }),
    expect: [
      'error 18 at 0 depth lookup: self-signed certificate',
      'error 10 at 0 depth lookup: certificate has expired',
    ],
  },
  // Issued leaves.
  {
    why: 'leaf issued by the root CA: trusted',
    scenario: async () => {
      const { ca, leaf } = await caAndLeaf();
      return { leaf, roots: [ca], host: HOST };
    },
    expect: [],
  },
  {
    why: 'issuer missing: 20, and nothing after it',
    scenario: async () => {
      const { leaf } = await caAndLeaf();
      return {
        leaf,
        roots: [await makeCert(caSpec({ subject: 'CN=other-ca' }), await testKey('other'))],
        host: 'wrong.example',
      };
    },
    expect: ['error 20 at 0 depth lookup: unable to get local issuer certificate'],
  },
  {
    why: 'CA regenerated with the same name, no key ids: found by name, signature fails (7)',
    scenario: async () => {
      const { leaf } = await caAndLeaf();
      return {
        leaf,
        roots: [await makeCert(caSpec({ subject: 'CN=kube-ca' }), await testKey('regenerated'))],
        host: HOST,
      };
    },
    expect: ['error 7 at 0 depth lookup: certificate signature failure'],
  },
  {
    why: 'CA regenerated with the same name, with key ids: AKID rules it out (20)',
    scenario: async () => {
      const caKey = await testKey('openssl-ca');
      const leaf = await makeCert(leafSpec({ keyIds: true }), await testKey('openssl-leaf'), caKey);
      return {
        leaf,
        roots: [
          await makeCert(
            caSpec({ subject: 'CN=kube-ca', keyIds: true }),
            await testKey('regenerated'),
          ),
        ],
        host: HOST,
      };
    },
    expect: ['error 20 at 0 depth lookup: unable to get local issuer certificate'],
  },
  {
    why: 'root with CA:FALSE: 79 (continues), then trusted',
    scenario: async () => {
      const { ca, leaf } = await caAndLeaf({ basicConstraints: { ca: false } });
      return { leaf, roots: [ca], host: HOST };
    },
    expect: ['error 79 at 1 depth lookup: invalid CA certificate'],
  },
  {
    why: 'root without keyCertSign: 79, then 32 when its signature is used',
    scenario: async () => {
      const { ca, leaf } = await caAndLeaf({ keyUsage: ['digitalSignature'] });
      return { leaf, roots: [ca], host: HOST };
    },
    expect: [
      'error 79 at 1 depth lookup: invalid CA certificate',
      'error 32 at 1 depth lookup: key usage does not include certificate signing',
    ],
  },
  {
    why: 'root without basicConstraints but with keyCertSign: accepted (check_ca 4)',
    scenario: async () => {
      const caKey = await testKey('openssl-ca');
      const ca = await makeCert(
        { subject: 'CN=kube-ca', serialHex: '01', ...VALID, keyUsage: ['keyCertSign'] },
        caKey,
      );
      const leaf = await makeCert(leafSpec(), await testKey('openssl-leaf'), caKey);
      return { leaf, roots: [ca], host: HOST };
    },
    expect: [],
  },
  {
    why: 'unknown critical extension on the leaf: 34 continues to the host check',
    scenario: async () => {
      const leaf = await selfSigned({
        basicConstraints: { ca: true },
        extraExtensions: [{ oid: '1.2.3.4.5', critical: true, value: new Uint8Array([5, 0]) }],
      });
      return { leaf, roots: [leaf], host: 'wrong.example' };
    },
    expect: [
      'error 34 at 0 depth lookup: unhandled critical extension',
      'error 62 at 0 depth lookup: hostname mismatch',
    ],
  },
  // Served intermediates.
  ...(() => {
    const chain = async (
      interExtra: Partial<CertificateSpec> = {},
      edit: (spec: CertificateSpec) => CertificateSpec = (spec) => spec,
    ) => {
      const rootKey = await testKey('openssl-root');
      const interKey = await testKey('openssl-inter');
      const root = await makeCert(caSpec({ subject: 'CN=kube-root' }), rootKey);
      const inter = await makeCert(
        edit(
          caSpec({ subject: 'CN=kube-ca', issuer: 'CN=kube-root', serialHex: '03', ...interExtra }),
        ),
        interKey,
        rootKey,
      );
      const leaf = await makeCert(leafSpec(), await testKey('openssl-leaf'), interKey);
      return { root, inter, leaf };
    };
    return [
      {
        why: 'leaf + intermediate sent, root trusted: trusted',
        scenario: async () => {
          const { root, inter, leaf } = await chain();
          return { leaf, intermediates: [inter], roots: [root], host: HOST };
        },
        expect: [],
      },
      {
        why: 'only the intermediate is trusted: 2 (no partial chains)',
        scenario: async () => {
          const { inter, leaf } = await chain();
          return { leaf, roots: [inter], host: HOST };
        },
        expect: ['error 2 at 1 depth lookup: unable to get issuer certificate'],
      },
      {
        why: 'intermediate sent, root missing: 20 at the intermediate',
        scenario: async () => {
          const { inter, leaf } = await chain();
          return { leaf, intermediates: [inter], roots: [], host: HOST };
        },
        expect: ['error 20 at 1 depth lookup: unable to get local issuer certificate'],
      },
      {
        why: 'whole chain sent, root not trusted: 19',
        scenario: async () => {
          const { root, inter, leaf } = await chain();
          return { leaf, intermediates: [inter, root], roots: [], host: HOST };
        },
        expect: ['error 19 at 2 depth lookup: self-signed certificate in certificate chain'],
      },
      {
        why: 'intermediate with CA:FALSE: 79 at depth 1',
        scenario: async () => {
          const { root, inter, leaf } = await chain({ basicConstraints: { ca: false } });
          return { leaf, intermediates: [inter], roots: [root], host: HOST };
        },
        expect: ['error 79 at 1 depth lookup: invalid CA certificate'],
      },
      {
        why: 'intermediate without basicConstraints (keyCertSign only): 79 — intermediates must say CA:TRUE',
        scenario: async () => {
          const { root, inter, leaf } = await chain(
            { keyUsage: ['keyCertSign'] },
            (spec) =>
              Object.fromEntries(
                Object.entries(spec).filter(([key]) => key !== 'basicConstraints'),
              ) as unknown as CertificateSpec,
          );
          return { leaf, intermediates: [inter], roots: [root], host: HOST };
        },
        expect: ['error 79 at 1 depth lookup: invalid CA certificate'],
      },
      {
        why: 'expired intermediate and expired root are both reported, top down',
        scenario: async () => {
          const { root, inter, leaf } = await chain();
          return {
            leaf,
            intermediates: [inter],
            roots: [root],
            host: HOST,
            now: new Date(VALID.notAfter.getTime() + 1000),
          };
        },
        expect: [
          'error 10 at 2 depth lookup: certificate has expired',
          'error 10 at 1 depth lookup: certificate has expired',
          'error 10 at 0 depth lookup: certificate has expired',
        ],
      },
    ] satisfies Row[];
  })(),
];

describe('OpenSSL 3.0 chain building and trust', () => {
  test('every row matches its expectation (and openssl verify, when installed)', async () => {
    const scenarios = await Promise.all(ROWS.map((row) => row.scenario()));
    const got = await checkScenarios(scenarios);
    expect(got.map((lines, index) => ({ why: ROWS[index]?.why, lines }))).toEqual(
      ROWS.map((row) => ({ why: row.why, lines: row.expect })),
    );
  });

  test('the failure causes behind the numbers', async () => {
    const leaf = await selfSigned({ basicConstraints: { ca: false } });
    const untrusted = await verifyScenario({ leaf, roots: [], host: HOST });
    expect(untrusted.failures).toEqual([{ code: 'self-signed-untrusted' }]);
    expect(untrusted.message).toBe('self-signed certificate');
    expect(untrusted.nativeCode).toBe(18);
    expect(untrusted.matchedBy).toEqual({
      kind: 'dns-san',
      pattern: 'kubernetes.default',
      wildcard: false,
    });

    const trusted = await verifyScenario({ leaf, roots: [leaf], host: '10.0.0.1' });
    expect(trusted).toMatchObject({ ok: true, failures: [], message: null, nativeCode: null });
    expect(trusted.matchedBy).toEqual({ kind: 'ip-san', address: '10.0.0.1' });

    const { ca: regenerated } = await caAndLeaf();
    const issued = await caAndLeaf();
    const other = await makeCert(caSpec({ subject: 'CN=kube-ca' }), await testKey('regenerated'));
    expect(
      (await verifyScenario({ leaf: issued.leaf, roots: [other], host: HOST })).failures,
    ).toEqual([{ code: 'signature-invalid', depth: 0 }]);
    expect((await verifyScenario({ leaf: issued.leaf, roots: [regenerated], host: HOST })).ok).toBe(
      true,
    );
  });
});
