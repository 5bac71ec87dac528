/**
 * Every fixture path as the certificate and as --ca, in every format: no secret in any
 * output; part 3 of 3 of the paths (tests/robustness/fixture-scan.ts).
 */
import { dials, fixtureLeaks } from './fixture-scan.js';

test("fixtures, part 3 of 3: no secret in any output, no dial but a kubeconfig's", async () => {
  expect(await fixtureLeaks(2, 3)).toEqual([]);
  expect(dials.filter((dial) => !/(kubeconfig[^/]*\.yaml|\.conf) →/.test(dial))).toEqual([]);
}, 600_000);
