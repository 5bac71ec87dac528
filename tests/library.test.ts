/**
 * The built package, imported the way a user's project imports it: `kube-tls-doctor` from
 * its node_modules, resolved through package.json `exports` to the build's dist/index.js
 * (`npm test` builds it first). It must diagnose the seed certificate exactly as the
 * sources do.
 */
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { renderJson } from '../src/render/json.js';
import { seedReport, SEED_TIME } from './helpers/seed-report.js';

const ROOT = resolve('.');
const CLIENTS = ['go1.5', 'go', 'openssl', 'node'] as const;

const CONSUMER = `
import { readFileSync } from 'node:fs';
import {
  computeSignatureChecks,
  defaultNames,
  diagnose,
  readCertificates,
  renderJson,
  renderText,
} from 'kube-tls-doctor';

const certificates = await readCertificates(readFileSync(process.argv[2]), 'apiserver.crt');
const report = diagnose({
  source: 'apiserver.crt',
  certificates: certificates.map((entry) => entry.facts),
  roots: null,
  names: defaultNames({}),
  clients: ${JSON.stringify(CLIENTS)},
  heapster: null,
  now: new Date(${JSON.stringify(SEED_TIME.toISOString())}),
  signatures: await computeSignatureChecks(certificates),
  toolVersion: '0.0.0-test',
});
process.stdout.write(JSON.stringify({ json: renderJson(report), text: renderText(report) }));
`;

describe('the built package', () => {
  let project: string;

  beforeAll(() => {
    if (!existsSync(join(ROOT, 'dist/index.js')))
      throw new Error('dist/index.js is missing: run `npm run build` (npm test does)');
    project = mkdtempSync(join(tmpdir(), 'kube-tls-doctor-user-'));
    mkdirSync(join(project, 'node_modules'));
    symlinkSync(ROOT, join(project, 'node_modules', 'kube-tls-doctor'), 'dir');
    writeFileSync(join(project, 'package.json'), '{ "type": "module", "private": true }\n');
    writeFileSync(join(project, 'consumer.js'), CONSUMER);
  });

  afterAll(() => {
    if (project) rmSync(project, { recursive: true, force: true });
  });

  test('points main, types and exports at what the builds write', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
      main: string;
      types: string;
      exports: { '.': { types: string; import: string } };
    };
    const build = JSON.parse(readFileSync('tsconfig.build.json', 'utf8')) as {
      compilerOptions: { outDir: string };
    };
    expect(pkg.main).toBe('dist/index.js');
    expect(pkg.exports['.'].import).toBe(`./${pkg.main}`);
    expect(pkg.types).toBe(`${build.compilerOptions.outDir}/index.d.ts`);
    expect(pkg.exports['.'].types).toBe(`./${pkg.types}`);
  });

  test('diagnoses the seed certificate as the sources do', async () => {
    const run = spawnSync(
      process.execPath,
      ['consumer.js', join(ROOT, 'fixtures/seed/apiserver.crt')],
      { cwd: project, encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '' } },
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const out = JSON.parse(run.stdout) as { json: string; text: string };
    const expected = await seedReport(CLIENTS);
    expect(out.json).toBe(renderJson(expected));
    const report = JSON.parse(out.json) as { results: unknown[] };
    expect(report.results.length).toBeGreaterThan(0);
    expect(out.text).toMatch(/^(PASS|FAIL|WARN)/);
  });
});
