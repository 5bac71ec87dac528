/**
 * run(argv, io) over random inputs: mutations of the real seed certificate, PEM/base64
 * noise, random names. Whatever comes in, run returns 0, 1 or 2, an exit 2 is one line
 * naming the input, and nothing is written or dialled (tests/robustness/harness.ts).
 * Bounded for CI; `npm run fuzz` runs the same generators for much longer.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { decodeBase64 } from '../../src/load/pem.js';
import { brokenBatchPromise, brokenPromise, runCase } from '../robustness/harness.js';
import {
  aliasedYaml,
  anyName,
  deepManifest,
  mutatedInput,
  pemNoise,
  secretAround,
} from './mutations.js';

const seedPem = readFileSync('fixtures/seed/apiserver.crt', 'utf8');
const seedDer = decodeBase64(
  seedPem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').trim(),
) as Uint8Array;
const SEED = Number(process.env['PROPERTY_SEED'] ?? 4242);
const AT = ['--at', '2015-11-04T12:00:00Z'];

async function keepsPromises(argv: string[], input: Uint8Array | string): Promise<number> {
  const outcome = await runCase(argv, { 'in.crt': input, 'seed.crt': seedPem });
  const broken = brokenPromise(outcome);
  if (broken) throw new Error(`${broken}\n  argv: ${JSON.stringify(argv)}`);
  return outcome.code;
}

test('the seed decodes (the mutations start from a real certificate)', async () => {
  expect(seedDer.length).toBeGreaterThan(500);
  expect(await keepsPromises(['in.crt', ...AT], seedDer)).toBe(0);
});

test('mutated seed DER (as DER, PEM or base64), every client: never a crash', async () => {
  const codes = new Map<number, number>();
  await fc.assert(
    fc.asyncProperty(
      mutatedInput(seedDer),
      fc.constantFrom('text', 'json'),
      async (input, format) => {
        const code = await keepsPromises(
          ['in.crt', ...AT, '--client', 'all', '--format', format],
          input,
        );
        codes.set(code, (codes.get(code) ?? 0) + 1);
      },
    ),
    { numRuns: 250, seed: SEED },
  );
  // The mutations reach past the parser: some inputs are judged, most are refused.
  expect(codes.get(2) ?? 0).toBeGreaterThan(0);
  expect((codes.get(0) ?? 0) + (codes.get(1) ?? 0)).toBeGreaterThan(0);
});

test('mutated trust anchors (--ca): never a crash', async () => {
  await fc.assert(
    fc.asyncProperty(mutatedInput(seedDer), async (input) => {
      await keepsPromises(['seed.crt', ...AT, '--ca', 'in.crt', '--client', 'all'], input);
    }),
    { numRuns: 100, seed: SEED + 1 },
  );
});

test('PEM and base64 noise: never a crash, never exit 0', async () => {
  await fc.assert(
    fc.asyncProperty(pemNoise, async (input) => {
      const code = await keepsPromises(['in.crt', ...AT], input);
      expect(code).toBe(2);
    }),
    { numRuns: 200, seed: SEED + 2 },
  );
});

test('random names: never a crash', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(anyName, { minLength: 1, maxLength: 3 }), async (names) => {
      await keepsPromises(
        ['seed.crt', ...AT, '--client', 'all', ...names.flatMap((name) => ['--name', name])],
        seedPem,
      );
    }),
    { numRuns: 150, seed: SEED + 3 },
  );
});

test('YAML aliases and deep nesting, alone: exit 2 with one line, nothing echoed', async () => {
  await fc.assert(
    fc.asyncProperty(fc.oneof(aliasedYaml, deepManifest), async (text) => {
      const outcome = await runCase(['in.yaml', ...AT], { 'in.yaml': text });
      const broken = brokenPromise(outcome);
      if (broken) throw new Error(`${broken}\n  input: ${text.slice(0, 200)}`);
      // An alias's name is the input's own text (it may be a password): never printed.
      for (const alias of text.matchAll(/\*([a-z][a-z0-9]*)/g))
        if (!/^l\d+$/.test(alias[1] ?? '') && outcome.stderr.includes(alias[1] ?? ''))
          throw new Error(`echoed the alias ${alias[1]}: ${outcome.stderr}`);
    }),
    { numRuns: 60, seed: SEED + 3 },
  );
});

test('batch over pairs of hostile inputs: never aborts, every input gets its line or rows', async () => {
  const one = fc.oneof(
    aliasedYaml,
    deepManifest,
    fc.tuple(mutatedInput(seedDer), fc.boolean()).map(([bytes, json]) => secretAround(bytes, json)),
    mutatedInput(seedDer),
  );
  await fc.assert(
    fc.asyncProperty(one, one, async (a, b) => {
      const outcome = await runCase(['batch', 'dir', ...AT], {
        'dir/a': a,
        'dir/b': b,
        'dir/c.crt': seedPem,
      });
      const broken = brokenBatchPromise(outcome);
      if (broken) throw new Error(broken);
      // The good certificate beside them is always audited.
      if (!/dir\/c\.crt {2}/.test(outcome.stdout))
        throw new Error(`the good file lost its row: ${outcome.stdout}${outcome.stderr}`);
    }),
    { numRuns: 60, seed: SEED + 4 },
  );
});
