/**
 * Node's tls.checkServerIdentity(hostname, cert), as it behaves since the
 * CVE-2021-44531 fix ("tls: drop support for URI alternative names"; Node 12.22.9,
 * 14.18.3, 16.13.2, 17.3.1) and checked against Node v20.20.2 by experiment
 * (tests/verify/node/identity.test.ts runs every table row through the real function).
 *
 * - An IP literal (net.isIP: ipVersion) is compared, canonicalized, with the IP SANs only; the CN is
 *   never consulted for IPs.
 * - Otherwise the DNS SANs are used when there is at least one (even an empty one); the
 *   subject CN only when there are none (IP or URI SANs do not prevent the fallback).
 *   No DNS SAN and no non-empty CN: "Cert does not contain a DNS name".
 * - Host: up to two trailing dots are removed (checkServerIdentity strips one, and the
 *   label splitter strips another); pattern: one. Both are lower-cased with JavaScript's
 *   full Unicode toLowerCase (so U+212A KELVIN SIGN folds to `k`), then split on `.`.
 * - A pattern matches only with the same number of labels, no empty label and only
 *   characters U+0021–U+007F; labels after the first compare exactly.
 * - First label: exact unless it holds a `*` and does not contain `xn--`; one `*` at most,
 *   anywhere in the label (partial wildcards `f*o` allowed); never for patterns of two
 *   labels or fewer (`*.tld`); the `*` may match the empty string.
 */
import { ipVersion } from '../../base/ip.js';
import type { CertFacts } from '../../facts/types.js';
import type { MatchedBy } from '../types.js';
import { altNameEntries, canonicalIpText, hexToBytes } from './altnames.js';
import { parseIpLiteral } from './ip-literal.js';
import type { IdentityFailure } from './messages.js';

export type IdentityResult =
  | { readonly ok: true; readonly matchedBy: MatchedBy }
  | { readonly ok: false; readonly failure: IdentityFailure };

export function checkServerIdentity(host: string, leaf: CertFacts): IdentityResult {
  const entries = altNameEntries(leaf.san);
  if (ipVersion(host) !== 0) return checkIp(host, leaf);
  const dnsNames = entries.filter((entry) => entry.kind === 'dns').map((entry) => entry.value);
  const hostLabels = splitLabels(stripTrailingDot(host));
  if (dnsNames.length > 0) {
    const pattern = dnsNames.find((candidate) => patternMatches(hostLabels, candidate));
    if (pattern !== undefined) {
      return {
        ok: true,
        matchedBy: { kind: 'dns-san', pattern, wildcard: isWildcardPattern(pattern) },
      };
    }
    return { ok: false, failure: { code: 'name-not-in-sans', host, dnsSans: dnsNames } };
  }
  const commonNames = leaf.subject.commonNames;
  // A single CN is a string in Node's subject object (falsy when empty); several are an array.
  if (commonNames.length === 0 || (commonNames.length === 1 && commonNames[0] === '')) {
    return { ok: false, failure: { code: 'no-names', host } };
  }
  const pattern = commonNames.find((candidate) => patternMatches(hostLabels, candidate));
  if (pattern !== undefined) {
    return {
      ok: true,
      matchedBy: { kind: 'common-name', pattern, wildcard: isWildcardPattern(pattern) },
    };
  }
  return { ok: false, failure: { code: 'cn-mismatch', host, commonName: commonNames.join(',') } };
}

function checkIp(host: string, leaf: CertFacts): IdentityResult {
  const ipSans = (leaf.san?.ip ?? []).map((ip) => canonicalIpText(hexToBytes(ip.bytesHex)));
  const wanted = canonicalIpText(parseIpLiteral(host));
  if (ipSans.includes(wanted)) return { ok: true, matchedBy: { kind: 'ip-san', address: wanted } };
  if (ipSans.length === 0) {
    const folded = host.toLowerCase();
    const dnsSpellingIp = (leaf.san?.dns ?? []).some((name) => name.toLowerCase() === folded);
    return { ok: false, failure: { code: 'no-ip-sans', host, dnsSpellingIp } };
  }
  return { ok: false, failure: { code: 'ip-not-in-sans', host, ipSans } };
}

function stripTrailingDot(name: string): string {
  return name.endsWith('.') ? name.slice(0, -1) : name;
}

function splitLabels(name: string): string[] {
  return stripTrailingDot(name).toLowerCase().split('.');
}

/** Whether Node would expand a `*` in this pattern's first label. */
export function isWildcardPattern(pattern: string): boolean {
  const first = splitLabels(pattern)[0] ?? '';
  return first.includes('*') && !first.includes('xn--');
}

const PRINTABLE_LABEL = /^[\u0021-\u007f]*$/u;

export function patternMatches(hostLabels: readonly string[], pattern: string): boolean {
  if (pattern === '') return false;
  const labels = splitLabels(pattern);
  if (labels.length !== hostLabels.length) return false;
  if (labels.some((label) => label === '' || !PRINTABLE_LABEL.test(label))) return false;
  for (let index = labels.length - 1; index > 0; index--) {
    if (labels[index] !== hostLabels[index]) return false;
  }
  const first = labels[0] ?? '';
  const hostFirst = hostLabels[0] ?? '';
  const pieces = first.split('*');
  if (pieces.length === 1 || first.includes('xn--')) return first === hostFirst;
  if (pieces.length > 2 || labels.length <= 2) return false;
  const [prefix = '', suffix = ''] = pieces;
  return (
    prefix.length + suffix.length <= hostFirst.length &&
    hostFirst.startsWith(prefix) &&
    hostFirst.endsWith(suffix)
  );
}

/** The host's labels as Node compares them (exported for the tests' tables). */
export function hostLabelsOf(host: string): string[] {
  return splitLabels(stripTrailingDot(host));
}
