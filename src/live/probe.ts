/**
 * A live check of one endpoint: the handshake a client makes (its SNI), the chain as the
 * server sent it, and whether the server answers differently with the other SNI choice
 * (an apiserver with --tls-sni-cert-key picks its certificate by SNI; a client dialling
 * an IP sends none, RFC 6066 §3). Pure over the injected handshake function.
 */
import { bytesEqual } from '../base/ip.js';
import { endpointText, type HandshakeResult, type TlsHandshake } from './types.js';

export interface ProbeRequest {
  readonly host: string;
  readonly port: number;
  readonly servername: string | null;
  readonly timeoutMs: number;
  /**
   * The SNI for the comparison handshake when the main one sends none (a DNS name the
   * clients also dial); when the main one sends SNI, the comparison sends none.
   */
  readonly alternateServername: string | null;
}

export interface SniComparison {
  /** The SNI sent in the comparison handshake (null: none). */
  readonly servername: string | null;
  /** Whether the server presented the same leaf; null when the comparison failed. */
  readonly sameCertificate: boolean | null;
  /** The comparison handshake's one-line error, when it failed. */
  readonly error: string | null;
}

export interface Probe {
  readonly endpoint: string;
  readonly servername: string | null;
  readonly protocol: string;
  readonly cipher: string;
  /** The presented certificates, leaf first. */
  readonly presented: readonly Uint8Array[];
  /** `as-sent`: read from the Certificate message; `linked`: as Node re-linked them (TLS 1.3-only server). */
  readonly order: 'as-sent' | 'linked';
  readonly clientCertificateRequested: boolean | null;
  /** null when there was no other SNI choice worth trying. */
  readonly sni: SniComparison | null;
}

export async function probeEndpoint(
  handshake: TlsHandshake,
  request: ProbeRequest,
): Promise<Probe> {
  const base = { host: request.host, port: request.port, timeoutMs: request.timeoutMs };
  const main = await handshake({ ...base, servername: request.servername });
  let presented = main.sent;
  let requested = main.clientCertificateRequested;
  if (presented === null) {
    // TLS 1.3 encrypts the Certificate message: ask again with TLS 1.2 to see it as sent.
    const clear = await handshake({
      ...base,
      servername: request.servername,
      maxVersion: 'TLSv1.2',
    }).catch(() => null);
    if (clear?.sent && sameLeaf(clear.sent, main.linked)) {
      presented = clear.sent;
      requested = clear.clientCertificateRequested;
    }
  }
  const other = request.servername !== null ? null : request.alternateServername;
  const sni =
    request.servername !== null || other !== null
      ? await compare(handshake, { ...base, servername: other }, leafOf(main))
      : null;
  return {
    endpoint: endpointText(request.host, request.port),
    servername: request.servername,
    protocol: main.protocol,
    cipher: main.cipher,
    presented: presented ?? main.linked,
    order: presented ? 'as-sent' : 'linked',
    clientCertificateRequested: requested,
    sni,
  };
}

async function compare(
  handshake: TlsHandshake,
  request: Parameters<TlsHandshake>[0],
  leaf: Uint8Array | undefined,
): Promise<SniComparison> {
  try {
    const other = leafOf(await handshake(request));
    return {
      servername: request.servername,
      sameCertificate: leaf !== undefined && other !== undefined && bytesEqual(leaf, other),
      error: null,
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { servername: request.servername, sameCertificate: null, error: message };
  }
}

function leafOf(result: HandshakeResult): Uint8Array | undefined {
  return result.sent?.[0] ?? result.linked[0];
}

function sameLeaf(a: readonly Uint8Array[], b: readonly Uint8Array[]): boolean {
  const [x] = a;
  const [y] = b;
  return x !== undefined && y !== undefined && bytesEqual(x, y);
}
