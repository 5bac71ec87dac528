/**
 * Test-side certificate factory: spec → PEM, key, facts and a ready VerifyInput. The facts
 * come from the reader every run uses (src/facts/certificate.ts readCertificates, on the
 * DER), so a test sees a certificate exactly as the CLI would. Keys come from the run's
 * shared pool (tests/helpers/key-pool.ts), cached here per label for this file.
 */
import type { X509Certificate } from '@peculiar/x509';
import { readCertificates, type Certificate } from '../../src/facts/certificate.js';
import type { CertFacts } from '../../src/facts/types.js';
import {
  buildCertificate,
  type CertificateSpec,
  type KeyPair,
} from '../../src/generate/certificate.js';
import { computeSignatureChecks } from '../../src/verify/signatures.js';
import type { VerifyInput } from '../../src/verify/types.js';
import { pooledKey, type TestKeyAlgorithm } from './key-pool.js';

export interface MadeCert {
  readonly pem: string;
  readonly keyPem: string;
  readonly der: Uint8Array;
  /** The generator's own object, for tests that inspect what was built. */
  readonly cert: X509Certificate;
  /** What the production reader made of the DER: what signature checks and runs take. */
  readonly read: Certificate;
  readonly facts: CertFacts;
  readonly key: KeyPair;
}

const keys = new Map<string, Promise<KeyPair>>();

/** One key per label: tests that need distinct keys pass distinct labels. */
export function testKey(label = 'default', algorithm: TestKeyAlgorithm = 'ec'): Promise<KeyPair> {
  const id = `${algorithm}:${label}`;
  let key = keys.get(id);
  if (!key) {
    key = pooledKey(label, algorithm);
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
  return madeFrom(built, subjectKey, index);
}

/** A certificate a test encoded itself, for `subjectKey`, read by the production reader. */
export async function madeFrom(
  built: X509Certificate,
  subjectKey: KeyPair,
  index = 0,
): Promise<MadeCert> {
  const der = new Uint8Array(built.rawData);
  const [read] = await readCertificates(der, `test certificate ${built.subject}`, index);
  if (!read) throw new Error(`the reader found no certificate in ${built.subject}'s DER`);
  const pkcs8 = await crypto.subtle.exportKey('pkcs8', subjectKey.privateKey);
  return {
    pem: built.toString('pem') + '\n',
    keyPem: toPem('PRIVATE KEY', new Uint8Array(pkcs8)),
    der,
    cert: built,
    read,
    facts: read.facts,
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
    signatures: await computeSignatureChecks([made.read]),
  };
}
