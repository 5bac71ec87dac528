/**
 * Regenerates the bundled fixtures with the project's own certificate code, then
 * records what the real verifiers say about them.
 *   npm run fixtures
 *
 * fixtures/seed/apiserver.crt reproduces the certificate of the 2015 article: a
 * Kubernetes v1.0.x apiserver that signed itself (row C of src/kube/eras.ts) with
 * CN vm-56-65@1446612345. Its key is kept beside it (a throwaway test key) so that
 * the Node oracle, and live-handshake tests, can serve it.
 */
import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { buildCertificate, generateKeyPair } from '../src/generate/certificate.js';
import { selfSignedApiserverSpec } from '../src/kube/generate.js';
import { recordObservations } from './record-observations.js';

const SEED_TIME = new Date(1446612345 * 1000);

async function seed(): Promise<void> {
  const key = await generateKeyPair();
  const cert = await buildCertificate(
    selfSignedApiserverSpec({
      row: 'C',
      cnHost: 'vm-56-65',
      sanHost: '10.10.56.65',
      serviceIp: '10.0.0.1',
      generatedAt: SEED_TIME,
    }),
    key,
  );
  mkdirSync('fixtures/seed', { recursive: true });
  writeFileSync('fixtures/seed/apiserver.crt', `${cert.toString('pem')}\n`);
  const pkcs8 = Buffer.from(await crypto.subtle.exportKey('pkcs8', key.privateKey)).toString(
    'base64',
  );
  const body = pkcs8.replace(/(.{64})/g, '$1\n').replace(/\n$/, '');
  writeFileSync(
    'fixtures/seed/apiserver.key',
    `-----BEGIN PRIVATE KEY-----\n${body}\n-----END PRIVATE KEY-----\n`,
  );
  console.log('wrote fixtures/seed/apiserver.crt and apiserver.key');
}

if (!process.argv.includes('--observations-only')) await seed();
await recordObservations('fixtures/seed', new Date('2015-11-04T12:00:00Z'));
