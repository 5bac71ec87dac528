/**
 * Test-side certificate factory: spec → PEM, key, parsed facts and a ready VerifyInput.
 * Keys are cached per algorithm so a few hundred certificates build in seconds.
 */
import { X509Certificate } from '@peculiar/x509';
import { extractFacts } from '../../src/facts/extract.js';
import type { CertFacts } from '../../src/facts/types.js';
import {
  buildCertificate,
  ECDSA_P256,
  generateKeyPair,
  RSA_2048,
  type CertificateSpec,
  type KeyPair,
} from '../../src/generate/certificate.js';
import { computeSignatureChecks } from '../../src/verify/signatures.js';
import type { VerifyInput } from '../../src/verify/types.js';

export interface MadeCert {
  readonly pem: string;
  readonly keyPem: string;
  readonly der: Uint8Array;
  readonly cert: X509Certificate;
  readonly facts: CertFacts;
  readonly key: KeyPair;
}

const keys = new Map<string, Promise<KeyPair>>();

/** One cached key per label: tests that need distinct keys pass distinct labels. */
export function testKey(label = 'default', algorithm: 'ec' | 'rsa' = 'ec'): Promise<KeyPair> {
  const id = `${algorithm}:${label}`;
  let key = keys.get(id);
  if (!key) {
    key = generateKeyPair(algorithm === 'rsa' ? RSA_2048 : ECDSA_P256);
    keys.set(id, key);
  }
  return key;
}

export async function makeCert(
  spec: CertificateSpec,
  key?: KeyPair,
  signer?: KeyPair,
  index = 0,
): Promise<MadeCert> {
  const subjectKey = key ?? (await testKey());
  const built = await buildCertificate(spec, subjectKey, signer ?? subjectKey);
  const der = new Uint8Array(built.rawData);
  const cert = new X509Certificate(built.rawData);
  const pkcs8 = await crypto.subtle.exportKey('pkcs8', subjectKey.privateKey);
  return {
    pem: built.toString('pem') + '\n',
    keyPem: toPem('PRIVATE KEY', new Uint8Array(pkcs8)),
    der,
    cert,
    facts: await extractFacts(cert, index),
    key: subjectKey,
  };
}

export function toPem(label: string, der: Uint8Array): string {
  const body = Buffer.from(der)
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .replace(/\n$/, '');
  return `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`;
}

/** The self-trust model (no --ca): the served certificate is its own (only) trust anchor. */
export async function selfTrustInput(
  made: MadeCert,
  host: string,
  now: Date,
): Promise<VerifyInput> {
  return {
    leaf: made.facts,
    intermediates: [],
    roots: [made.facts],
    host,
    now,
    signatures: await computeSignatureChecks([{ facts: made.facts, cert: made.cert }]),
  };
}
