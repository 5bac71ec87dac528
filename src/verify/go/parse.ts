/**
 * What each Go release's ParseCertificate refuses among the certificates the tool can read,
 * with that release's own words. A leaf it refuses never reaches Verify (crypto/tls fails
 * the handshake with the error); a CA or intermediate it refuses is skipped by the pool, as
 * AppendCertsFromPEM does. Checked against the recorded answers of every release
 * (fixtures/go-releases) and the live Go 1.19, 1.21, 1.22 and 1.23.
 */
import type { CertFacts } from '../../facts/types.js';
import type { GoEra } from './eras.js';
import { goQuote } from './messages.js';

const SKID = '2.5.29.14';
const AIA = '1.3.6.1.5.5.7.1.1';

/** ParseCertificate's error for `cert` in this era, or null when it parses. */
export function goParseError(cert: CertFacts, era: GoEra): string | null {
  // Go 1.23 parser.go: "x509: negative serial number" (GODEBUG x509negativeserial=1 allows it).
  if (era.strictParse && isNegative(cert.serialHex)) return 'x509: negative serial number';
  if (era.strictParse) {
    // Go 1.23 parser.go processExtensions: RFC 5280 §4.2.1.2 and §4.2.2.1 say non-critical.
    for (const oid of cert.criticalExtensions) {
      if (oid === SKID) return 'x509: subject key identifier incorrectly marked critical';
      if (oid === AIA) return 'x509: authority info access incorrectly marked critical';
    }
  }
  for (const ip of cert.san?.ip ?? []) {
    const length = ip.bytesHex.length / 2;
    if (length !== 4 && length !== 16) {
      // Go 1.4–1.10.0 x509.go parseSANExtension; Go 1.10.1+ "cannot parse IP address".
      return era.ipLengthError === 'contained'
        ? `x509: certificate contained IP address of length ${length}`
        : `x509: cannot parse IP address of length ${length}`;
    }
  }
  if (era.dnsSanParse) {
    // Go 1.10.0 parseSANExtension: every dNSName through domainToReverseLabels.
    const bad = (cert.san?.dns ?? []).find((name) => !isDomain(name));
    if (bad !== undefined) return `x509: cannot parse dnsName ${goQuote(bad)}`;
  }
  if (era.unhandledCritical === 'parse' && unhandledCriticalExtension(cert, era) !== null) {
    // Go 1.4 parseCertificate: UnhandledCriticalExtension{} at parse time.
    return 'x509: unhandled critical extension';
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
