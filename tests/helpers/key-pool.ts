/**
 * Test keys shared by every test file of one jest run. jest runs each file in its own
 * module registry (and files in several worker processes), so an in-memory cache alone
 * made each file pay for its own RSA generation. scripts/jest-global-setup.js makes a fresh
 * directory per run; the first file to ask for a label generates the key and publishes it
 * there (written aside, then hard-linked into place, so a reader never sees half a file and
 * two files racing for one label end up with the same key); every later file imports it.
 * Keys are fresh each run, never committed, and used for nothing but these tests.
 * Without the directory (a helper used outside jest), keys are generated in memory.
 */
import { randomBytes } from 'node:crypto';
import { linkSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ECDSA_P256,
  generateKeyPair,
  RSA_2048,
  type KeyPair,
} from '../../src/generate/certificate.js';

/** Set by scripts/jest-global-setup.js for the length of one run. */
export const KEY_POOL_ENV = 'KUBE_TLS_DOCTOR_TEST_KEYS';

export type TestKeyAlgorithm = 'ec' | 'rsa';

const PARAMS = { rsa: RSA_2048, ec: ECDSA_P256 } as const;

/** The key for `label`, from this run's pool, generating and publishing it if it is new. */
export async function pooledKey(label: string, algorithm: TestKeyAlgorithm): Promise<KeyPair> {
  const dir = process.env[KEY_POOL_ENV];
  if (!dir) return generateKeyPair(PARAMS[algorithm]);
  const file = join(dir, `${algorithm}-${Buffer.from(label).toString('base64url')}.json`);
  const stored = readStored(file);
  if (stored !== null) return importPair(stored, algorithm);
  const key = await generateKeyPair(PARAMS[algorithm]);
  const exported: Stored = {
    pkcs8: Buffer.from(await crypto.subtle.exportKey('pkcs8', key.privateKey)).toString('base64'),
    spki: Buffer.from(await crypto.subtle.exportKey('spki', key.publicKey)).toString('base64'),
  };
  const aside = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(aside, JSON.stringify(exported));
  try {
    linkSync(aside, file);
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    // Another file published this label first: use its key, so the label means one key.
    return importPair(readStored(file) as Stored, algorithm);
  } finally {
    unlinkSync(aside);
  }
}

interface Stored {
  readonly pkcs8: string;
  readonly spki: string;
}

function readStored(file: string): Stored | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Stored;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

async function importPair(stored: Stored, algorithm: TestKeyAlgorithm): Promise<KeyPair> {
  const params = PARAMS[algorithm];
  const [privateKey, publicKey] = await Promise.all([
    crypto.subtle.importKey('pkcs8', Buffer.from(stored.pkcs8, 'base64'), params, true, ['sign']),
    crypto.subtle.importKey('spki', Buffer.from(stored.spki, 'base64'), params, true, ['verify']),
  ]);
  return { privateKey, publicKey };
}
