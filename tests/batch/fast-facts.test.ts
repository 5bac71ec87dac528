/**
 * The batch fast path must build exactly the CertFacts src/facts/extract.ts builds,
 * or decline. Compared over the benchmark corpus (every kind it makes), certificates
 * from the shared generator with the shapes the verifiers care about, and the seed.
 */
import { readFileSync } from 'node:fs';
import { X509Certificate } from '@peculiar/x509';
import { makeCorpus } from '../../bench/generate.js';
import { toArrayBuffer } from '../../src/bytes.js';
import { fastCertificate } from '../../src/batch/fast-facts.js';
import { parseItem } from '../../src/batch/certificates.js';
import { extractFacts } from '../../src/facts/extract.js';
import { certificatesFrom } from '../../src/inputs/index.js';
import { decodeBase64, scanPem } from '../../src/load/pem.js';
import { makeCert, testKey } from '../helpers/certs.js';

const NOW = new Date('2025-06-01T00:00:00Z');
const YEAR = 365 * 24 * 60 * 60 * 1000;

function ders(pem: string): Uint8Array[] {
  return scanPem(pem).blocks.map((block) => decodeBase64(block.body) as Uint8Array);
}

/** Dates and all, as plain data. */
function plain(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}

async function expectSameFacts(der: Uint8Array, index = 0): Promise<'fast' | 'declined'> {
  const fast = fastCertificate(der, index);
  if (!fast) return 'declined';
  const full = await extractFacts(new X509Certificate(toArrayBuffer(der)), index);
  expect(plain(fast.facts)).toEqual(plain(full));
  expect(fast.facts.notBefore.getTime()).toBe(full.notBefore.getTime());
  return 'fast';
}

describe('fastCertificate equals extractFacts', () => {
  test('on the benchmark corpus: every kind of certificate it makes', async () => {
    const corpus = makeCorpus();
    const seen: string[] = [];
    for (const der of ders(corpus.caPem)) seen.push(await expectSameFacts(der));
    for (let i = 0; i < 60; i++) {
      for (const der of ders(corpus.pem(i))) seen.push(await expectSameFacts(der));
    }
    expect(seen.every((path) => path === 'fast')).toBe(true);
  });

  test('on the seed certificate (RSA, Kubernetes v1.0.x self-signed)', async () => {
    const [der] = ders(readFileSync('fixtures/seed/apiserver.crt', 'latin1'));
    expect(await expectSameFacts(der as Uint8Array)).toBe('fast');
  });

  test('on certificates from the shared generator: RSA, SHA-1, CA, IPv6, odd SANs, key ids', async () => {
    const rsa = await testKey('batch-rsa', 'rsa');
    const ec = await testKey('batch-ec');
    const base = {
      serialHex: '00ff01',
      notBefore: new Date(NOW.getTime() - YEAR),
      notAfter: new Date(NOW.getTime() + YEAR),
    };
    const specs = [
      {
        ...base,
        subject: 'CN=vm-56-65@1446612345',
        san: [{ dns: 'kubernetes' }, { ip: '10.0.0.1' }],
      },
      { ...base, subject: 'CN=a,O=system:masters', san: [{ ip: '::1' }, { ipBytes: [10, 0, 0] }] },
      {
        ...base,
        subject: 'CN=ca',
        basicConstraints: { ca: true, pathLen: 2, critical: true },
        keyUsage: ['keyCertSign', 'cRLSign', 'digitalSignature'] as const,
        keyIds: true,
      },
      {
        ...base,
        subject: 'CN=sha1',
        hash: 'SHA-1' as const,
        extKeyUsage: ['serverAuth', '1.2.3.4'],
      },
      { ...base, subject: 'CN=no-san,OU=x+L=y', keyUsage: ['decipherOnly'] as const },
      {
        ...base,
        subject: 'CN=*.example.com',
        san: [{ dns: '*.example.com' }, { uri: 'spiffe://x' }, { email: 'a@b' }],
      },
    ];
    const paths: string[] = [];
    for (const [i, spec] of specs.entries()) {
      for (const key of [rsa, ec]) {
        const made = await makeCert(spec, key, i % 2 === 0 ? key : rsa);
        paths.push(await expectSameFacts(made.der, i));
      }
    }
    expect(paths.filter((path) => path === 'fast').length).toBe(paths.length);
  });
});

describe('what the fast path declines still gets the full parser', () => {
  test('a truncated or non-DER input is declined, never misread', () => {
    const [der] = ders(makeCorpus().caPem);
    const bytes = der as Uint8Array;
    expect(fastCertificate(bytes.subarray(0, bytes.length - 1), 0)).toBeNull();
    const nonMinimal = new Uint8Array([0x30, 0x81, 0x03, 0x02, 0x01, 0x00]);
    expect(fastCertificate(nonMinimal, 0)).toBeNull();
  });

  test('parseItem gives the facts and the InputError a single run gives', async () => {
    const pem = makeCorpus().pem(1);
    const item = await parseItem(new Uint8Array(Buffer.from(pem)), 'x.pem', null);
    const single = await certificatesFrom(new Uint8Array(Buffer.from(pem)), 'x.pem');
    expect(plain(item.certificates)).toEqual(plain(single.map((entry) => entry.facts)));

    const broken = `-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n`;
    const bytes = new Uint8Array(Buffer.from(broken));
    const expected = await certificatesFrom(bytes, 'bad.pem').catch(
      (error: Error) => error.message,
    );
    await expect(parseItem(bytes, 'bad.pem', null)).rejects.toThrow(expected as string);
  });
});
