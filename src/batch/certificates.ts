/**
 * An item's bytes → its certificates' facts and the signature checks between them
 * (and the --ca anchors), by the same code as a single `diagnose` run
 * (src/facts/certificate.ts, src/verify/signatures.ts): the DER reader, the full parser
 * only for what it declines, node:crypto signatures checked only when a profile asks.
 * Errors and facts are the single run's.
 */
import { readCertificates, type Certificate } from '../facts/certificate.js';
import type { CertFacts } from '../facts/types.js';
import { computeSignatureChecks, type SignatureChecks } from '../verify/signatures.js';

export interface Parsed {
  readonly certificates: readonly CertFacts[];
  readonly signatures: SignatureChecks;
}

/** Trust anchors from --ca, read once per thread. */
export interface Anchors {
  readonly facts: readonly CertFacts[];
  readonly certificates: readonly Certificate[];
}

export async function parseAnchors(
  inputs: readonly { readonly bytes: Uint8Array; readonly source: string }[],
): Promise<Anchors> {
  const certificates: Certificate[] = [];
  for (const input of inputs) {
    certificates.push(...(await readCertificates(input.bytes, input.source)));
  }
  return { facts: certificates.map((cert) => cert.facts), certificates };
}

export async function parseItem(
  bytes: Uint8Array,
  source: string,
  anchors: Anchors | null,
): Promise<Parsed> {
  const certificates = await readCertificates(bytes, source);
  return {
    certificates: certificates.map((cert) => cert.facts),
    signatures: await computeSignatureChecks([...certificates, ...(anchors?.certificates ?? [])]),
  };
}
