/**
 * Seeded random dNSName patterns × hosts through the profile and the real
 * `openssl verify -verify_hostname` (skipped without openssl 3.0): the alphabet is
 * chosen to hit valid_star's and wildcard_match's edges (stars, dots, hyphens,
 * underscores, xn-- prefixes, case).
 */
import fc from 'fast-check';
import { makeCert } from '../../helpers/certs.js';
import { caSpec, checkScenarios, oracle } from './helpers.js';
import { gate } from '../../oracle/require.js';

const piece = fc.constantFrom(
  'a',
  'B',
  'k',
  '*',
  '.',
  '-',
  '_',
  'xn--',
  'x',
  '9',
  'svc',
  'default',
);
const name = fc.array(piece, { minLength: 1, maxLength: 7 }).map((parts) => parts.join(''));

const maybe = gate(oracle).test;

maybe('random patterns and hosts agree with openssl verify', async () => {
  const pairs = fc.sample(
    fc.tuple(name, name).map(([pattern, host]) => ({
      pattern,
      // Often derive the host from the pattern so that matches happen too.
      host: host.length % 2 === 0 ? pattern.replace('*', host.replace(/[.*]/g, '')) : host,
    })),
    { numRuns: 240, seed: Number(process.env.OPENSSL_FUZZ_SEED ?? 20240601) },
  );
  const scenarios = await Promise.all(
    pairs.map(async ({ pattern, host }) => {
      const cert = await makeCert(caSpec({ san: [{ dns: pattern }] }));
      return { leaf: cert, roots: [cert], host };
    }),
  );
  const got = await checkScenarios(scenarios);
  expect(got.length).toBe(pairs.length);
  const matched = got.filter((lines) => lines.length === 0).length;
  expect(matched).toBeGreaterThan(10);
});
