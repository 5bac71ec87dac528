/**
 * Differential: every chain of the trust corpus (tests/differential/chains.ts) through the
 * real verifiers — Go 1.19 `Certificate.Verify` with Roots/Intermediates/CurrentTime,
 * `openssl verify -CAfile -untrusted -attime`, and a real Node TLS handshake in which the
 * server sends the chain and the client trusts the ca.crt — and through the `go`,
 * `openssl` and `node` profiles. Agreement must be total: verdict, message and native
 * code (for OpenSSL every `error N at D depth lookup` line). A mismatch is a profile bug.
 */
import { verifyGo, goEra } from '../../src/verify/go/index.js';
import { nodeProfile } from '../../src/verify/node/index.js';
import { errorLine, verifyOpenssl } from '../../src/verify/openssl/index.js';
import type { FailureCode } from '../../src/verify/failures.js';
import { computeSignatureChecks } from '../../src/verify/signatures.js';
import type { ClientVerdict, VerifyInput } from '../../src/verify/types.js';
import { goOracleAvailability, runGoOracle } from '../oracle/go.js';
import { nodeOracleAvailability, runNodeOracle } from '../oracle/node.js';
import { opensslOracleAvailability, runOpensslOracle } from '../oracle/openssl.js';
import type { OracleCase, OracleVerdict } from '../oracle/types.js';
import { runNodeOracleLenientServer } from './chains-node.js';
import { buildChainCorpus, type ChainCase } from './chains.js';

const go = goOracleAvailability();
const openssl = opensslOracleAvailability();
const node = nodeOracleAvailability();
for (const oracle of [go, openssl, node]) if (!oracle.available) console.warn(oracle.reason);

interface Prepared {
  readonly chainCase: ChainCase;
  readonly input: VerifyInput;
  readonly oracleCase: OracleCase;
}

let prepared: Prepared[] = [];

beforeAll(async () => {
  // Node's handshake runs on the real clock; seconds precision, as certificates have.
  const now = new Date(Math.floor(Date.now() / 1000) * 1000);
  const corpus = await buildChainCorpus(now);
  prepared = await Promise.all(
    corpus.map(async (chainCase) => {
      const { leaf, intermediates, roots, host, id } = chainCase;
      const everything = [leaf, ...intermediates, ...roots];
      const input: VerifyInput = {
        leaf: leaf.facts,
        intermediates: intermediates.map((made) => made.facts),
        roots: roots.map((made) => made.facts),
        host,
        now,
        signatures: await computeSignatureChecks(
          everything.map((made) => ({ facts: made.facts, cert: made.cert })),
        ),
      };
      const oracleCase: OracleCase = {
        id,
        leafPem: leaf.pem,
        leafKeyPem: leaf.keyPem,
        intermediatesPem: intermediates.map((made) => made.pem),
        rootsPem: roots.map((made) => made.pem),
        host,
        now,
      };
      return { chainCase, input, oracleCase };
    }),
  );
});

test('the corpus has at least 80 chains with distinct ids', () => {
  expect(prepared.length).toBeGreaterThanOrEqual(80);
  expect(new Set(prepared.map((p) => p.chainCase.id)).size).toBe(prepared.length);
});

function describeVerdict(verdict: {
  ok: boolean;
  message: string | null;
  nativeCode?: string | number | null;
}) {
  return verdict.ok ? 'ok' : `${verdict.nativeCode ?? ''} ${verdict.message ?? ''}`.trim();
}

/** Every failure code and first message the profiles produced, for the coverage checks. */
const produced = { codes: new Set<FailureCode>(), messages: new Set<string>() };
function record(verdict: ClientVerdict): void {
  for (const failure of verdict.failures) produced.codes.add(failure.code);
  if (verdict.message !== null) produced.messages.add(`${verdict.client}: ${verdict.message}`);
}

(go.available ? test : test.skip)(`go profile = real crypto/x509 (${go.reason})`, async () => {
  const verdicts = await runGoOracle(prepared.map((p) => p.oracleCase));
  const era = goEra('go');
  const mismatches: string[] = [];
  prepared.forEach(({ chainCase, input }, index) => {
    const ours = verifyGo(input, era);
    record(ours);
    const real = verdicts[index] as OracleVerdict;
    if (real.ok !== ours.ok || real.message !== ours.message) {
      mismatches.push(
        `${chainCase.id}\n  go:      ${describeVerdict(real)}\n  profile: ${describeVerdict(ours)}`,
      );
    }
  });
  expect(mismatches).toEqual([]);
});

(openssl.available ? test : test.skip)(
  `openssl profile = openssl verify (${openssl.reason})`,
  async () => {
    const verdicts = await runOpensslOracle(prepared.map((p) => p.oracleCase));
    const mismatches: string[] = [];
    prepared.forEach(({ chainCase, input }, index) => {
      const ours = verifyOpenssl(input);
      record(ours);
      const real = verdicts[index]!;
      const ourLines = ours.errors.map((error) => errorLine(error.failure, error.depth));
      const realLines = real.errors.map(
        (error) => `error ${error.number} at ${error.depth} depth lookup: ${error.text}`,
      );
      const agree =
        real.ok === ours.ok &&
        real.message === ours.message &&
        real.nativeCode === ours.nativeCode &&
        JSON.stringify(ourLines) === JSON.stringify(realLines);
      if (!agree) {
        mismatches.push(
          `${chainCase.id}\n  openssl: ${real.ok ? 'OK' : realLines.join(' | ')}\n  profile: ${ours.ok ? 'OK' : ourLines.join(' | ')}`,
        );
      }
    });
    expect(mismatches).toEqual([]);
  },
);

/** A default Node server refuses to present SHA-1/MD5-signed certificates at all. */
function servesWeakSignature({ chainCase }: Prepared): boolean {
  return [chainCase.leaf, ...chainCase.intermediates].some(
    (made) =>
      made.facts.signatureAlgorithm.hash === 'SHA1' || made.facts.signatureAlgorithm.hash === 'MD5',
  );
}

(node.available ? test : test.skip)(
  `node profile = real tls.connect (${node.reason})`,
  async () => {
    const weak = prepared.filter(servesWeakSignature);
    const normal = prepared.filter((p) => !servesWeakSignature(p));
    const answers = new Map<string, OracleVerdict>();
    for (const verdict of await runNodeOracle(normal.map((p) => p.oracleCase)))
      answers.set(verdict.id, verdict);
    for (const verdict of await runNodeOracleLenientServer(weak.map((p) => p.oracleCase)))
      answers.set(verdict.id, verdict);
    const verdicts = prepared.map((p) => answers.get(p.chainCase.id));
    expect(weak.length).toBeGreaterThan(0);
    const mismatches: string[] = [];
    prepared.forEach(({ chainCase, input }, index) => {
      const ours = nodeProfile.verify(input);
      record(ours);
      const real = verdicts[index]!;
      if (
        real.ok !== ours.ok ||
        real.message !== ours.message ||
        real.nativeCode !== ours.nativeCode
      ) {
        mismatches.push(
          `${chainCase.id}\n  node:    ${describeVerdict(real)}\n  profile: ${describeVerdict(ours)}`,
        );
      }
    });
    expect(mismatches).toEqual([]);
  },
);

/**
 * The corpus must exercise every trust reason of the issue. Checked on what the profiles
 * produced — which the tests above proved equal to the real verifiers.
 */
(go.available && openssl.available && node.available ? test : test.skip)(
  'the corpus covers every trust reason',
  () => {
    const codes: FailureCode[] = [
      'unknown-authority',
      'self-signed-untrusted',
      'untrusted-root',
      'anchor-not-self-signed',
      'intermediate-not-ca',
      'issuer-key-usage-no-cert-sign',
      'path-length-exceeded',
      'signature-invalid',
      'eku-incompatible',
      'expired',
      'not-yet-valid',
      'signature-check-limit',
    ];
    expect(codes.filter((code) => !produced.codes.has(code))).toEqual([]);
    const messages = [...produced.messages];
    const fragments = [
      'go: x509: certificate signed by unknown authority (possibly because of "crypto/rsa: verification error"',
      'go: x509: certificate signed by unknown authority (possibly because of "x509: ECDSA verification failure"',
      'insecure algorithm SHA1-RSA (temporarily override with GODEBUG=x509sha1=1)',
      'parent certificate cannot sign this kind of certificate',
      'go: x509: certificate is not authorized to sign other certificates',
      'go: x509: certificate specifies an incompatible key usage',
      'go: x509: too many intermediates for path length constraint',
      'go: x509: certificate has expired or is not yet valid: current time',
      'go: x509: signature check attempts limit reached while verifying certificate chain',
      'openssl: unable to get local issuer certificate',
      'openssl: self-signed certificate in certificate chain',
      'openssl: unable to get issuer certificate',
      'openssl: certificate signature failure',
      'node: unable to verify the first certificate',
      'node: self-signed certificate',
    ];
    expect(
      fragments.filter((fragment) => !messages.some((message) => message.includes(fragment))),
    ).toEqual([]);
  },
);
