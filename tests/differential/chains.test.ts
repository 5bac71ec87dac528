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
import { verifyOpenssl } from '../../src/verify/openssl/index.js';
import type { FailureCode } from '../../src/verify/failures.js';
import type { ClientVerdict } from '../../src/verify/types.js';
import { GO_TOOLCHAINS, goOracleAvailability, runGoOracle } from '../oracle/go.js';
import { resolveGoRelease } from '../../src/verify/go/releases.js';
import { nodeOracleAvailability, runNodeOracle } from '../oracle/node.js';
import { opensslOracleAvailability, runOpensslOracle } from '../oracle/openssl.js';
import type { OracleVerdict } from '../oracle/types.js';
import { allOf, gate } from '../oracle/require.js';
import { runNodeOracleLenientServer } from './chains-node.js';
import { buildChainCorpus, type ChainCase } from './chains.js';
import {
  disagreements,
  goMismatch,
  nodeMismatch,
  opensslMismatch,
  prepare,
  type Prepared,
} from './harness.js';

const go = goOracleAvailability();
const openssl = opensslOracleAvailability();
const node = nodeOracleAvailability();

interface PreparedChain extends Prepared {
  readonly chainCase: ChainCase;
}

let prepared: PreparedChain[] = [];

beforeAll(async () => {
  // Node's handshake runs on the real clock; seconds precision, as certificates have.
  const now = new Date(Math.floor(Date.now() / 1000) * 1000);
  const corpus = await buildChainCorpus(now);
  prepared = await Promise.all(
    corpus.map(async (chainCase) => ({ chainCase, ...(await prepare(chainCase, now)) })),
  );
});

test('the corpus has at least 80 chains with distinct ids', () => {
  expect(prepared.length).toBeGreaterThanOrEqual(80);
  expect(new Set(prepared.map((p) => p.chainCase.id)).size).toBe(prepared.length);
});

/** Every failure code and first message the profiles produced, for the coverage checks. */
const produced = { codes: new Set<FailureCode>(), messages: new Set<string>() };
function record<Verdict extends ClientVerdict>(verdict: Verdict): Verdict {
  for (const failure of verdict.failures) produced.codes.add(failure.code);
  if (verdict.message !== null) produced.messages.add(`${verdict.client}: ${verdict.message}`);
  return verdict;
}

gate(go).test(`go profile = real crypto/x509 (${go.reason})`, async () => {
  const verdicts = await runGoOracle(prepared.map((p) => p.oracleCase));
  const era = goEra('go');
  const mismatches = disagreements(prepared, ({ id, input }, index) =>
    goMismatch(id, verdicts[index]!, record(verifyGo(input, era))),
  );
  expect(mismatches).toEqual([]);
});

// The other installed toolchains (Go 1.21, 1.22, 1.23): the profile their release resolves to.
for (const toolchain of GO_TOOLCHAINS.slice(1)) {
  const other = goOracleAvailability(toolchain);
  gate(other).test(`${toolchain.name} profile = real crypto/x509 (${other.reason})`, async () => {
    const verdicts = await runGoOracle(
      prepared.map((p) => p.oracleCase),
      toolchain,
    );
    const era = resolveGoRelease(other.release ?? '').era;
    const mismatches = disagreements(prepared, ({ id, input }, index) => {
      const real = verdicts[index]!;
      const message =
        real.stage === 'parse-leaf'
          ? `tls: failed to parse certificate from server: ${real.message ?? ''}`
          : real.message;
      return goMismatch(id, { ...real, message }, verifyGo(input, era));
    });
    expect(mismatches).toEqual([]);
  });
}

gate(openssl).test(`openssl profile = openssl verify (${openssl.reason})`, async () => {
  const verdicts = await runOpensslOracle(prepared.map((p) => p.oracleCase));
  const mismatches = disagreements(prepared, ({ id, input }, index) =>
    opensslMismatch(id, verdicts[index]!, record(verifyOpenssl(input))),
  );
  expect(mismatches).toEqual([]);
});

/** A default Node server refuses to present SHA-1/MD5-signed certificates at all. */
function servesWeakSignature({ chainCase }: PreparedChain): boolean {
  return [chainCase.leaf, ...chainCase.intermediates].some(
    (made) =>
      made.facts.signatureAlgorithm.hash === 'SHA1' || made.facts.signatureAlgorithm.hash === 'MD5',
  );
}

gate(node).test(`node profile = real tls.connect (${node.reason})`, async () => {
  const weak = prepared.filter(servesWeakSignature);
  const normal = prepared.filter((p) => !servesWeakSignature(p));
  const answers = new Map<string, OracleVerdict>();
  for (const verdict of await runNodeOracle(normal.map((p) => p.oracleCase)))
    answers.set(verdict.id, verdict);
  for (const verdict of await runNodeOracleLenientServer(weak.map((p) => p.oracleCase)))
    answers.set(verdict.id, verdict);
  const verdicts = prepared.map((p) => answers.get(p.chainCase.id));
  expect(weak.length).toBeGreaterThan(0);
  const mismatches = disagreements(prepared, ({ id, input }, index) =>
    nodeMismatch(id, verdicts[index]!, record(nodeProfile.verify(input))),
  );
  expect(mismatches).toEqual([]);
});

/**
 * The corpus must exercise every trust reason of the issue. Checked on what the profiles
 * produced — which the tests above proved equal to the real verifiers.
 */
gate(allOf(go, openssl, node)).test('the corpus covers every trust reason', () => {
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
    'name-not-permitted',
    'name-excluded',
    'name-constraint-unsupported',
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
    'go: x509: a root or intermediate certificate is not authorized to sign for this name: DNS name "kubernetes.default.svc" is not permitted by any constraint',
    'go: x509: a root or intermediate certificate is not authorized to sign for this name: IP address "10.0.0.1" is excluded by constraint "10.0.0.0/24"',
    'go: x509: a root or intermediate certificate is not authorized to sign for this name: URI with IP ("https://10.0.0.1/") cannot be matched against constraints',
    'go: x509: a root or intermediate certificate is not authorized to sign for this name: URI with empty host ("urn:example:kubernetes") cannot be matched against constraints',
    'go: x509: a root or intermediate certificate is not authorized to sign for this name: address a.cluster.local:1:2: too many colons in address',
    'openssl: permitted subtree violation',
    'openssl: excluded subtree violation',
    'node: permitted subtree violation',
    'node: excluded subtree violation',
  ];
  expect(
    fragments.filter((fragment) => !messages.some((message) => message.includes(fragment))),
  ).toEqual([]);
});
