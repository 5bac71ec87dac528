/**
 * Turns what a user pastes as a name into the host a client dials: a bare host, an
 * IP (IPv6 with or without brackets), a URL, `host:port`, or Heapster's `--source`
 * value (`kubernetes:https://kubernetes.default?inClusterConfig=true`).
 */
import { UsageError } from '../base/errors.js';
import { ipVersion, stripBrackets } from '../base/ip.js';

export type NameKind = 'dns' | 'ip';

export interface ParsedName {
  /** As the user wrote it. */
  readonly input: string;
  /** The host the TLS layer sees: no scheme, port or brackets. */
  readonly host: string;
  readonly kind: NameKind;
}

const HEAPSTER_SOURCE = /^kubernetes:(.*)$/;

export function parseName(input: string): ParsedName {
  const trimmed = input.trim();
  if (trimmed.length === 0) throw new UsageError('--name: an empty name cannot be checked');
  const host = extractHost(trimmed);
  if (host.length === 0) throw new UsageError(`--name: no host in ${JSON.stringify(input)}`);
  return { input, host, kind: ipVersion(host) ? 'ip' : 'dns' };
}

function extractHost(text: string): string {
  if (ipVersion(text)) return text;
  // `host:port` first: `kubernetes:443` is the Service name and its port, while a Heapster
  // --source value has a URL, `''` or `?options` after `kubernetes:`, never a bare number.
  const hostPort = /^([^:/[\]]+):\d+$/.exec(text);
  if (hostPort) return hostPort[1] ?? '';
  const source = HEAPSTER_SOURCE.exec(text);
  if (source) {
    const url = (source[1] ?? '').replace(/^''$/, '');
    if (url.length === 0 || url.startsWith('?')) {
      throw new UsageError(
        `--name: ${JSON.stringify(text)} has no URL: Heapster then dials KUBERNETES_SERVICE_HOST; pass that IP instead`,
      );
    }
    return extractHost(url);
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      throw new UsageError(`--name: ${JSON.stringify(text)} is not a valid URL`);
    }
    return stripBrackets(url.hostname);
  }
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(text);
  if (bracketed) return bracketed[1] ?? '';
  return text;
}
