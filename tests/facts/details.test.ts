/**
 * Encoding details (src/facts/details.ts): present exactly on the certificates that have the
 * oddity, so ordinary facts (and reports) do not change.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCertificates } from '../../src/facts/certificate.js';
import type { CertFacts } from '../../src/facts/types.js';

async function factsOf(file: string): Promise<CertFacts> {
  const [cert] = await readCertificates(readFileSync(join('fixtures', file)), file);
  if (!cert) throw new Error(`${file}: no certificate`);
  return cert.facts;
}

test.each([
  [
    'go-parse/mismatching-signature-algorithm.pem',
    { signatureAlgorithmMismatch: true, malformedExtensions: [] },
  ],
  [
    'go-parse/malformed-aia.pem',
    { signatureAlgorithmMismatch: false, malformedExtensions: ['1.3.6.1.5.5.7.1.1'] },
  ],
  [
    'go-parse/explicit-curve.pem',
    { signatureAlgorithmMismatch: false, malformedExtensions: [], ecNamedCurve: null },
  ],
  [
    'go-parse/p192-key.pem',
    {
      signatureAlgorithmMismatch: false,
      malformedExtensions: [],
      ecNamedCurve: '1.2.840.10045.3.1.1',
    },
  ],
])('%s has its encoding details', async (file, details) => {
  expect((await factsOf(file)).encodingDetails).toEqual(details);
});

test.each([
  'seed/apiserver.crt',
  'go-parse/negative-serial.pem',
  'go-parse/duplicate-extensions.pem',
  'go-parse/emoji-dns-san.pem',
])('%s has none', async (file) => {
  expect('encodingDetails' in (await factsOf(file))).toBe(false);
});

test('a duplicated extension is an extension detail, in the order met', async () => {
  const facts = await factsOf('go-parse/duplicate-extensions.pem');
  expect(facts.extensionDetails?.duplicateExtensions).toEqual(['2.5.29.17']);
});
