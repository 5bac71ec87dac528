/**
 * Reads what a TLS server sent in the clear: the handshake messages before the first
 * ChangeCipherSpec or encrypted record. In TLS 1.2 that includes the Certificate message
 * (RFC 5246 §7.4.2), so the chain is seen exactly as sent — order and extras included —
 * which Node's getPeerCertificate() cannot tell (it re-links the chain by issuer). In TLS 1.3
 * the Certificate message is encrypted (RFC 8446 §4.4.2) and this finds none.
 */

const CONTENT_CHANGE_CIPHER_SPEC = 20;
const CONTENT_ALERT = 21;
const CONTENT_HANDSHAKE = 22;
const CONTENT_APPLICATION_DATA = 23;
const HANDSHAKE_SERVER_HELLO = 2;
const HANDSHAKE_CERTIFICATE = 11;
const HANDSHAKE_CERTIFICATE_REQUEST = 13;

export interface ClearTextHandshake {
  /** The first bytes look like a TLS record at all. */
  readonly tls: boolean;
  /** DER certificates of the server's Certificate message, in the order sent; null when not seen. */
  readonly certificates: readonly Uint8Array[] | null;
  /** The server sent a CertificateRequest (TLS 1.2: it asks for a client certificate). */
  readonly certificateRequest: boolean;
  readonly serverHello: boolean;
}

/** A record starts with a content type 20–23 and major version 3 (SSL 3.0 to TLS 1.3 all say 3). */
export function looksLikeTls(bytes: Uint8Array): boolean {
  const type = bytes[0] ?? 0;
  return bytes.length >= 2 && type >= 20 && type <= 23 && bytes[1] === 3;
}

export function readClearTextHandshake(bytes: Uint8Array): ClearTextHandshake {
  const none = { certificates: null, certificateRequest: false, serverHello: false };
  if (!looksLikeTls(bytes)) return { tls: false, ...none };
  const handshake: number[] = [];
  let offset = 0;
  while (offset + 5 <= bytes.length) {
    const type = bytes[offset] ?? 0;
    const length = ((bytes[offset + 3] ?? 0) << 8) | (bytes[offset + 4] ?? 0);
    if (type === CONTENT_CHANGE_CIPHER_SPEC || type === CONTENT_APPLICATION_DATA) break;
    // A warning alert (e.g. unrecognized_name for an unknown SNI, RFC 6066 §3) may come first.
    if (type !== CONTENT_HANDSHAKE) {
      if (type !== CONTENT_ALERT) break;
      offset += 5 + length;
      continue;
    }
    const end = Math.min(offset + 5 + length, bytes.length);
    for (let index = offset + 5; index < end; index++) handshake.push(bytes[index] ?? 0);
    offset += 5 + length;
  }
  return { tls: true, ...messages(Uint8Array.from(handshake)) };
}

function messages(stream: Uint8Array): Omit<ClearTextHandshake, 'tls'> {
  let certificates: Uint8Array[] | null = null;
  let certificateRequest = false;
  let serverHello = false;
  let offset = 0;
  while (offset + 4 <= stream.length) {
    const type = stream[offset] ?? 0;
    const length = u24(stream, offset + 1);
    const body = stream.subarray(offset + 4, offset + 4 + length);
    if (body.length < length) break; // truncated: the rest never arrived
    if (type === HANDSHAKE_SERVER_HELLO) serverHello = true;
    if (type === HANDSHAKE_CERTIFICATE) certificates = certificateList(body);
    if (type === HANDSHAKE_CERTIFICATE_REQUEST) certificateRequest = true;
    offset += 4 + length;
  }
  return { certificates, certificateRequest, serverHello };
}

/** TLS 1.2 Certificate: a 24-bit total length, then 24-bit-length-prefixed DER certificates. */
function certificateList(body: Uint8Array): Uint8Array[] | null {
  if (body.length < 3) return null;
  const total = u24(body, 0);
  const list: Uint8Array[] = [];
  let offset = 3;
  while (offset + 3 <= Math.min(body.length, 3 + total)) {
    const length = u24(body, offset);
    const der = body.subarray(offset + 3, offset + 3 + length);
    if (der.length < length) return null;
    list.push(Uint8Array.from(der));
    offset += 3 + length;
  }
  return list;
}

function u24(bytes: Uint8Array, offset: number): number {
  return ((bytes[offset] ?? 0) << 16) | ((bytes[offset + 1] ?? 0) << 8) | (bytes[offset + 2] ?? 0);
}
