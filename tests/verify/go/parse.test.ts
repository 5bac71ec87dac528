/**
 * Go's parser per release (src/verify/go/parse.ts): what a leaf that does not parse looks
 * like to a TLS client, and which certificates a pool skips. The Go 1.23 rules are checked
 * live against the installed Go 1.22 and 1.23 toolchains.
 */
import { goEra, verifyGo, type GoClientId } from '../../../src/verify/go/index.js';
import { parseErrorText } from '../../../src/verify/go/messages.js';
import { goParseProblem } from '../../../src/verify/go/parse.js';
import { resolveGoRelease } from '../../../src/verify/go/releases.js';
import { makeCert, testKey } from '../../helpers/certs.js';
import { GO_TOOLCHAINS, goOracleAvailability, runGoOracle } from '../../oracle/go.js';
import { gate } from '../../oracle/require.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCertificates } from '../../../src/facts/certificate.js';
import { computeSignatureChecks } from '../../../src/verify/signatures.js';
import type { VerifyInput } from '../../../src/verify/types.js';
import type { OracleCase } from '../../oracle/types.js';
import { CA_SPEC, inputOf, LEAF_SPEC, NOW, oracleCaseOf, type Scenario } from './scenarios.js';

const WRAP = 'tls: failed to parse certificate from server: ';

async function withLeaf(leaf: Partial<typeof LEAF_SPEC>): Promise<Scenario> {
  const caKey = await testKey('parse-ca', 'rsa');
  const root = await makeCert(CA_SPEC, caKey);
  const served = await makeCert({ ...LEAF_SPEC, ...leaf }, await testKey('serving', 'rsa'), caKey);
  return { leaf: served, intermediates: [], roots: [root] };
}

/** A certificate read from fixtures/go-parse, trusted as its own anchor. */
async function selfTrustedFile(name: string): Promise<Prepared> {
  const pem = readFileSync(join('fixtures', 'go-parse', name), 'utf8');
  const [cert] = await readCertificates(Buffer.from(pem), name);
  if (!cert) throw new Error(`${name}: no certificate`);
  const host = 'kubernetes.default';
  return {
    input: {
      leaf: cert.facts,
      intermediates: [],
      roots: [cert.facts],
      host,
      now: NOW,
      signatures: await computeSignatureChecks([cert]),
    },
    oracleCase: {
      id: name,
      leafPem: pem,
      leafKeyPem: '',
      intermediatesPem: [],
      rootsPem: [pem],
      host,
      now: NOW,
    },
  };
}

interface Prepared {
  readonly input: VerifyInput;
  readonly oracleCase: OracleCase;
}

async function generated(scenario: Promise<Scenario>): Promise<Prepared> {
  const made = await scenario;
  return {
    input: await inputOf(made, 'kubernetes.default'),
    oracleCase: oracleCaseOf('generated', made, 'kubernetes.default'),
  };
}

interface Row {
  readonly story: string;
  readonly prepare: () => Promise<Prepared>;
  /** The parse error per row; rows not listed parse it. */
  readonly errors: Partial<Record<GoClientId, string>>;
  /** Only these profiles (the older parser's answer on the file is not established). */
  readonly eras?: readonly GoClientId[];
}

/** A profile per parser generation, and each release that changed what it refuses. */
const ERAS: readonly GoClientId[] = [
  'go1.4',
  'go1.16',
  'go1.18',
  'go',
  'go1.21',
  'go1.23',
  'go1.24',
];

/** Go 1.17's parser rewrite and later: the profiles from `go1.18` on. */
const CRYPTOBYTE: readonly GoClientId[] = ['go1.18', 'go', 'go1.21', 'go1.23', 'go1.24'];

/** The same error for every profile listed. */
function each(ids: readonly GoClientId[], error: string): Partial<Record<GoClientId, string>> {
  return Object.fromEntries(ids.map((id) => [id, error]));
}

/** x509-limbo leaves Go refuses (fixtures/go-parse/README.md), texts of real Go 1.19.8. */
function limboRows(): Row[] {
  return [
    {
      story: 'an extension twice (Go 1.19+, named from Go 1.23; Go 1.18 accepts it)',
      prepare: () => selfTrustedFile('duplicate-extensions.pem'),
      errors: {
        ...each(['go', 'go1.21'], 'x509: certificate contains duplicate extensions'),
        ...each(
          ['go1.23', 'go1.24'],
          'x509: certificate contains duplicate extension with OID "2.5.29.17"',
        ),
      },
    },
    {
      story: 'inner and outer signature algorithms differ (Go 1.17+)',
      prepare: () => selfTrustedFile('mismatching-signature-algorithm.pem'),
      errors: each(CRYPTOBYTE, "x509: inner and outer signature algorithm identifiers don't match"),
      eras: CRYPTOBYTE,
    },
    {
      story: 'a subjectAltName that is not GeneralNames',
      prepare: () => selfTrustedFile('san-not-general-names.pem'),
      errors: each(CRYPTOBYTE, 'x509: invalid subject alternative names'),
      eras: CRYPTOBYTE,
    },
    {
      story: 'explicit EC parameters',
      prepare: () => selfTrustedFile('explicit-curve.pem'),
      errors: {
        ...each(['go1.4', 'go1.16'], 'x509: failed to parse ECDSA parameters as named curve'),
        ...each(CRYPTOBYTE, 'x509: invalid ECDSA parameters'),
      },
    },
    {
      story: 'a P-192 key',
      prepare: () => selfTrustedFile('p192-key.pem'),
      errors: each(ERAS, 'x509: unsupported elliptic curve'),
    },
    {
      story: 'an authorityInfoAccess that is not a SEQUENCE',
      prepare: () => selfTrustedFile('malformed-aia.pem'),
      errors: each(CRYPTOBYTE, 'x509: invalid authority info access'),
      eras: CRYPTOBYTE,
    },
    {
      story: 'a dNSName that is not IA5',
      prepare: () => selfTrustedFile('emoji-dns-san.pem'),
      errors: each(CRYPTOBYTE, 'x509: SAN dNSName is malformed'),
      eras: CRYPTOBYTE,
    },
  ];
}

const ROWS: readonly Row[] = [
  {
    story: 'negative serial number',
    prepare: () => selfTrustedFile('negative-serial.pem'),
    errors: { 'go1.23': 'x509: negative serial number', 'go1.24': 'x509: negative serial number' },
  },
  ...limboRows(),
  {
    story: 'a well-formed certificate (control)',
    prepare: () => generated(withLeaf({ san: [{ dns: 'kubernetes.default' }] })),
    errors: {},
  },
];

describe.each(ROWS)('$story', (row) => {
  test.each(ERAS.filter((id) => row.eras === undefined || row.eras.includes(id)))(
    '%s',
    async (id) => {
      const { input } = await row.prepare();
      const era = goEra(id);
      const error = row.errors[id] ?? null;
      const problem = goParseProblem(input.leaf, era);
      expect(problem && parseErrorText(problem, era)).toBe(error);
      const verdict = verifyGo(input, era);
      if (error === null) expect(verdict.message ?? 'ok').not.toContain(WRAP);
      else expect(verdict.message).toBe(`${WRAP}${error}`);
    },
  );
});

describe.each(GO_TOOLCHAINS)('live $name', (toolchain) => {
  const availability = goOracleAvailability(toolchain);
  gate(availability).test(`parse errors as real ${availability.reason}`, async () => {
    const era = resolveGoRelease(availability.release ?? '').era;
    const prepared = await Promise.all(ROWS.map((row) => row.prepare()));
    const real = await runGoOracle(
      prepared.map((p) => p.oracleCase),
      toolchain,
    );
    const ours = prepared.map((p) => verifyGo(p.input, era));
    expect(
      real.map((verdict) =>
        verdict.ok ? 'ok' : `${verdict.stage === 'parse-leaf' ? WRAP : ''}${verdict.message}`,
      ),
    ).toEqual(ours.map((verdict) => verdict.message ?? 'ok'));
  });
});
