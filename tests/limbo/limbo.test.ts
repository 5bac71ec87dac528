/**
 * A recorded part of x509-limbo (fixtures/limbo/: every limbo case, every 40th BetterTLS
 * case, every case real Go refused with a parser error) replayed against the go, openssl and
 * node profiles: the same verdict as real Go 1.19.8 `Certificate.Verify`, `openssl verify`
 * 3.0.19 and Node 20.20.2, and where both fail the same message (and, for OpenSSL and Node,
 * native code). The whole corpus and the live re-runs are `npm run test:limbo`.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describeAnswer, parseRealResults, replay, type LimboCase } from './replay.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/limbo/', import.meta.url));

const cases = (
  JSON.parse(readFileSync(`${FIXTURES}limbo.json`, 'utf8')) as { testcases: LimboCase[] }
).testcases;
const lines = parseRealResults(readFileSync(`${FIXTURES}real-results.jsonl`, 'utf8'));

test('the subset holds every client, and Go parser errors among the Go answers', () => {
  const goParserErrors = lines.filter(
    (line) => line.client === 'go' && /^x509: cannot parse/.test(line.message ?? ''),
  );
  expect(goParserErrors.length).toBeGreaterThan(40);
  expect(new Set(lines.map((line) => line.client))).toEqual(new Set(['go', 'openssl', 'node']));
});

test('the go, openssl and node profiles answer as the real clients did', async () => {
  const { byClient, disagreements } = await replay(cases, lines);
  for (const client of ['go', 'openssl', 'node'] as const) {
    expect(byClient.get(client)?.total).toBeGreaterThan(450);
  }
  const found = disagreements.map(
    ({ line, ours }) =>
      `${line.client} ${line.id}: real ${describeAnswer(line)} | profile ${describeAnswer(ours)}`,
  );
  expect(found).toEqual([]);
}, 120_000);
