/**
 * No output holds a secret: every file and directory under fixtures/ is diagnosed (as the
 * certificate, and as --ca), in every format (secrets-fixtures-*.test.ts, in three parts),
 * and so is every case of the malformed corpus; stdout and stderr are scanned for key and token markers and for pieces of the
 * actual key and token values found in the fixtures. The scan itself is checked first, so
 * a broken scanner cannot pass silently.
 */
import { readFileSync } from 'node:fs';
import { buildCorpus } from './corpus.js';
import { diagnose, files, publicText, RENDERERS, SEED, secrets, texts } from './fixture-scan.js';
import { runCase } from './harness.js';
import { collectPublic, collectSecrets, leaks } from './secrets.js';

test('the scan finds what it must: the fixtures hold keys and tokens, and a leak is caught', () => {
  expect(files.length).toBeGreaterThan(10);
  const keyFiles = texts.filter((text) => /PRIVATE KEY-----/.test(text));
  expect(keyFiles.length).toBeGreaterThan(0);
  expect(secrets.length).toBeGreaterThanOrEqual(keyFiles.length * 2);
  // Tokens in clear (a service-account token file) and inside a Secret's base64 data.
  expect(secrets.some((secret) => secret.startsWith('eyJ'))).toBe(true);
  expect(secrets.some((secret) => secret.startsWith('ZXlK'))).toBe(true);
  const seedKey = readFileSync('fixtures/seed/apiserver.key', 'utf8');
  expect(leaks(`report\n${seedKey}`, secrets, publicText).length).toBeGreaterThan(0);
  // A key body without its armour, re-wrapped: still caught through the known values.
  const body = seedKey.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
  expect(leaks(body.slice(100, 200), secrets, publicText)).not.toEqual([]);
  expect(leaks('token: eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln')).not.toEqual([]);
  expect(leaks('server https://admin:S3cret@10.0.0.1:6443;')).not.toEqual([]);
  expect(leaks('--source=kubernetes:https://admin@kubernetes.default')).not.toEqual([]);
  expect(texts.some((text) => text.includes('https://admin:S3cret-userinfo@'))).toBe(true);
  // The seed certificate's own report is clean (its public key is not a secret).
  expect(leaks(readFileSync(SEED, 'utf8'), secrets, publicText)).toEqual([]);
});

test('every corpus case, in every format: no secret in any output', async () => {
  const corpus = await buildCorpus();
  const corpusSecrets = [
    ...new Set(
      corpus.flatMap((entry) =>
        Object.values(entry.files).flatMap((bytes) =>
          collectSecrets(Buffer.from(bytes).toString('latin1')),
        ),
      ),
    ),
  ];
  expect(corpusSecrets.length).toBeGreaterThan(0);
  const corpusPublic = corpus
    .flatMap((entry) =>
      Object.values(entry.files).map((bytes) =>
        collectPublic(Buffer.from(bytes).toString('latin1')),
      ),
    )
    .join('\n');
  const found: string[] = [];
  for (const entry of corpus) {
    if (entry.id.startsWith('sans-10000')) continue; // big and key-free; covered by corpus.test.ts
    for (const format of RENDERERS) {
      const outcome = await runCase([...entry.argv, '--format', format], entry.files);
      for (const leak of leaks(outcome.stdout + outcome.stderr, corpusSecrets, corpusPublic))
        found.push(`${entry.id} (${format}): ${leak}`);
    }
  }
  expect(found).toEqual([]);
});

test('userinfo in a URL never reaches an output: kubeconfig server, --source, endpoint', async () => {
  const found: string[] = [];
  const kubeconfigs = files.filter((file) => /kubeconfig[^/]*\.yaml$/.test(file));
  expect(kubeconfigs).toContain('fixtures/inputs/kubeconfig-userinfo.yaml');
  const runs: string[][] = [
    ...kubeconfigs.map((file) => [SEED, '--kubeconfig', file]),
    ['fixtures/inputs/kubeconfig-userinfo.yaml'],
    [
      SEED,
      '--heapster-version',
      'v0.18',
      '--source',
      'kubernetes:https://admin:P4ss@kubernetes.default?inClusterConfig=false',
    ],
    [SEED, '--heapster-version', 'v0.18', '--source', 'kubernetes:https://admin:P4ss@not a url'],
    [SEED, '--heapster-version', 'v1.6', '--source', 'nope:https://admin:P4ss@x'],
    ['https://admin:P4ss@127.0.0.1:6443'],
    ['https://admin:P4ss@not a host:1'],
  ];
  for (const argv of runs) {
    for (const format of RENDERERS) {
      for (const redact of [[], ['--redact']]) {
        const output = await diagnose([...argv, '--format', format, ...redact]);
        for (const leak of leaks(output)) found.push(`${argv.join(' ')} (${format}): ${leak}`);
        if (/S3cret|P4ss/.test(output)) found.push(`${argv.join(' ')} (${format}): the password`);
      }
    }
  }
  expect(found).toEqual([]);
});
