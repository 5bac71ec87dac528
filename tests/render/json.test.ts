import { readFileSync } from 'node:fs';
import { renderJson } from '../../src/render/json.js';
import { seedReport } from '../helpers/seed-report.js';

test('the JSON report has every top-level field docs/report-schema.md documents', async () => {
  const json = JSON.parse(renderJson(await seedReport(['go', 'openssl']))) as Record<
    string,
    unknown
  >;
  // Top-level rows of the schema table, except those documented as optional.
  const documented = [
    ...readFileSync('docs/report-schema.md', 'utf8').matchAll(/^\| `(\w+)` \| ([^|]*)\|/gm),
  ]
    .filter((m) => !(m[2] ?? '').includes('optional'))
    .map((m) => m[1]);
  expect(documented.length).toBeGreaterThan(10);
  for (const field of documented) {
    if (field === undefined || /^[a-z]+(-[a-z]+)+$/.test(field)) continue;
    expect(json).toHaveProperty(field);
  }
  expect(json['schemaVersion']).toBe(1);
  expect(json['evaluatedAt']).toBe('2015-11-04T12:00:00.000Z');
  const results = json['results'] as {
    client: string;
    message: string | null;
    nativeCode: unknown;
  }[];
  expect(results.find((r) => r.client === 'openssl' && r.message !== null)?.nativeCode).toBe(62);
});
