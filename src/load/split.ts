/**
 * Bytes → the DER of each certificate, without parsing them. Pure: the caller reads the bytes.
 *
 * Accepted, in the order they are tried:
 *   1. PEM, with any text around the blocks, LF or CRLF, one or many CERTIFICATE blocks;
 *   2. DER, one certificate or several back to back;
 *   3. base64 of either (the form a Kubernetes Secret's `data` holds).
 * The first certificate is the one a server presents; the rest are its chain, in order.
 * Reading each certificate is src/facts' job (src/facts/read.ts, then the full parser in
 * src/load/index.ts for what that declines).
 */
import { InputError } from '../base/errors.js';
import { containerKind, pemHint } from './containers.js';
import { looksLikeDer, splitDer } from './der.js';
import { CERTIFICATE_LABELS, containsPem, decodeBase64, scanPem } from './pem.js';

export interface LoadLimits {
  /** More certificates than this in one input is refused rather than processed. */
  readonly maxCertificates: number;
  /**
   * ASN.1 elements one certificate may hold. asn1js stops at 10,000 by default, which a
   * certificate with 10,000 SANs exceeds although Go, OpenSSL and Node all load it; the
   * input size cap (--max-input-bytes) already bounds the work, so this only needs to
   * stop pathological nesting, not real certificates.
   */
  readonly maxAsn1Nodes: number;
}

export const defaultLoadLimits: LoadLimits = { maxCertificates: 1000, maxAsn1Nodes: 1_000_000 };

/** The DER of every certificate in `bytes`, or an InputError naming `source` and the problem. */
export function splitCertificates(
  bytes: Uint8Array,
  source: string,
  limits: LoadLimits = defaultLoadLimits,
): Uint8Array[] {
  const ders = splitInput(bytes, source, 0);
  if (ders.length > limits.maxCertificates) {
    throw new InputError(
      source,
      `holds ${ders.length} certificates, more than the limit of ${limits.maxCertificates}`,
    );
  }
  return ders;
}

function splitInput(bytes: Uint8Array, source: string, depth: number): Uint8Array[] {
  if (bytes.length === 0) throw new InputError(source, 'is empty');
  const container = containerKind(bytes);
  if (container) {
    throw new InputError(
      source,
      `is ${container.what}; ${container.extract.replace(/\bFILE\b/g, source === '-' ? 'FILE' : source)}`,
    );
  }
  if (looksLikeDer(bytes)) return fromDer(bytes, source);

  const text = Buffer.from(bytes).toString('latin1');
  if (text.trim().length === 0) throw new InputError(source, 'is empty (only white space)');
  if (containsPem(text)) return fromPem(text, source);

  const decoded = depth === 0 ? decodeBase64(text) : undefined;
  if (decoded) {
    try {
      return splitInput(decoded, source, depth + 1);
    } catch (error) {
      if (error instanceof InputError) {
        throw new InputError(source, `is base64 whose content ${error.problem}`);
      }
      throw error;
    }
  }
  if (text.includes('\0') || /[\x80-\xff]/.test(text.slice(0, 512))) {
    throw new InputError(source, 'is binary data that is not a DER certificate');
  }
  throw new InputError(source, 'holds no certificate: it is not PEM, DER or base64');
}

function fromDer(bytes: Uint8Array, source: string): Uint8Array[] {
  const pieces = splitDer(bytes);
  if (typeof pieces === 'string')
    throw new InputError(source, `is not a valid DER certificate (${pieces})`);
  return pieces;
}

function fromPem(text: string, source: string): Uint8Array[] {
  const scan = scanPem(text);
  const certificates = scan.blocks.filter((block) => CERTIFICATE_LABELS.has(block.label));
  if (certificates.length === 0) {
    if (scan.unterminated) {
      throw new InputError(
        source,
        `has a truncated PEM block: BEGIN ${scan.unterminated} without END`,
      );
    }
    const others = [...new Set(scan.blocks.map((block) => block.label))];
    throw new InputError(
      source,
      others.length > 0
        ? `found ${others.map(withArticle).join(', ')} block${others.length > 1 ? 's' : ''} but no CERTIFICATE${pemHint(others).replace(/\bFILE\b/g, source)}`
        : 'has PEM markers but no complete block',
    );
  }
  if (scan.unterminated === 'CERTIFICATE') {
    throw new InputError(
      source,
      `has a truncated PEM block: BEGIN CERTIFICATE without END (after ${certificates.length} complete)`,
    );
  }
  return certificates.map((block, index) => {
    const der = decodeBase64(block.body);
    if (!der) throw new InputError(source, `CERTIFICATE block ${index + 1} is not valid base64`);
    const pieces = splitDer(der);
    if (typeof pieces === 'string') {
      throw new InputError(
        source,
        `CERTIFICATE block ${index + 1} is not a valid DER certificate (${pieces})`,
      );
    }
    if (pieces.length !== 1) {
      throw new InputError(
        source,
        `CERTIFICATE block ${index + 1} has trailing data after the certificate`,
      );
    }
    return der;
  });
}

/** "an RSA PRIVATE KEY", "a PRIVATE KEY": acronyms read letter by letter take "an" before F, H, L, M, N, R, S, X. */
function withArticle(label: string): string {
  const first = label.split(' ')[0] ?? '';
  const acronym = first.length <= 4 && first !== 'KEY';
  const vowelSound = /^[AEIOU]/.test(first) || (acronym && /^[FHLMNRSX]/.test(first));
  return `${vowelSound ? 'an' : 'a'} ${label}`;
}
