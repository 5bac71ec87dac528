/**
 * What every fixture recipe (scripts/fixtures.ts, scripts/cause-fixtures.ts) writes the same
 * way: certificates as PEM, the throwaway key as PKCS#8 PEM, and command lines that name
 * several client profiles.
 */
import type { X509Certificate } from '@peculiar/x509';
import type { KeyPair } from '../src/generate/certificate.js';

/** Certificates as concatenated PEM blocks, each ending in a newline. */
export function pem(certs: readonly X509Certificate[]): string {
  return certs.map((cert) => `${cert.toString('pem')}\n`).join('');
}

/** The private key as `openssl pkcs8` writes it: 64 base64 characters a line. */
export async function keyPem(key: KeyPair): Promise<string> {
  const der = Buffer.from(await crypto.subtle.exportKey('pkcs8', key.privateKey)).toString(
    'base64',
  );
  return `-----BEGIN PRIVATE KEY-----\n${der.replace(/(.{64})/g, '$1\n').replace(/\n$/, '')}\n-----END PRIVATE KEY-----\n`;
}

/** `--client a --client b …`, the first deciding the verdict. */
export function clientFlags(...clients: readonly string[]): string[] {
  return clients.flatMap((client) => ['--client', client]);
}
