/**
 * Why a live handshake failed, in one line. Connect errors are the kernel's errno (via
 * libuv), handshake errors are OpenSSL's (Node prefixes them ERR_SSL_); what the server
 * sent before failing tells a plain-HTTP port from a TLS server that aborted.
 */
import { looksLikeTls, readClearTextHandshake } from './records.js';

export interface FailureContext {
  readonly host: string;
  readonly port: number;
  readonly timeoutMs: number;
  /** The TCP connection was established. */
  readonly connected: boolean;
  /** Every byte the server sent before the failure. */
  readonly received: Uint8Array;
  readonly timedOut: boolean;
}

const CONNECT_ERRORS: Record<string, string> = {
  ECONNREFUSED: 'connection refused: nothing listens on that port',
  EHOSTUNREACH: 'host unreachable (EHOSTUNREACH): no route to the host',
  ENETUNREACH: 'network unreachable (ENETUNREACH): no route to that network',
  EADDRNOTAVAIL: 'address not available (EADDRNOTAVAIL)',
  ETIMEDOUT: 'the TCP connection timed out (ETIMEDOUT)',
};

/** OpenSSL alerts that mean "you did not present a client certificate" (RFC 5246 §7.4.6, RFC 8446 §4.4.2.4). */
const CLIENT_CERT_ALERTS = new Set([
  'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED',
  'ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE',
  'ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE',
  'ERR_SSL_TLSV1_ALERT_UNKNOWN_CA',
  'ERR_SSL_TLSV1_ALERT_ACCESS_DENIED',
]);

export function describeFailure(error: unknown, context: FailureContext): string {
  // What was left of the run's --timeout budget, to a tenth of a second.
  const seconds = Math.round(context.timeoutMs / 100) / 10;
  if (context.timedOut) {
    return context.connected
      ? `the TLS handshake did not complete within ${seconds} s (--timeout): the server accepted the connection but did not answer`
      : `no TCP connection within ${seconds} s (--timeout)`;
  }
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? '';
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'ENOTFOUND' || code === 'EAI_NONAME')
    return `DNS lookup of ${context.host} failed (${code}): no such host`;
  if (code === 'EAI_AGAIN' || code === 'EAI_FAIL')
    return `DNS lookup of ${context.host} failed (${code}): the resolver did not answer`;
  if (!context.connected && CONNECT_ERRORS[code]) return CONNECT_ERRORS[code];

  const notTls = notTlsText(context.received);
  if (notTls) return notTls;
  const handshake = readClearTextHandshake(context.received);
  if (
    CLIENT_CERT_ALERTS.has(code) &&
    (handshake.certificateRequest || code.includes('13_ALERT_CERT'))
  )
    return `the server requires a client certificate (it asked for one and aborted the handshake: ${alertName(code)}); this tool sends none`;
  if (code === 'ECONNRESET' || /socket disconnected|socket hang up/i.test(message)) {
    return context.received.length === 0
      ? 'the server closed the connection without answering the TLS ClientHello (not a TLS port?)'
      : 'the server closed the connection during the TLS handshake';
  }
  if (code.startsWith('ERR_SSL_') && code.includes('ALERT'))
    return `the server aborted the TLS handshake (${alertName(code)})`;
  if (code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_'))
    return `the TLS handshake failed: ${opensslReason(message) ?? code}`;
  return `cannot connect: ${message.split('\n')[0] ?? code}${code ? ` (${code})` : ''}`;
}

/** What some OpenSSL reasons mean for the person reading the error. */
const REASON_TEXT: Record<string, string> = {
  'excessive message size':
    "the server's handshake message (usually its certificate chain) is larger than OpenSSL accepts",
  'packet length too long':
    'the server sent a record longer than TLS allows (a broken or non-TLS server)',
  'wrong version number':
    'the server answered with a record that is not TLS, or a TLS version this client does not speak',
  'unexpected eof while reading': 'the server closed the connection in the middle of the handshake',
  'record layer failure': 'the server sent a malformed TLS record',
};

/**
 * The reason part of an OpenSSL error string (`<thread>:error:<code>:<library>:<function>:
 * <reason>:<file>:<line>:`), in words, without OpenSSL's source file and line.
 */
export function opensslReason(message: string): string | null {
  const line = message.split('\n')[0] ?? '';
  const fields = line.split(':');
  const at = fields.indexOf('error');
  const reason = at >= 0 ? fields[at + 4]?.trim() : undefined;
  if (!reason) return line.includes('.c:') ? null : line || null;
  return REASON_TEXT[reason] ? `${REASON_TEXT[reason]} (${reason})` : reason;
}

/** A peer that answers a ClientHello with something that is not a TLS record. */
export function notTlsText(received: Uint8Array): string | null {
  if (received.length === 0 || looksLikeTls(received)) return null;
  const text = Buffer.from(received.subarray(0, 200)).toString('latin1');
  if (/^HTTP\/\d/.test(text)) {
    const status = (text.split(/\r?\n/)[0] ?? '').replace(/[^\x20-\x7e]/g, '').slice(0, 60);
    return `does not speak TLS: it answered with plain HTTP (${JSON.stringify(status)}); try http:// or the TLS port`;
  }
  const hex = Buffer.from(received.subarray(0, 8))
    .toString('hex')
    .replace(/(..)(?!$)/g, '$1 ');
  return `does not speak TLS: its answer does not start with a TLS record (first bytes ${hex})`;
}

function alertName(code: string): string {
  const match = /ALERT_(.+)$/.exec(code);
  return match ? `alert ${(match[1] ?? '').toLowerCase().replace(/_/g, ' ')}` : code;
}
