/**
 * The wording table: what `err.Error()` of Go's Certificate.Verify says for each Failure,
 * per era. Texts are Go 1.19 verify.go / x509.go unless a row says otherwise; older
 * differences cite the Go 1.2 and 1.10 verify.go copies named in eras.ts.
 */
import type { CertFacts } from '../../facts/types.js';
import {
  candidateNameOf,
  type CandidateName,
  type Failure,
  type KeyAlgorithm,
  type ParseProblem,
  type SignatureRejection,
  type UriProblem,
} from '../failures.js';
import type { GoEra } from './eras.js';
import { nameConstraintMessage } from './name-constraint-messages.js';
import { formatRfc3339 } from './validity.js';
import { goQuote } from './quote.js';

export { goQuote };
import { EKU_NAMES } from '../../facts/tables.js';

const UNKNOWN_AUTHORITY = 'x509: certificate signed by unknown authority';
const EXPIRED = 'x509: certificate has expired or is not yet valid';

/** The Go type of a public key, as signaturePublicKeyAlgoMismatchError prints it (`%T`). */
const GO_KEY_TYPES: Readonly<Record<KeyAlgorithm, string>> = {
  RSA: '*rsa.PublicKey',
  ECDSA: '*ecdsa.PublicKey',
  Ed25519: 'ed25519.PublicKey',
};

/** Go 1.19 x509.go error texts of CheckSignatureFrom / checkSignature, per era. */
export function signatureErrorText(rejection: SignatureRejection, era: GoEra): string {
  switch (rejection.kind) {
    case 'constraint':
      // ConstraintViolationError.Error (same text in Go 1.2 x509.go).
      return 'x509: invalid signature: parent certificate cannot sign this kind of certificate';
    case 'unsupported':
      return 'x509: cannot verify signature: algorithm unimplemented';
    case 'insecure': {
      // InsecureAlgorithmError.Error: the GODEBUG hint only for the SHA-1 algorithms.
      // Go 1.24 removed x509sha1 (golang/go#62048), and with it the hint.
      const sha1 = rejection.algorithm === 'SHA1-RSA' || rejection.algorithm === 'ECDSA-SHA1';
      const hint = sha1 && !era.sha1Always ? ' (temporarily override with GODEBUG=x509sha1=1)' : '';
      return `x509: cannot verify signature: insecure algorithm ${rejection.algorithm}${hint}`;
    }
    case 'rsa-too-small':
      // Go 1.24 crypto/rsa checkKeySize (golang/go#68762); from the release notes, not run here.
      return `crypto/rsa: ${rejection.bits}-bit keys are insecure (see https://go.dev/pkg/crypto/rsa#hdr-Minimum_key_size)`;
    case 'key-mismatch':
      return `x509: signature algorithm specifies an ${rejection.expected} public key, but have public key of type ${GO_KEY_TYPES[rejection.actual]}`;
    case 'bad-signature':
      switch (rejection.keyAlgorithm) {
        case 'RSA':
          return 'crypto/rsa: verification error';
        case 'ECDSA':
          return 'x509: ECDSA verification failure';
        case 'Ed25519':
          return 'x509: Ed25519 verification failure';
      }
  }
}

/**
 * The name UnknownAuthorityError prints for the rejected candidate: CN, else the first
 * Organization, else `serial:<decimal>`. Go 1.2 overwrote the Organization with the serial.
 */
export function candidateName(candidate: CandidateName, era: GoEra): string {
  if (candidate.commonName !== '') return candidate.commonName;
  if (candidate.organization !== null && !era.hintOrganizationBug) return candidate.organization;
  return `serial:${candidate.serialDecimal}`;
}

/**
 * ParseCertificate's error for what it refused, in this era's words: Go 1.19 parser.go
 * unless a case says otherwise.
 */
export function parseErrorText(problem: ParseProblem, era: GoEra): string {
  switch (problem.kind) {
    case 'negative-serial':
      // Go 1.23 parser.go.
      return 'x509: negative serial number';
    case 'signature-algorithm-mismatch':
      return "x509: inner and outer signature algorithm identifiers don't match";
    case 'ec-parameters-not-named':
      // Go ≤ 1.16 x509.go unmarshals the parameters into an OID; Go 1.17+ parser.go (real Go
      // 1.19 on x509-limbo).
      return era.parser === 'cryptobyte'
        ? 'x509: invalid ECDSA parameters'
        : 'x509: failed to parse ECDSA parameters as named curve';
    case 'ec-curve-unsupported':
      // The same text from Go 1.4 x509.go to Go 1.23 parser.go.
      return 'x509: unsupported elliptic curve';
    case 'duplicate-extension':
      // Go 1.23 names the first OID seen twice.
      return era.duplicateExtensions === 'refused-naming-oid'
        ? `x509: certificate contains duplicate extension with OID ${goQuote(problem.oid)}`
        : 'x509: certificate contains duplicate extensions';
    case 'extension-marked-critical':
      // Go 1.23 parser.go processExtensions.
      return problem.oid === SKID_OID
        ? 'x509: subject key identifier incorrectly marked critical'
        : 'x509: authority info access incorrectly marked critical';
    case 'san-undecodable':
      return 'x509: invalid subject alternative names';
    case 'san-not-ia5':
      return `x509: SAN ${SAN_ENTRY_NAMES[problem.entry]} is malformed`;
    case 'aia-malformed':
      return 'x509: invalid authority info access';
    case 'ip-san-length':
      // Go 1.4–1.10.0 x509.go parseSANExtension; Go 1.10.1+ "cannot parse IP address".
      return era.ipLengthError === 'contained'
        ? `x509: certificate contained IP address of length ${problem.length}`
        : `x509: cannot parse IP address of length ${problem.length}`;
    case 'dns-san-invalid':
      return `x509: cannot parse dnsName ${goQuote(problem.name)}`;
    case 'uri-san-invalid': {
      if (problem.problem.kind === 'host-not-domain') {
        return `x509: cannot parse URI ${goQuote(problem.uri)}: invalid domain`;
      }
      // The url.Error quotes the URL from Go 1.14 (release notes: "the resulting Error
      // message will now quote the unparsable URL"), the release that added expiry detail.
      const url = era.expiryDetail ? goQuote(problem.uri) : problem.uri;
      return `x509: cannot parse URI ${goQuote(problem.uri)}: parse ${url}: ${urlErrorText(problem.problem)}`;
    }
    case 'unhandled-critical-extension':
      // Go 1.4 parseCertificate: UnhandledCriticalExtension{} at parse time.
      return 'x509: unhandled critical extension';
  }
}

const SKID_OID = '2.5.29.14';

/** The GeneralName field names Go 1.17+ parser.go forEachSAN prints. */
const SAN_ENTRY_NAMES = { email: 'rfc822Name', dns: 'dNSName', uri: 'uniformResourceIdentifier' };

/** net/url's error texts (Go 1.19 url.go): getScheme, parse, parseHost, unescape. */
function urlErrorText(problem: Exclude<UriProblem, { kind: 'host-not-domain' }>): string {
  switch (problem.kind) {
    case 'control-character':
      return 'net/url: invalid control character in URL';
    case 'missing-scheme':
      return 'missing protocol scheme';
    case 'colon-in-first-segment':
      return 'first path segment in URL cannot contain colon';
    case 'missing-bracket':
      return "missing ']' in host";
    case 'invalid-port':
      return `invalid port ${goQuote(problem.port)} after host`;
    case 'invalid-host-character':
      return `invalid character ${goQuote(problem.char)} in host name`;
    case 'invalid-escape':
      return `invalid URL escape ${goQuote(problem.escape)}`;
  }
}

/** The message for a failure, exactly as that Go version's `err.Error()` prints it. */
export function goMessage(failure: Failure, era: GoEra, leaf: CertFacts): string {
  switch (failure.code) {
    case 'expired':
      // Detail added by golang/go#34646 (Go 1.14); Go 1.2/1.10 copies have no detail.
      return era.expiryDetail
        ? `${EXPIRED}: current time ${formatRfc3339(failure.now)} is after ${formatRfc3339(failure.notAfter)}`
        : EXPIRED;
    case 'not-yet-valid':
      return era.expiryDetail
        ? `${EXPIRED}: current time ${formatRfc3339(failure.now)} is before ${formatRfc3339(failure.notBefore)}`
        : EXPIRED;
    case 'no-ip-sans':
      return `x509: cannot validate certificate for ${failure.host} because it doesn't contain any IP SANs`;
    case 'ip-not-in-sans':
      return validFor(failure.ipSans.join(', '), failure.host, era);
    case 'name-not-in-sans':
      return validFor(failure.dnsSans.join(', '), failure.host, era);
    case 'cn-mismatch':
      return validFor(failure.commonName, failure.host, era);
    case 'no-names':
      return validFor('', failure.host, era);
    case 'legacy-common-name':
      // Go 1.15–1.16 (CL 231379, release notes 063ce0f2) vs Go 1.17+ (x509ignoreCN removed).
      return era.cnMessage === 'legacy-godebug'
        ? 'x509: certificate relies on legacy Common Name field, use SANs or temporarily enable Common Name matching with GODEBUG=x509ignoreCN=0'
        : 'x509: certificate relies on legacy Common Name field, use SANs instead';
    case 'cn-not-hostname':
      // Go 1.11–1.14 HostnameError.Error (verify.go after 0852a104).
      return `x509: Common Name is not a valid hostname: ${failure.commonName}`;
    case 'eku-incompatible':
      return ekuMessage(failure, era);
    case 'unhandled-critical-extension':
      return 'x509: unhandled critical extension';
    case 'certificate-unparseable':
      // crypto/tls handshake_client.go wraps what ParseCertificate said about the server's
      // certificate (every release since Go 1.0).
      return failure.depth === 0
        ? `tls: failed to parse certificate from server: ${parseErrorText(failure.problem, era)}`
        : parseErrorText(failure.problem, era);
    case 'unknown-authority':
      return failure.hint === null
        ? UNKNOWN_AUTHORITY
        : withHint(
            signatureErrorText(failure.hint.rejection, era),
            candidateName(failure.hint.candidate, era),
          );
    case 'self-signed-not-ca':
      // Go ≤ 1.7: the leaf, as its own candidate parent, fails CheckSignatureFrom (Go 1.2
      // x509.go; golang/go#16763 added the Roots shortcut).
      return withHint(
        signatureErrorText({ kind: 'constraint' }, era),
        candidateName(candidateNameOf(leaf), era),
      );
    case 'self-signed-untrusted':
      // Go has no separate error for a self-signed leaf missing from Roots.
      return UNKNOWN_AUTHORITY;
    case 'intermediate-not-ca':
      return 'x509: certificate is not authorized to sign other certificates';
    case 'path-length-exceeded':
      return 'x509: too many intermediates for path length constraint';
    case 'issuer-name-mismatch':
      return 'x509: issuer name does not match subject from issuing certificate';
    // Causes other clients report that Go folds into its own errors (never produced by the
    // Go profiles, worded as Go would surface them).
    case 'signature-invalid':
    case 'issuer-key-usage-no-cert-sign':
    case 'untrusted-root':
      // A rejected parent is only a hint of UnknownAuthorityError; no candidate is known here.
      return UNKNOWN_AUTHORITY;
    case 'anchor-not-self-signed':
      // Go anchors at any certificate in Roots, self-signed or not; nearest error.
      return UNKNOWN_AUTHORITY;
    case 'key-usage-incompatible':
      // Go ignores the leaf's keyUsage bits (Go 1.10 isValid comment); nearest error.
      return 'x509: certificate specifies an incompatible key usage';
    case 'signature-check-limit':
      // buildChains in the Go 1.10 and 1.19 verify.go (maxChainSignatureChecks).
      return 'x509: signature check attempts limit reached while verifying certificate chain';
    case 'weak-signature-digest':
      // Go has no security levels; a rejected SHA-1/MD5 parent is a hint of
      // UnknownAuthorityError instead (never produced by the Go profiles).
      return UNKNOWN_AUTHORITY;
    case 'name-not-permitted':
    case 'name-excluded':
    case 'name-constraint-unsupported':
    case 'name-constraints-without-sans':
    case 'name-constraint-limit':
      return nameConstraintMessage(failure, era);
  }
}

/** `%#v` of an asn1.ObjectIdentifier, as Go 1.10.0–1.10.2 print EKU errors. */
function goOidValue(oid: string): string {
  return `asn1.ObjectIdentifier{${oid.split('.').join(', ')}}`;
}

const SERVER_AUTH_OID = '1.3.6.1.5.5.7.3.1';

const EKU_OIDS: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(EKU_NAMES).map(([oid, name]) => [name, oid]),
);

/** The dotted OID of a recognised EKU name (unknown EKUs are kept as OIDs already). */
export function ekuOid(name: string): string {
  return EKU_OIDS[name] ?? name;
}

/** CertificateInvalidError for IncompatibleUsage / CANotAuthorizedForExtKeyUsage, per era. */
function ekuMessage(failure: Extract<Failure, { code: 'eku-incompatible' }>, era: GoEra): string {
  const base = 'x509: certificate specifies an incompatible key usage';
  if (failure.notPermitted !== undefined) {
    // Go 1.10.0–1.10.2 isValid for an intermediate whose EKUs do not cover the leaf's.
    return `x509: a root or intermediate certificate is not authorized for an extended key usage: EKU not permitted: ${goOidValue(failure.notPermitted)}`;
  }
  if (failure.depth !== 0) return base;
  switch (era.ekuDetail) {
    case 'none':
      return base;
    case 'requested-oid':
      // Go 1.10.0: the requested usage (serverAuth), `%#v`.
      return `${base}: ${goOidValue(SERVER_AUTH_OID)}`;
    case 'recognized-ekus':
      // Go 1.10.1–1.10.2: the leaf's recognised EKUs, dotted.
      return `${base}: leaf contains the following, recognized EKUs: ${failure.usages.map(ekuOid).join(', ')}`;
  }
}

/**
 * HostnameError's list form. An empty list reads "is not valid for any names" where the
 * era has that branch (Go 1.8/1.9 fork, 1.10+); Go 1.2 printed the empty list as is.
 */
function validFor(valid: string, host: string, era: GoEra): string {
  if (valid === '' && era.emptyNamesMessage) {
    return `x509: certificate is not valid for any names, but wanted to match ${host}`;
  }
  return `x509: certificate is valid for ${valid}, not ${host}`;
}

/** UnknownAuthorityError with its hint (since Go 1.2, b419e2b5): `%q` of both parts. */
function withHint(error: string, candidate: string): string {
  return `${UNKNOWN_AUTHORITY} (possibly because of ${goQuote(error)} while trying to verify candidate authority certificate ${goQuote(candidate)})`;
}
