/**
 * A recorded part of x509-limbo (fixtures/limbo/: every limbo case, every 40th BetterTLS
 * case) replayed against the openssl and node profiles: the same verdict as the real
 * `openssl verify` 3.0.19 and Node 20.20.2, and where both fail the same message and
 * native code. The whole corpus, the go profile and the live re-runs are
 * `npm run test:limbo`.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describeAnswer, parseRealResults, replay, type LimboCase } from './replay.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/limbo/', import.meta.url));

test('the openssl and node profiles answer as the real clients did on the recorded subset', async () => {
  const cases = (
    JSON.parse(readFileSync(`${FIXTURES}limbo.json`, 'utf8')) as { testcases: LimboCase[] }
  ).testcases;
  const lines = parseRealResults(readFileSync(`${FIXTURES}real-results.jsonl`, 'utf8')).filter(
    (line) => line.client !== 'go',
  );
  expect(lines.length).toBeGreaterThan(800);
  const { byClient, disagreements } = await replay(cases, lines);
  expect(byClient.get('openssl')?.total).toBeGreaterThan(400);
  expect(byClient.get('node')?.total).toBeGreaterThan(400);
  const found = disagreements.map(
    ({ line, ours }) =>
      `${line.client} ${line.id}: real ${describeAnswer(line)} | profile ${describeAnswer(ours)}`,
  );
  expect(found).toEqual([]);
}, 120_000);
