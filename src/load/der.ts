/**
 * Minimal DER framing: enough to split concatenated certificates and to tell
 * "this is DER" from "this is text" without parsing the whole structure.
 * Parsing the certificate itself is @peculiar/x509's job (src/facts).
 */

/** Length of one DER TLV starting at `offset`, or an explanation of why it is not one. */
export function derElementLength(bytes: Uint8Array, offset: number): number | string {
  if (offset + 2 > bytes.length) return 'truncated DER: no room for a tag and a length';
  const first = bytes[offset + 1] ?? 0;
  let headerLength = 2;
  let contentLength = first;
  if (first & 0x80) {
    const octets = first & 0x7f;
    // Indefinite lengths are BER, not DER; more than 4 length octets is beyond any certificate.
    if (octets === 0) return 'indefinite length is not allowed in DER';
    if (octets > 4) return `length field of ${octets} octets is too large`;
    if (offset + 2 + octets > bytes.length) return 'truncated DER: the length field is cut off';
    contentLength = 0;
    for (let i = 0; i < octets; i++)
      contentLength = contentLength * 256 + (bytes[offset + 2 + i] ?? 0);
    headerLength += octets;
  }
  const total = headerLength + contentLength;
  if (offset + total > bytes.length) {
    return `truncated DER: the element declares ${total} bytes but only ${bytes.length - offset} remain`;
  }
  return total;
}

/** True when the bytes start like an ASN.1 SEQUENCE, the outer shape of every certificate. */
export function looksLikeDer(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x30;
}

/**
 * Splits back-to-back DER certificates (some tools write chains that way).
 * Returns the pieces, or a problem description for the first malformed one.
 */
export function splitDer(bytes: Uint8Array): Uint8Array[] | string {
  const pieces: Uint8Array[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    if (bytes[offset] !== 0x30) {
      return pieces.length === 0
        ? 'not DER: the data does not start with an ASN.1 SEQUENCE'
        : `trailing data after certificate ${pieces.length}: ${bytes.length - offset} bytes that are not another certificate`;
    }
    const length = derElementLength(bytes, offset);
    if (typeof length === 'string') return length;
    pieces.push(bytes.subarray(offset, offset + length));
    offset += length;
  }
  return pieces;
}
