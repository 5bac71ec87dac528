/**
 * One reader for every run: each certificate is read by the DER reader
 * (src/facts/read.ts) and only what it declines by the full parser (src/facts/full.ts),
 * which is then loaded — with reflect-metadata first, which @peculiar/x509's tsyringe
 * needs before it is evaluated.
 */
import { defaultLoadLimits, splitCertificates } from '../load/split.js';
import type * as Full from './full.js';
import type { FullCertificate } from './full.js';
import { readCertificate, type ReadCertificate } from './read.js';

let loading: Promise<typeof Full> | undefined;

/** The full parser's module, loaded on first use. */
export function fullParser(): Promise<typeof Full> {
  loading ??= import('reflect-metadata').then(() => import('./full.js'));
  return loading;
}

/** A certificate either reader read; `cert` when it was the full parser. */
export type Certificate = ReadCertificate | FullCertificate;

/**
 * Certificates from one input's bytes (src/load/split.ts frames them), with facts;
 * `firstIndex` numbers them within a larger list. Input problems are InputErrors
 * naming `source`, worded as the full parser words them.
 */
export async function readCertificates(
  bytes: Uint8Array,
  source: string,
  firstIndex = 0,
): Promise<Certificate[]> {
  const ders = splitCertificates(bytes, source);
  const read = ders.map((der, position) => readCertificate(der, firstIndex + position));
  if (read.every((cert) => cert !== null)) return read;
  const { fullCertificate, parseCertificate } = await fullParser();
  // Every certificate parsed before any is judged, so that a structural problem is
  // reported before a field's, whichever certificate holds it.
  const parsed = ders.map((der, position) =>
    read[position] ? null : parseCertificate(der, source, position, ders.length, defaultLoadLimits),
  );
  const certificates: Certificate[] = [];
  for (const [position, der] of ders.entries()) {
    const cert = parsed[position];
    certificates.push(
      cert
        ? await fullCertificate(cert, der, source, position, ders.length, firstIndex + position)
        : (read[position] as ReadCertificate),
    );
  }
  return certificates;
}
