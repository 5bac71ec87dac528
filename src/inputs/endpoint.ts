/**
 * A positional argument that names a server rather than a file: `https://host[:port]`,
 * `[v6]:port`, or `host:port` (when no file has that name). Ports default to 443 (RFC 2818 §2.3).
 */
import { UsageError } from '../base/errors.js';
import { ipVersion, stripBrackets } from '../base/ip.js';

export interface Endpoint {
  readonly host: string;
  readonly port: number;
  /** Only a URL is unambiguous; `host:port` yields to a file of that name. */
  readonly explicit: boolean;
}

export function parseEndpoint(text: string): Endpoint | null {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      throw new UsageError(`${text}: not a valid URL`);
    }
    if (url.protocol !== 'https:')
      throw new UsageError(`${text}: only https:// endpoints have a certificate to check`);
    return {
      host: stripBrackets(url.hostname),
      port: url.port === '' ? 443 : Number(url.port),
      explicit: true,
    };
  }
  const bracketed = /^\[([0-9a-fA-F:.]+)\]:(\d{1,5})$/.exec(text);
  if (bracketed && ipVersion(bracketed[1] ?? '') === 6)
    return port(bracketed[1] ?? '', bracketed[2], true);
  const hostPort = /^([A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?):(\d{1,5})$/.exec(text);
  if (hostPort) return port(hostPort[1] ?? '', hostPort[2], false);
  return null;
}

function port(host: string, digits: string | undefined, explicit: boolean): Endpoint {
  const value = Number(digits);
  if (!Number.isInteger(value) || value < 1 || value > 65535)
    throw new UsageError(`${host}:${digits}: the port must be 1–65535`);
  return { host, port: value, explicit };
}
