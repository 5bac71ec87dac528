/**
 * What each Go release's ParseCertificate refuses among the certificates the tool can read,
 * as data (what, with its parameters); messages.ts says it in that release's own words. A
 * leaf it refuses never reaches Verify (crypto/tls fails the handshake with the error); a
 * CA or intermediate it refuses is skipped by the pool, as AppendCertsFromPEM does. Checked
 * against the recorded answers of every release (fixtures/go-releases) and the live Go
 * 1.19, 1.21, 1.22 and 1.23.
 */
import type { CertFacts } from '../../facts/types.js';
import type { ParseProblem, UriProblem } from '../failures.js';
import type { GoEra } from './eras.js';

const SKID = '2.5.29.14';
const AIA = '1.3.6.1.5.5.7.1.1';

/** What ParseCertificate refuses in `cert` in this era, or null when it parses. */
export function goParseProblem(cert: CertFacts, era: GoEra): ParseProblem | null {
  // Go 1.23 parser.go (GODEBUG x509negativeserial=1 allows it).
  if (era.strictParse && isNegative(cert.serialHex)) return { kind: 'negative-serial' };
  const encoding = cert.encodingDetails;
  if (era.parser === 'cryptobyte' && encoding?.signatureAlgorithmMismatch) {
    // Go 1.17+ parser.go parseCertificate, before anything else of the TBS is read (RFC 5280
    // §4.1.1.2). The older parser read the inner identifier only.
    return { kind: 'signature-algorithm-mismatch' };
  }
  const keyProblem = ecKeyProblem(cert);
  if (keyProblem !== null) return keyProblem;
  const duplicate = cert.extensionDetails?.duplicateExtensions[0];
  if (duplicate !== undefined && era.duplicateExtensions !== 'accepted') {
    // Go 1.19+ parser.go parseCertificate: seenExts, before processExtensions.
    return { kind: 'duplicate-extension', oid: duplicate };
  }
  if (era.strictParse) {
    // Go 1.23 parser.go processExtensions: RFC 5280 §4.2.1.2 and §4.2.2.1 say non-critical.
    const oid = cert.criticalExtensions.find((critical) => critical === SKID || critical === AIA);
    if (oid !== undefined) return { kind: 'extension-marked-critical', oid };
  }
  if (era.parser === 'cryptobyte') {
    const sanProblem = cryptobyteSanProblem(cert);
    if (sanProblem !== null) return sanProblem;
    if (encoding?.malformedExtensions.includes(AIA)) {
      // Go 1.17+ parser.go processExtensions: the AIA value must be a SEQUENCE.
      return { kind: 'aia-malformed' };
    }
  }
  for (const ip of cert.san?.ip ?? []) {
    const length = ip.bytesHex.length / 2;
    // Go 1.4+ parseSANExtension.
    if (length !== 4 && length !== 16) return { kind: 'ip-san-length', length };
  }
  if (era.dnsSanParse) {
    // Go 1.10.0 parseSANExtension: every dNSName through domainToReverseLabels.
    const bad = (cert.san?.dns ?? []).find((name) => !isDomain(name));
    if (bad !== undefined) return { kind: 'dns-san-invalid', name: bad };
  }
  if (era.uriSans) {
    for (const uri of cert.san?.uri ?? []) {
      const problem = uriProblem(uri);
      if (problem !== null) return { kind: 'uri-san-invalid', uri, problem };
    }
  }
  if (era.unhandledCritical === 'parse' && unhandledCriticalExtension(cert, era) !== null) {
    // Go 1.4 parseCertificate: UnhandledCriticalExtension{} at parse time.
    return { kind: 'unhandled-critical-extension' };
  }
  return null;
}

/** Curves Go's crypto/elliptic implements (namedCurveFromOID): P-224, P-256, P-384, P-521. */
const GO_CURVES = new Set(['1.3.132.0.33', '1.2.840.10045.3.1.7', '1.3.132.0.34', '1.3.132.0.35']);

/**
 * parsePublicKey for an EC key: parameters that are not a named curve, or a named curve Go
 * does not implement (P-192 …), refused from Go 1.4 x509.go to Go 1.23 parser.go.
 */
function ecKeyProblem(cert: CertFacts): ParseProblem | null {
  const curve = cert.encodingDetails?.ecNamedCurve;
  if (curve === undefined) return null;
  if (curve === null) return { kind: 'ec-parameters-not-named' };
  return GO_CURVES.has(curve) ? null : { kind: 'ec-curve-unsupported' };
}

/**
 * Go 1.17+ parser.go forEachSAN / parseSANExtension, in certificate order: the value must be
 * a SEQUENCE ("invalid subject alternative names"), and rfc822Name, dNSName and URI must be
 * IA5 (ASCII; isIA5String). Real Go 1.19 on x509-limbo (`rfc5280::san::malformed`,
 * `webpki::san::unicode-emoji-san`). Whether Go 1.15–1.16's x509.go already checked IA5 is
 * not established here, so the older parser is left without it.
 */
function cryptobyteSanProblem(cert: CertFacts): ParseProblem | null {
  const san = cert.san;
  if (san === null) return null;
  if (san.undecodable !== undefined) return { kind: 'san-undecodable' };
  const ascii = (text: string): boolean => [...text].every((char) => char.charCodeAt(0) < 0x80);
  const next = { dns: 0, email: 0, uri: 0, ip: 0, other: 0 };
  for (const kind of san.order) {
    const at = next[kind]++;
    if ((kind === 'email' || kind === 'dns' || kind === 'uri') && !ascii(san[kind][at] ?? '')) {
      return { kind: 'san-not-ia5', entry: kind };
    }
  }
  return null;
}

/** A DER INTEGER's content with its sign bit set. */
function isNegative(serialHex: string): boolean {
  return serialHex.length >= 2 && Number.parseInt(serialHex.slice(0, 2), 16) >= 0x80;
}

/**
 * Go 1.10 domainToReverseLabels: no empty label, bytes 33–126 only. It splits from the
 * right and stops when nothing is left, so one leading dot costs no label (real go1.10:
 * `.default.svc` parses, `.` does not).
 */
function isDomain(name: string): boolean {
  if (name === '') return true;
  const text = name.length > 1 && name.startsWith('.') ? name.slice(1) : name;
  return text
    .split('.')
    .every(
      (label) =>
        label !== '' &&
        [...label].every((char) => char.charCodeAt(0) >= 33 && char.charCodeAt(0) <= 126),
    );
}

/** Extensions Go 1.19 parser.go processExtensions understands (others are "unhandled"). */
const HANDLED_EXTENSIONS = new Set([
  '2.5.29.14', // subjectKeyIdentifier
  '2.5.29.15', // keyUsage
  '2.5.29.17', // subjectAltName (unless it holds no DNS/IP/email/URI entry)
  '2.5.29.19', // basicConstraints
  '2.5.29.30', // nameConstraints (unless a base is of another kind: see below)
  '2.5.29.31', // cRLDistributionPoints
  '2.5.29.32', // certificatePolicies
  '2.5.29.35', // authorityKeyIdentifier
  '2.5.29.37', // extKeyUsage
  '1.3.6.1.5.5.7.1.1', // authorityInfoAccess
]);

/**
 * The first critical extension this Go would list in UnhandledCriticalExtensions. The set
 * is Go 1.19's, less what older parsers did not read: critical certificatePolicies and AIA
 * (Go 1.4) and URI SANs (before Go 1.10: a SAN of URIs only counts as unhandled).
 */
export function unhandledCriticalExtension(cert: CertFacts, era: GoEra): string | null {
  const san = cert.san;
  const readSans = san === null ? 0 : san.dns.length + san.ip.length + san.email.length;
  const emptySan = san !== null && readSans + (era.uriSans ? san.uri.length : 0) === 0;
  for (const oid of cert.criticalExtensions) {
    if (!HANDLED_EXTENSIONS.has(oid)) return oid;
    if (!era.policiesAiaHandled && (oid === '2.5.29.32' || oid === '1.3.6.1.5.5.7.1.1')) return oid;
    if (oid === '2.5.29.17' && emptySan) return oid;
    // parseNameConstraintsExtension: a base of another kind (directoryName …) is unhandled.
    const nc = cert.nameConstraints;
    if (oid === '2.5.29.30' && nc && nc.permitted.other.length + nc.excluded.other.length > 0) {
      return oid;
    }
  }
  return null;
}

/**
 * Go 1.10+ parseSANExtension for a URI SAN: net/url's Parse, then the host as a domain.
 * Checked against real Go 1.19 on x509-limbo's malformed URI SANs
 * (tests/limbo/limbo.test.ts).
 */
export function uriProblem(uri: string): UriProblem | null {
  const problem = urlParseProblem(uri);
  if (problem !== null) return problem;
  const host = urlHost(uri);
  if (host !== '' && !isDomain(host)) return { kind: 'host-not-domain' };
  return null;
}

/** The reason net/url.Parse refuses `raw` (the fragment cut off first), or null. */
function urlParseProblem(raw: string): UriProblem | null {
  const text = raw.split('#')[0] ?? '';
  if ([...text].some((char) => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f)) {
    return { kind: 'control-character' };
  }
  if (text === '*') return null;
  const scheme = getScheme(text);
  if ('kind' in scheme) return scheme;
  let rest = scheme.rest;
  const query = rest.indexOf('?');
  if (!(rest.endsWith('?') && rest.split('?').length === 2) && query >= 0) {
    rest = rest.slice(0, query);
  }
  if (!rest.startsWith('/')) {
    if (scheme.scheme !== '') return null;
    const segment = rest.split('/')[0] ?? '';
    if (segment.includes(':')) return { kind: 'colon-in-first-segment' };
  }
  if (rest.startsWith('//') && (scheme.scheme !== '' || !rest.startsWith('///'))) {
    let authority = rest.slice(2);
    const slash = authority.indexOf('/');
    if (slash >= 0) {
      rest = authority.slice(slash);
      authority = authority.slice(0, slash);
    } else rest = '';
    const at = authority.lastIndexOf('@');
    const host = at < 0 ? authority : authority.slice(at + 1);
    const hostProblem = parseHostProblem(host);
    if (hostProblem !== null) return hostProblem;
  }
  return escapeProblem(rest);
}

/** net/url getScheme: the scheme and the rest, or the problem. */
function getScheme(raw: string): { scheme: string; rest: string } | UriProblem {
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i] as string;
    if (/[a-zA-Z]/.test(c)) continue;
    if (/[0-9+\-.]/.test(c)) {
      if (i === 0) return { scheme: '', rest: raw };
      continue;
    }
    if (c === ':') {
      if (i === 0) return { kind: 'missing-scheme' };
      return { scheme: raw.slice(0, i), rest: raw.slice(i + 1) };
    }
    return { scheme: '', rest: raw };
  }
  return { scheme: '', rest: raw };
}

/** net/url parseHost (no IPv6 literals handled beyond their brackets): the problem, or null. */
function parseHostProblem(host: string): UriProblem | null {
  if (host.startsWith('[')) return host.includes(']') ? null : { kind: 'missing-bracket' };
  const colon = host.lastIndexOf(':');
  if (colon !== -1) {
    const port = host.slice(colon);
    if (!/^:\d*$/.test(port)) return { kind: 'invalid-port', port };
  }
  for (const char of host) {
    if (char === '%') continue;
    if (char.charCodeAt(0) < 0x80 && !/[a-zA-Z0-9!$&'()*+,;=:[\]<>"\-_.~]/.test(char)) {
      return { kind: 'invalid-host-character', char };
    }
  }
  return escapeProblem(host);
}

/** net/url unescape's EscapeError for a `%` not followed by two hex digits. */
function escapeProblem(text: string): UriProblem | null {
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '%') continue;
    const escape = text.slice(i, i + 3);
    if (!/^%[0-9a-fA-F]{2}$/.test(escape)) return { kind: 'invalid-escape', escape };
    i += 2;
  }
  return null;
}

/** The host part of a URL that parsed (userinfo and port removed). */
function urlHost(raw: string): string {
  const scheme = getScheme(raw.split('#')[0] ?? '');
  if ('kind' in scheme || !scheme.rest.startsWith('//')) return '';
  let authority = scheme.rest.slice(2).split(/[/?]/)[0] ?? '';
  authority = authority.slice(authority.lastIndexOf('@') + 1);
  if (authority.startsWith('[')) return '';
  const colon = authority.lastIndexOf(':');
  return colon === -1 ? authority : authority.slice(0, colon);
}
