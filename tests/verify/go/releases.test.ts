/**
 * Every Go release, proven: the recorded answers of the real crypto/x509 of each release
 * (fixtures/go-releases) replayed through the profile `--client <release>` resolves to.
 * Same verdict and byte-identical message on every case, no tolerance.
 */
import { verifyGo } from '../../../src/verify/go/index.js';
import { resolveGoRelease } from '../../../src/verify/go/releases.js';
import {
  expectedMessage,
  prepareReleaseCases,
  releaseAnswers,
  releaseCases,
  releaseFiles,
  type PreparedCase,
} from './releases.js';

const FILES = releaseFiles();

let prepared: PreparedCase[] = [];
beforeAll(async () => {
  prepared = await prepareReleaseCases();
});

test('the corpus covers Go 1.4 to 1.23 and every file answers every case', () => {
  expect(FILES.length).toBeGreaterThanOrEqual(30);
  expect(FILES[0]?.first).toBe('go1.4');
  const cases = releaseCases();
  expect(cases.length).toBeGreaterThanOrEqual(379);
  for (const { file } of FILES) {
    expect(releaseAnswers(file).map((answer) => answer.id)).toEqual(cases.map((c) => c.id));
  }
});

describe.each(FILES)('real $file ($first to $last)', ({ file, first, last }) => {
  test('the first and last release of the range resolve to the same profile', () => {
    expect(resolveGoRelease(last).era.id).toBe(resolveGoRelease(first).era.id);
  });

  test('the profile gives the same verdict and message on every case', () => {
    const era = resolveGoRelease(first).era;
    const mismatches = releaseAnswers(file).flatMap((answer, index) => {
      const verdict = verifyGo((prepared[index] as PreparedCase).input, era);
      const want = expectedMessage(answer);
      return verdict.ok === answer.ok && verdict.message === want
        ? []
        : [
            `#${answer.n} ${answer.id}\n  real: ${want ?? 'ok'}\n  ${era.id}: ${verdict.message ?? 'ok'}`,
          ];
    });
    expect(mismatches).toEqual([]);
  });
});
