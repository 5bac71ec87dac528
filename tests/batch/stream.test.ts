/**
 * Streaming: results leave while inputs are still arriving, so memory does not grow
 * with the number of certificates. The input generator checks, each time it is asked
 * for more, how much output has already been written.
 */
import { makeCorpus, CORPUS_NOW } from '../../bench/generate.js';
import { runBatch } from '../../src/cli/batch/run.js';
import type { Input } from '../../src/cli/batch/walk.js';
import { fakeIo } from '../helpers/fake-io.js';
import { testSettings } from './settings.js';

test('output keeps pace with input: never more than a few chunks behind', async () => {
  const corpus = makeCorpus();
  const io = fakeIo({}, { now: CORPUS_NOW });
  const lines = (): number => io.out().split('\n').length - 1;
  const behind: number[] = [];
  const total = 1500;
  async function* inputs(): AsyncGenerator<Input> {
    for (let i = 0; i < total; i++) {
      behind.push(i - lines());
      await Promise.resolve();
      yield {
        kind: 'file',
        path: `c${i}.pem`,
        bytes: new Uint8Array(Buffer.from(corpus.pem(i % 40))),
        walked: false,
      };
    }
  }
  const code = await runBatch(
    {
      paths: ['(generated)'],
      settings: testSettings(),
      jobs: 1,
      maxInputBytes: 1 << 20,
      progress: null,
      totalInputs: null,
      inputs: inputs(),
    },
    io,
  );
  expect(code).toBe(1);
  // Every certificate got its line, plus the tally.
  expect(lines()).toBe(total + 1);
  // 64-item chunks, at most 2 in flight in this thread: never ~200 items behind.
  expect(Math.max(...behind)).toBeLessThanOrEqual(64 * 3);
  // And the order of the output is the order of the input.
  const files = io
    .out()
    .trim()
    .split('\n')
    .slice(0, -1)
    .map((line) => (JSON.parse(line) as { source: { file: string } }).source.file);
  expect(files).toEqual(Array.from({ length: total }, (_, i) => `c${i}.pem`));
});
