/**
 * An item's bytes → its certificates' facts and the signature checks between them
 * (and the --ca anchors). The fast path (src/batch/fast-facts.ts) handles what it
 * can; anything it declines, or any input problem, goes through the same code as a
 * single `diagnose` run (src/inputs, src/verify/signatures.ts), so errors and facts
 * are the single run's.
 */
import type { CertFacts } from '../facts/types.js';
import type { CertificateWithFacts, certificatesFrom } from '../inputs/index.js';
import { looksLikeDer, splitDer } from '../load/der.js';
import { CERTIFICATE_LABELS, containsPem, decodeBase64, scanPem } from '../load/pem.js';
import type { computeSignatureChecks, SignatureChecks } from '../verify/signatures.js';
import { fastCertificate, signatureVerifies, type FastCertificate } from './fast-facts.js';

export interface Parsed {
  readonly certificates: readonly CertFacts[];
  readonly signatures: SignatureChecks;
}

/** Trust anchors from --ca, parsed once per thread. */
export interface Anchors {
  readonly facts: readonly CertFacts[];
  /** Null when an anchor needs the full parser: then every item does. */
  readonly fast: readonly FastCertificate[] | null;
  /** The anchors as the full parser sees them, made when an item first needs it. */
  readonly full: () => Promise<readonly CertificateWithFacts[]>;
}

/**
 * Fast path items hold a handful of certificates; larger bundles (and anything past
 * src/load's own limit) are left to the full parser, which enforces that limit.
 */
const FAST_MAX_CERTIFICATES = 64;

/**
 * The single-run parser and signature checks, loaded only when needed: they bring
 * @peculiar/x509, asn1js and tsyringe, which a batch of ordinary certificates never
 * loads (reflect-metadata first: tsyringe refuses to load without it).
 */
async function fullParser(): Promise<{
  certificatesFrom: typeof certificatesFrom;
  computeSignatureChecks: typeof computeSignatureChecks;
}> {
  await import('reflect-metadata');
  const [inputs, signatures] = await Promise.all([
    import('../inputs/index.js'),
    import('../verify/signatures.js'),
  ]);
  return {
    certificatesFrom: inputs.certificatesFrom,
    computeSignatureChecks: signatures.computeSignatureChecks,
  };
}

export async function parseAnchors(
  inputs: readonly { readonly bytes: Uint8Array; readonly source: string }[],
): Promise<Anchors> {
  let fullAnchors: Promise<CertificateWithFacts[]> | undefined;
  const full = (): Promise<CertificateWithFacts[]> =>
    (fullAnchors ??= (async () => {
      const { certificatesFrom } = await fullParser();
      const all: CertificateWithFacts[] = [];
      for (const input of inputs) all.push(...(await certificatesFrom(input.bytes, input.source)));
      return all;
    })());
  const fast: FastCertificate[] = [];
  for (const input of inputs) {
    const parsed = fastItem(input.bytes);
    if (!parsed) {
      const entries = await full();
      return { facts: entries.map((entry) => entry.facts), fast: null, full };
    }
    fast.push(...parsed);
  }
  return { facts: fast.map((cert) => cert.facts), fast, full };
}

export async function parseItem(
  bytes: Uint8Array,
  source: string,
  anchors: Anchors | null,
): Promise<Parsed> {
  const fast = anchors === null || anchors.fast !== null ? fastItem(bytes) : null;
  if (fast) {
    return {
      certificates: fast.map((cert) => cert.facts),
      signatures: lazySignatures([...fast, ...(anchors?.fast ?? [])]),
    };
  }
  const { certificatesFrom, computeSignatureChecks } = await fullParser();
  const certificates = await certificatesFrom(bytes, source);
  return {
    certificates: certificates.map((entry) => entry.facts),
    signatures: await computeSignatureChecks([
      ...certificates,
      ...(anchors ? await anchors.full() : []),
    ]),
  };
}

/** DER pieces the way src/load splits them, or null for anything but the plain cases. */
function fastItem(bytes: Uint8Array): FastCertificate[] | null {
  let ders: Uint8Array[];
  if (bytes.length === 0) return null;
  if (looksLikeDer(bytes)) {
    const pieces = splitDer(bytes);
    if (typeof pieces === 'string') return null;
    ders = pieces;
  } else {
    const text = Buffer.from(bytes).toString('latin1');
    if (!containsPem(text)) return null;
    const scan = scanPem(text);
    if (scan.unterminated === 'CERTIFICATE') return null;
    const blocks = scan.blocks.filter((block) => CERTIFICATE_LABELS.has(block.label));
    if (blocks.length === 0 || blocks.length > FAST_MAX_CERTIFICATES) return null;
    const certs: FastCertificate[] = [];
    for (const [index, block] of blocks.entries()) {
      const cert = cached(block.body, index, () => {
        const der = decodeBase64(block.body);
        if (!der) return null;
        const pieces = splitDer(der);
        return typeof pieces === 'string' || pieces.length !== 1 ? null : der;
      });
      if (!cert) return null;
      certs.push(cert);
    }
    return certs;
  }
  if (ders.length === 0 || ders.length > FAST_MAX_CERTIFICATES) return null;
  const certs: FastCertificate[] = [];
  for (const [index, der] of ders.entries()) {
    const cert = cached(Buffer.from(der).toString('base64'), index, () => der);
    if (!cert) return null;
    certs.push(cert);
  }
  return certs;
}

/**
 * Recently seen certificates by encoding. A cluster repeats a few certificates
 * thousands of times — the cluster CA in every service account's ca.crt, an issuer
 * in every chain — so each is parsed and its self-signature checked once. Facts are
 * pure functions of the DER; the bound keeps memory flat.
 */
const recent = new Map<string, FastCertificate | null>();
const RECENT_LIMIT = 1024;

function cached(key: string, index: number, der: () => Uint8Array | null): FastCertificate | null {
  let cert = recent.get(key);
  if (cert === undefined) {
    const bytes = der();
    cert = bytes ? fastCertificate(bytes, index) : null;
    if (recent.size >= RECENT_LIMIT) recent.clear();
    recent.set(key, cert);
  }
  if (cert === null || cert.facts.index === index) return cert;
  return { ...cert, facts: { ...cert.facts, index } };
}

/**
 * The answers src/verify/signatures.ts precomputes, computed on first use instead:
 * only (child, parent) pairs a client could try — parent subject = child issuer, or
 * matching key identifiers — are ever true.
 */
function lazySignatures(certs: readonly FastCertificate[]): SignatureChecks {
  const byFingerprint = new Map(certs.map((cert) => [cert.facts.fingerprintSha256, cert]));
  const results = new Map<string, boolean>();
  return {
    verifies(child, parent) {
      const candidate =
        child.issuer.rawHex === parent.subject.rawHex ||
        (child.authorityKeyId !== null && child.authorityKeyId === parent.subjectKeyId);
      if (!candidate) return false;
      const key = `${child.fingerprintSha256}>${parent.publicKeyHex}`;
      let result = results.get(key);
      if (result === undefined) {
        const cert = byFingerprint.get(child.fingerprintSha256);
        const parentCert = byFingerprint.get(parent.fingerprintSha256);
        result =
          cert !== undefined &&
          parentCert !== undefined &&
          signatureVerifies(
            cert.tbs,
            child.signatureAlgorithm.oid,
            cert.signature,
            parentCert.spki,
          );
        results.set(key, result);
      }
      return result;
    },
  };
}
