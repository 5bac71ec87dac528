/**
 * The tool's only network code: one TLS handshake with Node's tls, verification off
 * (rejectUnauthorized: false) so a broken chain is still captured, then the verifiers
 * judge it offline. The raw bytes from the server are kept (a tee between the TCP socket
 * and TLS) to read the chain exactly as sent when it travels in the clear (TLS 1.2).
 * Every path ends within `timeoutMs`: the sockets are destroyed on every outcome.
 */
import { connect as netConnect, type Socket } from 'node:net';
import { Duplex } from 'node:stream';
import { connect as tlsConnect, type DetailedPeerCertificate, type TLSSocket } from 'node:tls';
import { InputError } from '../base/errors.js';
import { describeFailure } from './failure.js';
import { readClearTextHandshake } from './records.js';
import { endpointText, type HandshakeRequest, type HandshakeResult } from './types.js';

/**
 * After a TLS 1.3 handshake the server judges the client's (empty) certificate only once it
 * has the client's Finished, so a "certificate required" alert arrives after the handshake
 * (RFC 8446 §4.4.2.4). Wait this long for it before calling the handshake a success.
 */
const TLS13_ALERT_GRACE_MS = 250;

/**
 * Bytes read from a server per handshake, at most. A Certificate message may be up to 2^24
 * bytes (RFC 8446 §4), but an apiserver's chain is a few kilobytes; a server flooding
 * records (HelloRequests, say) is cut off here instead of growing memory until --timeout.
 */
export const MAX_RECEIVED_BYTES = 4 * 1024 * 1024;

export function tlsHandshake(request: HandshakeRequest): Promise<HandshakeResult> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    let connected = false;
    let timedOut = false;
    let settled = false;
    const raw: Socket = netConnect({ host: request.host, port: request.port });

    const finish = (outcome: { result: HandshakeResult } | { error: unknown }): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      secure.destroy();
      raw.destroy();
      if ('result' in outcome) {
        resolve(outcome.result);
        return;
      }
      const problem =
        received > MAX_RECEIVED_BYTES
          ? `the server sent more than ${MAX_RECEIVED_BYTES / 1024 / 1024} MiB during the handshake; no certificate chain is that large`
          : describeFailure(outcome.error, {
              host: request.host,
              port: request.port,
              timeoutMs: request.timeoutMs,
              connected,
              received: new Uint8Array(Buffer.concat(chunks)),
              timedOut,
            });
      reject(new InputError(endpointText(request.host, request.port), problem));
    };
    const timer = setTimeout(() => {
      timedOut = true;
      finish({ error: new Error('timeout') });
    }, request.timeoutMs);

    raw.on('connect', () => {
      connected = true;
    });
    raw.on('error', (error) => finish({ error }));

    const tee = new Duplex({
      read: () => void raw.resume(),
      write: (chunk: Buffer, _encoding, callback) => void raw.write(chunk, callback),
      final: (callback) => {
        raw.end();
        callback();
      },
    });
    raw.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > MAX_RECEIVED_BYTES) {
        finish({ error: new Error('flood') });
        return;
      }
      chunks.push(chunk);
      if (!tee.push(chunk)) raw.pause();
    });
    raw.on('end', () => tee.push(null));
    tee.on('error', () => undefined);

    const secure: TLSSocket = tlsConnect({
      socket: tee,
      ...(request.servername !== null ? { servername: request.servername } : {}),
      rejectUnauthorized: false,
      // An empty trust store: Node must not complete the reported chain from its bundled roots.
      ca: [],
      ...(request.maxVersion ? { maxVersion: request.maxVersion } : {}),
    });
    secure.on('error', (error) => finish({ error }));
    secure.on('secureConnect', () => {
      const socket = secure;
      const clear = readClearTextHandshake(new Uint8Array(Buffer.concat(chunks)));
      const protocol = socket.getProtocol() ?? 'unknown';
      const result: HandshakeResult = {
        protocol,
        cipher: socket.getCipher()?.standardName ?? 'unknown',
        sent: clear.certificates,
        linked: linkedChain(socket.getPeerCertificate(true)),
        clientCertificateRequested: protocol === 'TLSv1.3' ? null : clear.certificateRequest,
      };
      if (protocol !== 'TLSv1.3') {
        finish({ result });
        return;
      }
      socket.resume();
      socket.on('end', () => finish({ result }));
      setTimeout(() => finish({ result }), TLS13_ALERT_GRACE_MS).unref();
    });
  });
}

/** Node links the peer's certificates leaf → issuer; a self-signed top points to itself. */
function linkedChain(leaf: DetailedPeerCertificate): Uint8Array[] {
  const chain: Uint8Array[] = [];
  const seen = new Set<DetailedPeerCertificate>();
  let current: DetailedPeerCertificate | undefined = leaf;
  while (current?.raw && !seen.has(current)) {
    seen.add(current);
    chain.push(new Uint8Array(current.raw));
    current = current.issuerCertificate;
  }
  return chain;
}
