/**
 * Regenerates the bundled fixtures with the project's own certificate code.
 *   npm run fixtures
 * fixtures/seed/apiserver.crt reproduces the certificate of the 2015 article: a
 * Kubernetes v1.0.x apiserver that signed itself (row C of src/kube/eras.ts) with
 * CN vm-56-65@1446612345.
 */
import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { buildCertificate, generateKeyPair } from '../src/generate/certificate.js';
import { selfSignedApiserverSpec } from '../src/kube/generate.js';

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
  // Only the certificate is kept: the key is thrown away, as nothing here serves it.
  writeFileSync('fixtures/seed/apiserver.crt', `${cert.toString('pem')}\n`);
  console.log('wrote fixtures/seed/apiserver.crt');
}

await seed();
