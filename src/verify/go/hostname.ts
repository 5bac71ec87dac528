/**
 * `Certificate.VerifyHostname` and the cause behind `HostnameError.Error()`, per Go era.
 * The modern rules are Go 1.19's verify.go (VerifyHostname, matchHostnames,
 * validHostname, matchExactly, HostnameError.Error); older rows follow eras.ts.
 */
import type { CertFacts } from '../../facts/types.js';
import { toLowerAscii } from '../../base/ascii.js';
import type { Failure } from '../failures.js';
import { ipEqualGo, ipToBytes } from '../../base/ip.js';
import type { MatchedBy } from '../types.js';
import type { GoEra } from './eras.js';

export interface HostnameResult {
  readonly matchedBy: MatchedBy | null;
  /** Why the host did not match, as HostnameError.Error() would explain it; null on a match. */
  readonly failure: Failure | null;
}

/** `c.Subject.CommonName`: Go keeps the last CN attribute, '' when there is none. */
export function goCommonName(cert: CertFacts): string {
  return cert.subject.commonNames.at(-1) ?? '';
}

/** `c.hasSANExtension()`: the extension is present, whatever it holds. */
function hasSanExtension(cert: CertFacts): boolean {
  return cert.san !== null;
}

function dnsNames(cert: CertFacts): readonly string[] {
  return cert.san?.dns ?? [];
}

/**
 * net.ParseIP as the era's Go has it. Zones are never accepted. Before Go 1.17
 * (CL 325829, "net: reject leading zeros in IP address parsers") `010.0.0.1` meant 10.0.0.1.
 */
export function parseIpGo(text: string, era: GoEra): Uint8Array | undefined {
  if (text.includes('%')) return undefined;
  if (era.ipv4LeadingZeros && /^\d+\.\d+\.\d+\.\d+$/.test(text)) {
    const octets = text.split('.').map((part) => Number.parseInt(part, 10));
    return octets.every((octet) => octet <= 255) ? Uint8Array.from(octets) : undefined;
  }
  return ipToBytes(text);
}

/** Strips one pair of brackets, as VerifyHostname does for `[::1]` (Go 1.1+). */
function unbracket(host: string): string {
  return host.length >= 3 && host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

/**
 * Go's validHostname: letters, digits, `_`, and `-` not first in a label; no empty label.
 * `trimDot` drops one trailing dot first (1.11–1.14 validHostname, 1.15+ validHostnameInput);
 * `wildcard` admits a left-most `*` label (1.11–1.14 validHostname, 1.15+ validHostnamePattern).
 */
export function validHostname(
  host: string,
  options: { readonly trimDot: boolean; readonly wildcard: boolean; readonly colon?: boolean },
): boolean {
  const text = options.trimDot && host.endsWith('.') ? host.slice(0, -1) : host;
  if (text.length === 0) return false;
  return text.split('.').every((label, index) => {
    if (label === '') return false;
    if (options.wildcard && index === 0 && label === '*') return true;
    return [...label].every(
      (char, position) =>
        /^[a-zA-Z0-9_]$/.test(char) ||
        (char === '-' && position !== 0) ||
        (char === ':' && options.colon === true),
    );
  });
}

/** Go 1.15+ matchExactly: case-insensitive equality, empty and `.` never match. */
function matchExactly(a: string, b: string): boolean {
  if (a === '' || a === '.' || b === '' || b === '.') return false;
  return toLowerAscii(a) === toLowerAscii(b);
}

/** Go's matchHostnames for the era: label count must agree, `*` stands for one label. */
export function matchHostnames(pattern: string, host: string, era: GoEra): boolean {
  let p = toLowerAscii(pattern);
  let h = toLowerAscii(host);
  if (era.trailingDot !== 'none') h = trimOneDot(h);
  if (era.trailingDot === 'strip-both') p = trimOneDot(p);
  if (p.length === 0 || h.length === 0) return false;
  const patternParts = p.split('.');
  const hostParts = h.split('.');
  if (patternParts.length !== hostParts.length) return false;
  return patternParts.every(
    (part, index) => isWildcardLabel(part, index, era) || part === hostParts[index],
  );
}

function isWildcardLabel(part: string, index: number, era: GoEra): boolean {
  return part === '*' && (era.wildcard === 'any-label' || index === 0);
}

function usesWildcard(pattern: string, era: GoEra): boolean {
  return pattern.split('.').some((part, index) => isWildcardLabel(part, index, era));
}

function trimOneDot(text: string): string {
  return text.endsWith('.') ? text.slice(0, -1) : text;
}

/** Whether the era reads the CN as a host name for this certificate. */
function commonNameAsHostname(cert: CertFacts, era: GoEra): boolean {
  switch (era.cnFallback) {
    case 'no-dns-sans':
      return dnsNames(cert).length === 0;
    case 'no-san-extension':
      return !hasSanExtension(cert);
    case 'no-san-extension-valid-hostname':
      return (
        !hasSanExtension(cert) &&
        validHostname(goCommonName(cert), {
          trimDot: true,
          wildcard: true,
          colon: era.cnColonValid,
        })
      );
    case 'never-godebug-hint':
    case 'never':
      return false;
  }
}

/** One DNS pattern against the (lower-cased) host, with Go ≥ 1.15's validity gate. */
function dnsPatternMatches(pattern: string, host: string, era: GoEra): boolean {
  if (!era.matchExactlyInvalid) return matchHostnames(pattern, host, era);
  const validInput = validHostname(host, { trimDot: true, wildcard: false });
  // Go 1.23 (real go1.23.5): a pattern that is only `*` is no longer a valid wildcard pattern.
  const validPattern =
    validHostname(pattern, { trimDot: false, wildcard: true }) &&
    (era.bareStarMatches || pattern !== '*');
  if (validInput && validPattern) {
    return matchHostnames(pattern, host, era);
  }
  return matchExactly(pattern, host);
}

/** VerifyHostname(h): IP hosts against IP SANs only, DNS hosts against DNS SANs or the CN. */
export function verifyHostnameGo(cert: CertFacts, h: string, era: GoEra): HostnameResult {
  const candidateIp = unbracket(h);
  const ip = parseIpGo(candidateIp, era);
  if (ip) {
    const san = (cert.san?.ip ?? []).find((entry) =>
      ipEqualGo(ip, Uint8Array.from(Buffer.from(entry.bytesHex, 'hex'))),
    );
    if (san) return { matchedBy: { kind: 'ip-san', address: san.text }, failure: null };
    return { matchedBy: null, failure: hostnameFailure(cert, candidateIp, era) };
  }
  const lowered = toLowerAscii(h);
  if (commonNameAsHostname(cert, era)) {
    const cn = goCommonName(cert);
    if (matchHostnames(cn, lowered, era)) {
      return {
        matchedBy: { kind: 'common-name', pattern: cn, wildcard: usesWildcard(cn, era) },
        failure: null,
      };
    }
  } else {
    for (const pattern of dnsNames(cert)) {
      if (dnsPatternMatches(pattern, lowered, era)) {
        const wildcard = usesWildcard(pattern, era) && !matchExactly(pattern, lowered);
        return { matchedBy: { kind: 'dns-san', pattern, wildcard }, failure: null };
      }
    }
  }
  return { matchedBy: null, failure: hostnameFailure(cert, h, era) };
}

/**
 * The cause HostnameError{c, host}.Error() describes, in the order its branches run:
 * the CN explanations first (1.11+), then the IP branch, then the list of valid names.
 */
function hostnameFailure(cert: CertFacts, host: string, era: GoEra): Failure {
  const cn = goCommonName(cert);
  const cnWouldMatch = !hasSanExtension(cert) && matchHostnames(cn, host, era);
  if (cnWouldMatch) {
    const cnIsPattern = validHostname(cn, {
      trimDot: era.cnMessage === 'cn-not-hostname',
      wildcard: true,
      colon: era.cnColonValid,
    });
    switch (era.cnMessage) {
      case 'legacy-sans-instead':
        // Go 1.19 HostnameError.Error: no validity condition on the CN.
        return { code: 'legacy-common-name', host, commonName: cn };
      case 'legacy-godebug':
        // Go 1.15 (CL 231379): only a hostname-shaped CN gets the GODEBUG hint; an invalid one
        // would get "Common Name is not a valid hostname" only with x509ignoreCN=0 (not modelled).
        // Real go1.15 and go1.16: a CN `kubernetes:443` dialled as such is "not valid for any
        // names" (case B-cn:cn-colon).
        if (cnIsPattern) return { code: 'legacy-common-name', host, commonName: cn };
        break;
      case 'cn-not-hostname':
        // Go 1.11–1.14: "This would have validated, if it weren't for the validHostname check".
        if (!cnIsPattern) return { code: 'cn-not-hostname', host, commonName: cn };
        break;
      case 'none':
        break;
    }
  }
  const ip = parseIpGo(host, era);
  if (ip) {
    const ipSans = (cert.san?.ip ?? []).map((entry) => entry.text);
    if (ipSans.length === 0) {
      const dnsSpellingIp = dnsNames(cert).some((name) => {
        const bytes = parseIpGo(name, era);
        return bytes !== undefined && ipEqualGo(bytes, ip);
      });
      return { code: 'no-ip-sans', host, dnsSpellingIp };
    }
    return { code: 'ip-not-in-sans', host, ipSans };
  }
  if (commonNameAsHostname(cert, era)) {
    if (cn === '' && era.emptyNamesMessage) return { code: 'no-names', host };
    return { code: 'cn-mismatch', host, commonName: cn };
  }
  const dns = dnsNames(cert);
  if (dns.length === 0) {
    // Go ≤ 1.7 never gets here (no DNS SANs means the CN is listed); guarded all the same.
    return era.emptyNamesMessage
      ? { code: 'no-names', host }
      : { code: 'cn-mismatch', host, commonName: cn };
  }
  return { code: 'name-not-in-sans', host, dnsSans: dns };
}
