/**
 * A small DER toolkit for the malformed corpus: take a real certificate apart into its
 * raw TLVs, put modified pieces back together, and re-sign the TBS so that a case is
 * malformed only where it means to be (RFC 5280 §4.1 for the structure, X.690 §8.1 for
 * the framing).
 */
import * as asn1js from 'asn1js';
import { toArrayBuffer } from '../../src/base/bytes.js';
import type { KeyPair } from '../../src/generate/certificate.js';

export const TAG = {
  boolean: 0x01,
  integer: 0x02,
  bitString: 0x03,
  octetString: 0x04,
  oid: 0x06,
  utf8String: 0x0c,
  printableString: 0x13,
  ia5String: 0x16,
  utcTime: 0x17,
  generalizedTime: 0x18,
  bmpString: 0x1e,
  sequence: 0x30,
  set: 0x31,
} as const;

export function concat(...parts: readonly Uint8Array[]): Uint8Array {
  return new Uint8Array(Buffer.concat(parts));
}

/** DER length octets (X.690 §8.1.3): short form below 128, long form otherwise. */
export function lengthOctets(length: number): Uint8Array {
  if (length < 0x80) return Uint8Array.of(length);
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return Uint8Array.of(0x80 | bytes.length, ...bytes);
}

/** One TLV with a single-octet tag. */
export function tlv(tag: number, ...content: readonly Uint8Array[]): Uint8Array {
  const body = concat(...content);
  return concat(Uint8Array.of(tag), lengthOctets(body.length), body);
}

export function oid(dotted: string): Uint8Array {
  return new Uint8Array(new asn1js.ObjectIdentifier({ value: dotted }).toBER(false));
}

export const bytes = (text: string, encoding: BufferEncoding = 'latin1'): Uint8Array =>
  new Uint8Array(Buffer.from(text, encoding));

/** Splits the content of the TLV at the start of `der` into its child TLVs (raw). */
export function children(der: Uint8Array): Uint8Array[] {
  const { header, length } = frame(der, 0);
  const out: Uint8Array[] = [];
  let offset = header;
  while (offset < header + length) {
    const child = frame(der, offset);
    out.push(der.subarray(offset, offset + child.header + child.length));
    offset += child.header + child.length;
  }
  return out;
}

/** The content octets of the TLV at the start of `der`. */
export function content(der: Uint8Array): Uint8Array {
  const { header, length } = frame(der, 0);
  return der.subarray(header, header + length);
}

function frame(der: Uint8Array, offset: number): { header: number; length: number } {
  const first = der[offset + 1] ?? 0;
  if ((first & 0x80) === 0) return { header: 2, length: first };
  const octets = first & 0x7f;
  let length = 0;
  for (let i = 0; i < octets; i++) length = length * 256 + (der[offset + 2 + i] ?? 0);
  return { header: 2 + octets, length };
}

/** The fields of a TBSCertificate (RFC 5280 §4.1), each as its raw TLV. */
export interface TbsParts {
  readonly version: Uint8Array;
  readonly serial: Uint8Array;
  readonly signature: Uint8Array;
  readonly issuer: Uint8Array;
  readonly validity: Uint8Array;
  readonly subject: Uint8Array;
  readonly spki: Uint8Array;
  /** The `[3] EXPLICIT Extensions` TLV, or an empty array when absent. */
  readonly extensions: Uint8Array;
}

export function tbsParts(certificateDer: Uint8Array): TbsParts {
  const [tbs] = children(certificateDer);
  if (!tbs) throw new Error('not a certificate');
  const [version, serial, signature, issuer, validity, subject, spki, ...rest] = children(tbs);
  if (!version || !serial || !signature || !issuer || !validity || !subject || !spki) {
    throw new Error('template certificate lacks a TBS field');
  }
  const extensions = rest.find((part) => part[0] === 0xa3) ?? new Uint8Array(0);
  return { version, serial, signature, issuer, validity, subject, spki, extensions };
}

/** `[3] EXPLICIT SEQUENCE OF Extension` from raw Extension TLVs. */
export function extensionsField(extensions: readonly Uint8Array[]): Uint8Array {
  return tlv(0xa3, tlv(TAG.sequence, ...extensions));
}

/** One Extension (RFC 5280 §4.1.2.9): extnID, critical (only when TRUE), extnValue. */
export function extension(extnId: string, critical: boolean, value: Uint8Array): Uint8Array {
  return tlv(
    TAG.sequence,
    oid(extnId),
    critical ? tlv(TAG.boolean, Uint8Array.of(0xff)) : new Uint8Array(0),
    tlv(TAG.octetString, value),
  );
}

/** A Name with one RDN holding one CN attribute, value in the given string type. */
export function cnName(value: Uint8Array, stringTag: number = TAG.utf8String): Uint8Array {
  return tlv(TAG.sequence, tlv(TAG.set, tlv(TAG.sequence, oid('2.5.4.3'), tlv(stringTag, value))));
}

const SHA256_WITH_RSA = tlv(TAG.sequence, oid('1.2.840.113549.1.1.11'), Uint8Array.of(0x05, 0x00));

/**
 * Builds a TBS from parts and signs it with an RSA PKCS#1 v1.5 SHA-256 key, so the
 * signature is right and only the deliberate defect remains.
 */
export async function signTbs(parts: TbsParts, signer: KeyPair): Promise<Uint8Array> {
  const tbs = tlv(
    TAG.sequence,
    parts.version,
    parts.serial,
    parts.signature,
    parts.issuer,
    parts.validity,
    parts.subject,
    parts.spki,
    parts.extensions,
  );
  return signRawTbs(tbs, signer);
}

/** Signs an arbitrary TBS byte string (well formed or not). */
export async function signRawTbs(tbs: Uint8Array, signer: KeyPair): Promise<Uint8Array> {
  const signature = new Uint8Array(
    await crypto.subtle.sign('RSASSA-PKCS1-v1_5', signer.privateKey, toArrayBuffer(tbs)),
  );
  return tlv(TAG.sequence, tbs, SHA256_WITH_RSA, tlv(TAG.bitString, Uint8Array.of(0), signature));
}
