/**
 * Writes fixtures/limbo/: the part of the x509-limbo corpus tests/limbo/limbo.test.ts
 * replays in `npm test` — every one of limbo's own cases and every 40th BetterTLS case
 * (in corpus order) plus a few named ones, with their recorded real answers. Only the fields the replay reads
 * are kept.
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
const corpus = JSON.parse(readFileSync(join(dir, 'limbo.json'), 'utf8')) as {
  version: unknown;
  testcases: LimboCase[];
};
let betterTls = 0;
const chosen = corpus.testcases.filter((testCase) =>
  testCase.id.startsWith('bettertls::') ? betterTls++ % EVERY === 0 || ALSO.has(testCase.id) : true,
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
const lines = readFileSync(join(dir, 'real-results.jsonl'), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '' && ids.has((JSON.parse(line) as { id: string }).id));
const out = join('fixtures', 'limbo');
mkdirSync(out, { recursive: true });
writeFileSync(
  join(out, 'limbo.json'),
  `${JSON.stringify({ version: corpus.version, testcases: chosen.map(keep) })}\n`,
);
writeFileSync(join(out, 'real-results.jsonl'), `${lines.join('\n')}\n`);
console.log(`${chosen.length} cases, ${lines.length} recorded answers in ${out}`);
