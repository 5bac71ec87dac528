/**
 * The long fuzz run: `npm run fuzz [-- --runs N --seed S]` (default 100,000 inputs).
 * The property tests' generators (tests/properties/mutations.ts) over the seed certificate
 * and the malformed corpus (tests/robustness/corpus.ts): mutated DER/PEM/base64 as the
 * certificate and as --ca, PEM noise, random names. Every input goes through
 * run(argv, io) with an in-memory Io and must keep the promises of
 * tests/robustness/harness.ts (exit 0/1/2, one stderr line for 2, no write, no dial) and
 * print no secret. Prints a summary; exits 1 on any broken promise.
 */
import 'reflect-metadata';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadCertificates } from '../src/load/index.js';
import {
  aliasedYaml,
  anyName,
  deepManifest,
  mutatedInput,
  pemNoise,
  secretAround,
} from '../tests/properties/mutations.js';
import { buildCorpus } from '../tests/robustness/corpus.js';
import { brokenBatchPromise, brokenPromise, runCase } from '../tests/robustness/harness.js';
import { collectPublic, collectSecrets, leaks } from '../tests/robustness/secrets.js';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '100000' },
    seed: { type: 'string', default: String(Date.now() % 1_000_000) },
  },
});
const runs = Number(values.runs);
const seed = Number(values.seed);
if (!Number.isInteger(runs) || runs <= 0 || !Number.isInteger(seed)) {
  console.error('usage: npm run fuzz -- [--runs N] [--seed S]');
  process.exit(2);
}

const AT = ['--at', '2015-11-04T12:00:00Z'];
const seedPem = readFileSync('fixtures/seed/apiserver.crt', 'utf8');
const corpus = await buildCorpus();

// Starting points: the seed and every certificate of the corpus that parses and is small
// enough to keep the run fast (the 10,000-SAN ones are exercised by the suite).
const starts: Uint8Array[] = [
  loadCertificates(Buffer.from(seedPem), 'seed')[0]?.der ?? new Uint8Array(),
];
for (const entry of corpus) {
  for (const bytes of Object.values(entry.files)) {
    try {
      for (const { der } of loadCertificates(bytes, entry.id))
        if (der.length < 4096) starts.push(der);
    } catch {
      // Not a certificate: its bytes still reach the fuzzer as a raw case below.
    }
  }
}
const uniqueStarts = [
  ...new Map(starts.map((der) => [Buffer.from(der).toString('hex'), der])).values(),
];
const secrets = [
  ...new Set(
    corpus.flatMap((entry) =>
      Object.values(entry.files).flatMap((bytes) =>
        collectSecrets(Buffer.from(bytes).toString('latin1')),
      ),
    ),
  ),
];
const publicText = corpus
  .flatMap((entry) =>
    Object.values(entry.files).map((bytes) => collectPublic(Buffer.from(bytes).toString('latin1'))),
  )
  .join('\n');
const keyPem = Object.values(corpus.find((entry) => entry.id === 'pem-label-key')?.files ?? {})[0];

type FuzzCase = {
  argv: string[];
  files: Record<string, Uint8Array | string>;
  /** A batch run: several stderr lines are fine (one per unreadable input). */
  batch?: boolean;
};

const start = fc.constantFrom(...uniqueStarts);
const cases: fc.Arbitrary<FuzzCase> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .tuple(start.chain(mutatedInput), fc.constantFrom('text', 'json', 'markdown'), fc.boolean())
      .map(([input, format, all]) => ({
        argv: ['in.crt', ...AT, '--format', format, ...(all ? ['--client', 'all'] : [])],
        files: { 'in.crt': input },
      })),
  },
  {
    weight: 2,
    arbitrary: start.chain(mutatedInput).map((input) => ({
      argv: ['seed.crt', ...AT, '--ca', 'in.crt', '--client', 'all'],
      files: { 'in.crt': input, 'seed.crt': seedPem },
    })),
  },
  {
    weight: 1,
    // Noise, and noise around a private key: the key must never come back out.
    arbitrary: fc.tuple(pemNoise, fc.boolean()).map(([noise, withKey]) => ({
      argv: ['in.crt', ...AT],
      files: { 'in.crt': withKey && keyPem ? Buffer.concat([noise, keyPem, noise]) : noise },
    })),
  },
  {
    weight: 1,
    // YAML aliases (bombs, undefined anchors) and nesting within and past the limit.
    arbitrary: fc.oneof(aliasedYaml, deepManifest).map((text) => ({
      argv: ['in.crt', ...AT],
      files: { 'in.crt': text },
    })),
  },
  {
    weight: 1,
    // Pairs of hostile inputs in one batch, beside a good certificate that must keep its row.
    arbitrary: fc
      .tuple(
        ...[0, 1].map(() =>
          fc.oneof(
            aliasedYaml,
            deepManifest,
            fc
              .tuple(start.chain(mutatedInput), fc.boolean())
              .map(([bytes, json]) => secretAround(bytes, json)),
            start.chain(mutatedInput),
          ),
        ),
      )
      .map(([a, b]) => ({
        argv: ['batch', 'dir', ...AT],
        files: {
          'dir/a': a as string | Uint8Array,
          'dir/b': b as string | Uint8Array,
          'dir/c.crt': seedPem,
        },
        batch: true,
      })),
  },
  {
    weight: 1,
    arbitrary: fc.array(anyName, { minLength: 1, maxLength: 3 }).map((names) => ({
      argv: ['seed.crt', ...AT, '--client', 'all', ...names.flatMap((name) => ['--name', name])],
      files: { 'seed.crt': seedPem },
    })),
  },
);

const codes = new Map<number, number>();
const failures: string[] = [];
const started = Date.now();
const BATCH = 1000;
for (let done = 0, batch = 0; done < runs; batch++) {
  const sample = fc.sample(cases, { numRuns: Math.min(BATCH, runs - done), seed: seed + batch });
  for (const [index, item] of sample.entries()) {
    let problem: string | null;
    try {
      const outcome = await runCase(item.argv, item.files);
      codes.set(outcome.code, (codes.get(outcome.code) ?? 0) + 1);
      problem = item.batch ? brokenBatchPromise(outcome) : brokenPromise(outcome);
      if (!problem && item.batch && !/dir\/c\.crt {2}/.test(outcome.stdout))
        problem = 'the good certificate beside the hostile inputs lost its row';
      const leaked = leaks(outcome.stdout + outcome.stderr, secrets, publicText);
      if (!problem && leaked.length > 0) problem = `printed a secret: ${leaked.join('; ')}`;
    } catch (error) {
      problem = `run threw: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
    }
    if (problem) {
      const input = item.files['in.crt'];
      failures.push(
        [
          `case ${done + index} (seed ${seed + batch}, index ${index}): ${problem}`,
          `  argv: ${JSON.stringify(item.argv)}`,
          input === undefined
            ? ''
            : `  in.crt (base64): ${Buffer.from(input).toString('base64').slice(0, 4000)}`,
        ].join('\n'),
      );
    }
  }
  done += sample.length;
  if (batch % 10 === 9 || done >= runs) {
    const seconds = ((Date.now() - started) / 1000).toFixed(0);
    console.error(`fuzz: ${done}/${runs} inputs, ${failures.length} failures, ${seconds} s`);
  }
}

const seconds = ((Date.now() - started) / 1000).toFixed(1);
const byCode = [0, 1, 2, 3].map((code) => `exit ${code}: ${codes.get(code) ?? 0}`).join(', ');
console.log(
  `fuzz: ${runs} inputs from ${uniqueStarts.length} starting certificates, seed ${seed}, ${seconds} s`,
);
console.log(`fuzz: ${byCode}`);
if (failures.length > 0) {
  console.log(`fuzz: ${failures.length} inputs broke a promise; the first ones:`);
  for (const failure of failures.slice(0, 10)) console.log(failure);
  process.exit(1);
}
console.log('fuzz: no crash, no hang, no secret printed');
