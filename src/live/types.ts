/** One live TLS handshake, as the CLI asks for it and as src/live answers. */

export interface HandshakeRequest {
  /** Host or IP literal to connect to (no brackets). */
  readonly host: string;
  readonly port: number;
  /** The SNI server name to send; null sends none (what clients do for IP literals, RFC 6066 §3). */
  readonly servername: string | null;
  /** Bounds the TCP connect and the TLS handshake together. */
  readonly timeoutMs: number;
  /** Caps the protocol (the chain probe asks for TLS 1.2 to read the Certificate message in the clear). */
  readonly maxVersion?: 'TLSv1.2' | 'TLSv1.3';
}

export interface HandshakeResult {
  /** Negotiated protocol as Node names it: `TLSv1.3`, `TLSv1.2`. */
  readonly protocol: string;
  /** IANA cipher suite name, e.g. `TLS_AES_128_GCM_SHA256`. */
  readonly cipher: string;
  /** DER certificates in the order the server sent them; null when they were encrypted (TLS 1.3). */
  readonly sent: readonly Uint8Array[] | null;
  /** The chain as Node links it from what was sent (leaf first, then issuer by issuer). */
  readonly linked: readonly Uint8Array[];
  /** The server asked for a client certificate (seen in TLS 1.2 only; null when not observable). */
  readonly clientCertificateRequested: boolean | null;
}

export type TlsHandshake = (request: HandshakeRequest) => Promise<HandshakeResult>;

/** `host:port`, with brackets around an IPv6 literal: how endpoints are named in messages. */
export function endpointText(host: string, port: number): string {
  return `${host.includes(':') ? `[${host}]` : host}:${port}`;
}
