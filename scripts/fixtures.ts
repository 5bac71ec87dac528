/**
 * Regenerates the bundled fixtures with the project's own certificate code, then
 * records what the real verifiers say about them.
 *   npm run fixtures
 *   npm run fixtures -- --only kubelet-no-ip-san,proxy-intercepted   (those cause fixtures only)
 *
 * fixtures/seed/apiserver.crt reproduces the certificate of the 2015 article: a
 * Kubernetes v1.0.x apiserver that signed itself (row C of src/kube/eras.ts) with
 * CN vm-56-65@1446612345. Its key is kept beside it (a throwaway test key) so that
 * the Node oracle, and live-handshake tests, can serve it.
 */
import 'reflect-metadata';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import type { X509Certificate } from '@peculiar/x509';
import { buildCertificate, generateKeyPair, type KeyPair } from '../src/generate/certificate.js';
import { selfSignedApiserverSpec } from '../src/generate/apiserver.js';
import { selectRecipes, writeCauseFixtures } from './cause-fixtures.js';
import { clientFlags, keyPem, pem } from './fixture-files.js';
import { recordObservations } from './record-observations.js';
import { INPUTS_DIR, writeInputFixtures } from '../tests/inputs/generate-fixtures.js';
import { TRUST_DIR, writeTrustFixtures } from '../tests/inputs/generate-trust-fixtures.js';

/** The article's apiserver (vm-56-65, 10.10.56.65) signing itself as `row` did at `unixSeconds`. */
async function vm5665(
  row: 'C' | 'D',
  unixSeconds: number,
): Promise<{ cert: X509Certificate; key: KeyPair }> {
  const key = await generateKeyPair();
  const cert = await buildCertificate(
    selfSignedApiserverSpec({
      row,
      cnHost: 'vm-56-65',
      sanHost: '10.10.56.65',
      serviceIp: '10.0.0.1',
      generatedAt: new Date(unixSeconds * 1000),
    }),
    key,
  );
  return { cert, key };
}

async function seed(): Promise<void> {
  const { cert, key } = await vm5665('C', 1446612345);
  mkdirSync('fixtures/seed', { recursive: true });
  writeFileSync('fixtures/seed/apiserver.crt', pem([cert]));
  writeFileSync('fixtures/seed/apiserver.key', await keyPem(key));
  console.log('wrote fixtures/seed/apiserver.crt and apiserver.key');
}

/**
 * fixtures/stale-ca (cause 4 of docs/causes.md): the pods' ca.crt still holds the apiserver's
 * self-signed certificate of an earlier start (vm-56-65@1446612345), while the apiserver,
 * restarted without a persistent --cert-dir, serves a new one (vm-56-65@1446699999).
 * Kubernetes v1.1–v1.2 shape (row D: a CA, regenerated on every start). Fresh keys each time
 * (apiserver.key is the served certificate's throwaway key, for the Node oracle); the README
 * example prints one fingerprint, refreshed with `npm run docs:examples`.
 */
async function staleCa(): Promise<void> {
  const old = await vm5665('D', 1446612345);
  const served = await vm5665('D', 1446699999);
  const dir = 'fixtures/stale-ca';
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${dir}/ca.crt`, pem([old.cert]));
  writeFileSync(`${dir}/served.crt`, pem([served.cert]));
  writeFileSync(`${dir}/apiserver.key`, await keyPem(served.key));
  const args = [
    `${dir}/served.crt`,
    '--ca',
    `${dir}/ca.crt`,
    ...clientFlags('heapster', 'go', 'openssl', 'node'),
    '--at',
    '2016-03-01T00:00:00Z',
  ];
  const scenario = {
    cause: 4,
    title: 'Stale ca.crt after the apiserver regenerated its self-signed certificate',
    runs: [
      {
        args,
        exit: 1,
        errors: ['unknown-authority'],
        findings: ['stale-ca', 'closest-miss', 'self-signed-untrusted'],
      },
    ],
  };
  writeFileSync(`${dir}/scenario.json`, `${JSON.stringify(scenario, null, 2)}\n`);
  writeFileSync(
    `${dir}/README.md`,
    [
      '# Stale ca.crt (cause 4)',
      '',
      "`ca.crt` is the pods' copy of the apiserver's self-signed certificate from one start",
      '(`vm-56-65@1446612345`); `served.crt` is what the apiserver serves after a restart without a',
      'persistent `--cert-dir` (`vm-56-65@1446699999`). Both are Kubernetes v1.1–v1.2 certificates',
      '(their own CA). `apiserver.key` is the throwaway key of `served.crt`.',
      '',
      '```sh',
      `diagnose ${args.join(' ')}`,
      '```',
      '',
      'Written by `npm run fixtures` (scripts/fixtures.ts).',
      '',
    ].join('\n'),
  );
  console.log(`wrote ${dir}`);
}

// Certificates are written when missing, or all of them with --regenerate (fresh keys change
// every byte, and with them the fingerprints the docs show); observations are always re-recorded.
// `--only a,b` writes (when missing, or again with --regenerate) and records only the cause
// fixtures named, leaving every other fixture and its recordings as they are.
const onlyIndex = process.argv.indexOf('--only');
if (onlyIndex !== -1) {
  const names = (process.argv[onlyIndex + 1] ?? '').split(',').filter((name) => name !== '');
  if (names.length === 0)
    throw new Error('--only needs fixture names, e.g. --only kubelet-no-ip-san');
  for (const dir of await writeCauseFixtures(process.argv.includes('--regenerate'), names))
    console.log(`wrote ${dir}`);
  for (const recipe of selectRecipes(names)) await recordObservations(`fixtures/${recipe.name}`);
  process.exit(0);
}
if (process.argv.includes('--trust-only')) {
  // Only the trust objects (tests/inputs/generate-trust-fixtures.ts); nothing is recorded for them.
  await writeTrustFixtures();
  process.exit(0);
}
if (!process.argv.includes('--observations-only')) {
  if (process.argv.includes('--regenerate') || !existsSync('fixtures/seed/apiserver.crt'))
    await seed();
  if (process.argv.includes('--regenerate') || !existsSync('fixtures/stale-ca/served.crt'))
    await staleCa();
  for (const dir of await writeCauseFixtures(process.argv.includes('--regenerate')))
    console.log(`wrote ${dir}`);
  // Secrets, kubeconfigs and service-account dirs (tests/inputs/generate-fixtures.ts).
  if (process.argv.includes('--regenerate') || !existsSync(INPUTS_DIR)) await writeInputFixtures();
  // Webhook configurations, APIServices, ConfigMaps, kubeadm directories.
  if (process.argv.includes('--regenerate') || !existsSync(TRUST_DIR)) await writeTrustFixtures();
}
await recordObservations('fixtures/seed', new Date('2015-11-04T12:00:00Z'));
for (const recipe of selectRecipes(null)) await recordObservations(`fixtures/${recipe.name}`);
await recordObservations('fixtures/stale-ca');
