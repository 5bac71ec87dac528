/**
 * A strict DER reader (X.690 §10): definite, minimal lengths and single-byte tags only.
 * src/facts/read.ts walks certificates with it instead of building @peculiar/x509
 * objects; anything this reader does not accept is handed to the full parser instead
 * (src/load/index.ts, src/facts/extract.ts), so a lenient encoding is never judged
 * differently here.
 */

export class Unsupported extends Error {
  override readonly name = 'Unsupported';
}

export interface Tlv {
  readonly tag: number;
  /** Offset of the tag byte. */
  readonly start: number;
  /** Offset of the first content byte. */
  readonly body: number;
  /** Offset just past the content. */
  readonly end: number;
}

/** The element at `offset`, which must end by `limit`. */
export function readTlv(bytes: Uint8Array, offset: number, limit: number): Tlv {
  if (offset + 2 > limit) throw new Unsupported('truncated element');
  const tag = bytes[offset] ?? 0;
  // High tag numbers (0x1f) never occur in certificates.
  if ((tag & 0x1f) === 0x1f) throw new Unsupported('multi-byte tag');
  const first = bytes[offset + 1] ?? 0;
  let body = offset + 2;
  let length = first;
  if (first & 0x80) {
    const octets = first & 0x7f;
    if (octets === 0 || octets > 4) throw new Unsupported('indefinite or huge length');
    if (body + octets > limit) throw new Unsupported('truncated length');
    length = 0;
    for (let i = 0; i < octets; i++) length = length * 256 + (bytes[body + i] ?? 0);
    body += octets;
    // DER: the shortest form only (X.690 §10.1).
    if (length < 0x80 || (octets > 1 && bytes[offset + 2] === 0)) {
      throw new Unsupported('non-minimal length');
    }
  }
  const end = body + length;
  if (end > limit) throw new Unsupported('element overruns its parent');
  return { tag, start: offset, body, end };
}

/** Every element directly inside `parent`. */
export function children(bytes: Uint8Array, parent: Tlv): Tlv[] {
  const out: Tlv[] = [];
  for (let at = parent.body; at < parent.end;) {
    const child = readTlv(bytes, at, parent.end);
    out.push(child);
    at = child.end;
  }
  return out;
}

export function expect(tlv: Tlv | undefined, tag: number): Tlv {
  if (!tlv || tlv.tag !== tag) throw new Unsupported(`expected tag 0x${tag.toString(16)}`);
  return tlv;
}

export function content(bytes: Uint8Array, tlv: Tlv): Uint8Array {
  return bytes.subarray(tlv.body, tlv.end);
}

export function whole(bytes: Uint8Array, tlv: Tlv): Uint8Array {
  return bytes.subarray(tlv.start, tlv.end);
}

/** Dotted form of an OBJECT IDENTIFIER's content (X.690 §8.19). */
export function oid(bytes: Uint8Array, tlv: Tlv): string {
  if (tlv.tag !== 0x06 || tlv.end === tlv.body) throw new Unsupported('not an OID');
  const parts: number[] = [];
  let value = 0;
  for (let at = tlv.body; at < tlv.end; at++) {
    const byte = bytes[at] ?? 0;
    if (value === 0 && byte === 0x80) throw new Unsupported('non-minimal OID arc');
    value = value * 128 + (byte & 0x7f);
    if (value > Number.MAX_SAFE_INTEGER / 128) throw new Unsupported('huge OID arc');
    if ((byte & 0x80) === 0) {
      if (parts.length === 0) {
        const top = value < 40 ? 0 : value < 80 ? 1 : 2;
        parts.push(top, value - top * 40);
      } else parts.push(value);
      value = 0;
    }
  }
  if (value !== 0 || (bytes[tlv.end - 1] ?? 0) & 0x80) throw new Unsupported('truncated OID');
  return parts.join('.');
}

/** A small non-negative INTEGER (version, pathLen). */
export function smallInteger(bytes: Uint8Array, tlv: Tlv): number {
  if (tlv.tag !== 0x02 || tlv.end === tlv.body || tlv.end - tlv.body > 4) {
    throw new Unsupported('not a small INTEGER');
  }
  if ((bytes[tlv.body] ?? 0) & 0x80) throw new Unsupported('negative INTEGER');
  let value = 0;
  for (let at = tlv.body; at < tlv.end; at++) value = value * 256 + (bytes[at] ?? 0);
  return value;
}
