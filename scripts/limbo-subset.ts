/**
 * Writes fixtures/limbo/: the part of the x509-limbo corpus tests/limbo/limbo.test.ts
 * replays in `npm test` for the go, openssl and node profiles — every one of limbo's own
 * cases, every 40th BetterTLS case (in corpus order), every case real Go refused with a
 * parser error (the Go parser model has no other outside check), and a few named ones,
 * with their recorded real answers. Only the fields the replay reads are kept.
 *   node scripts/run-ts.mjs scripts/limbo-subset.ts <corpus dir>
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LimboCase } from '../tests/limbo/replay.js';

const dir = process.argv[2] ?? process.env.LIMBO_DIR;
if (!dir) throw new Error('usage: limbo-subset.ts <corpus dir>');
const EVERY = 40;
/** BetterTLS cases kept besides the sample, each for a rule the sample would miss. */
const ALSO = new Set([
  'bettertls::nameconstraints::tc8867', // a registeredID SAN: Node prints its OID
  'bettertls::nameconstraints::tc8755', // a primitive otherName: OpenSSL's invalid flag
]);
/** Go's ParseCertificate errors, as crypto/x509 1.19 words them (parser.go, x509.go). */
const GO_PARSER_ERROR =
  /^x509: (cannot parse|SAN dNSName is malformed|certificate contains duplicate extensions|unsupported elliptic curve)/;
const corpus = JSON.parse(readFileSync(join(dir, 'limbo.json'), 'utf8')) as {
  version: unknown;
  testcases: LimboCase[];
};
const recorded = readFileSync(join(dir, 'real-results.jsonl'), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '');
const parserErrors = new Set(
  recorded
    .map((line) => JSON.parse(line) as { id: string; client: string; message: string | null })
    .filter((line) => line.client === 'go' && GO_PARSER_ERROR.test(line.message ?? ''))
    .map((line) => line.id),
);
let betterTls = 0;
const chosen = corpus.testcases.filter(
  (testCase) =>
    !testCase.id.startsWith('bettertls::') ||
    betterTls++ % EVERY === 0 ||
    ALSO.has(testCase.id) ||
    parserErrors.has(testCase.id),
);
const ids = new Set(chosen.map((testCase) => testCase.id));
const keep = (testCase: LimboCase) => ({
  id: testCase.id,
  validation_kind: testCase.validation_kind,
  trusted_certs: testCase.trusted_certs,
  untrusted_intermediates: testCase.untrusted_intermediates,
  peer_certificate: testCase.peer_certificate,
  validation_time: testCase.validation_time,
  expected_peer_name: testCase.expected_peer_name,
  extended_key_usage: testCase.extended_key_usage,
});
const lines = recorded.filter((line) => ids.has((JSON.parse(line) as { id: string }).id));
const out = join('fixtures', 'limbo');
mkdirSync(out, { recursive: true });
writeFileSync(
  join(out, 'limbo.json'),
  `${JSON.stringify({ version: corpus.version, testcases: chosen.map(keep) })}\n`,
);
writeFileSync(join(out, 'real-results.jsonl'), `${lines.join('\n')}\n`);
console.log(`${chosen.length} cases, ${lines.length} recorded answers in ${out}`);
