/**
 * Inputs: what the user names on the command line (a file, `-`) turned into
 * certificates with facts. The CLI reads the bytes; this decides what they are.
 * Certificates are read by src/facts/certificate.ts: the DER reader, and the full
 * parser for what it declines.
 */
import { readCertificates, type Certificate } from '../facts/certificate.js';

export type CertificateWithFacts = Certificate;

/** Certificates from one input's bytes, with facts; `firstIndex` numbers them within a larger list. */
export function certificatesFrom(
  bytes: Uint8Array,
  source: string,
  firstIndex = 0,
): Promise<CertificateWithFacts[]> {
  return readCertificates(bytes, source, firstIndex);
}
