import { buildCorpus, corpusCases } from './corpus.js';

test('the differential corpus has at least 150 certificate × name cases', () => {
  const cases = corpusCases(buildCorpus(new Date('2026-01-01T00:00:00Z')));
  expect(cases.length).toBeGreaterThanOrEqual(150);
  expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
});
