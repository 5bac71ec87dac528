/**
 * The rule table of Go's crypto/x509 `Certificate.Verify`, one row per modelled era.
 *
 * Sources:
 * - go: the installed Go 1.19 source, /usr/lib/go-1.19/src/crypto/x509/{verify,x509,parser}.go,
 *   which is also the differential oracle (tests/differential/go.test.ts).
 * - go1.10: the Go 1.10 crypto/x509/verify.go as copied in epfl-dcsl/gotee@79cb904e
 *   (hasSANExtension CN rule, trailing dots stripped on both sides, no Expired detail).
 * - go1.8: an indexed fork of the Go 1.8/1.9 crypto/x509/verify.go (`roots.contains`
 *   shortcut, `len(DNSNames) > 0` CN rule, trailing dots stripped, findVerifiedParents).
 * - go1.5 / go1.4: the Go 1.2 source (lightgo, release-branch.go1.2 bf5d7c67) plus the
 *   wildcard change e7fae685 (CL 5691, Feb 2015, Fixes #9834: `*` only in the left-most
 *   label, first released in Go 1.5).
 * Every row that cannot run here is checked against documented cases instead
 * (tests/verify/go/eras.test.ts), each with its source.
 */
import type { ClientId } from '../types.js';

export type GoClientId = Extract<
  ClientId,
  'go' | 'go1.15' | 'go1.14' | 'go1.11' | 'go1.10' | 'go1.8' | 'go1.5' | 'go1.4'
>;

/** When a DNS host is compared with the subject CN. */
export type CnFallback =
  /** Go 1.0–1.9: whenever the certificate has no DNS SANs (`len(c.DNSNames) > 0` else CN). */
  | 'no-dns-sans'
  /** Go 1.10: only when there is no SAN extension at all (`c.hasSANExtension()`). */
  | 'no-san-extension'
  /** Go 1.11–1.14: no SAN extension and the CN is a valid hostname (`commonNameAsHostname`). */
  | 'no-san-extension-valid-hostname'
  /** Go 1.15–1.16: never by default; the error suggests GODEBUG=x509ignoreCN=0. */
  | 'never-godebug-hint'
  /** Go 1.17+: never, the flag is gone. */
  | 'never';

/** Which extra explanation HostnameError.Error() gives when only the CN would match. */
export type CnMessage = 'none' | 'cn-not-hostname' | 'legacy-godebug' | 'legacy-sans-instead';

export interface GoEra {
  readonly id: GoClientId;
  readonly label: string;
  readonly usedBy: string;
  readonly oracle: 'go1.19' | 'documented';
  readonly cnFallback: CnFallback;
  readonly cnMessage: CnMessage;
  /** `*` honoured in any label (Go ≤ 1.4) or only as the whole left-most label. */
  readonly wildcard: 'any-label' | 'left-most';
  /**
   * 'none': no trailing-dot handling (Go 1.2 source);
   * 'strip-both': matchHostnames trims one dot from pattern and host (Go 1.8/1.9 fork, 1.10);
   * 'strip-input': only the host is trimmed, a dotted pattern is invalid (Go 1.15+).
   */
  readonly trailingDot: 'none' | 'strip-both' | 'strip-input';
  /** Invalid hostnames (pattern or input) are compared exactly, without wildcards (Go ≥ 1.15). */
  readonly matchExactlyInvalid: boolean;
  /** HostnameError says "is not valid for any names" when nothing is listed. */
  readonly emptyNamesMessage: boolean;
  /** Expired errors carry `: current time X is after Y` (golang/go#34646, Go 1.14). */
  readonly expiryDetail: boolean;
  /** A leaf found byte-for-byte in Roots is a one-element chain, no CA checks (Go ≥ 1.8). */
  readonly selfInRootsShortcut: boolean;
  /**
   * Where unhandled critical extensions are rejected: at parse time (Go ≤ 1.4), in Verify
   * for the leaf only (Go 1.5–1.9), or in isValid for every certificate of the chain (≥ 1.10).
   */
  readonly unhandledCritical: 'parse' | 'verify-leaf' | 'every-certificate';
  /**
   * Chain building: 'verified-parents' is Go 1.2–1.9's findVerifiedParents (candidates by
   * AKID, else by issuer name; hint = the last rejected candidate); 'consider-candidates' is
   * Go 1.10+ (hint = the first rejected candidate, isValid checks NameMismatch).
   */
  readonly chainBuilder: 'verified-parents' | 'consider-candidates';
  /** Candidate lookup: AKID→SKID else issuer name, or every issuer-name match ranked by key id. */
  readonly parentLookup: 'akid-then-name' | 'name-ranked';
  /** Netscape/Microsoft Server Gated Crypto EKUs count as serverAuth. */
  readonly sgcIsServerAuth: boolean;
  /** SHA-1 signatures on certificates are rejected (golang/go#41682, Go 1.18). */
  readonly sha1Insecure: boolean;
  /** MD5 signatures are rejected as insecure. */
  readonly md5Insecure: boolean;
  /** Ed25519 keys are understood (Go 1.13+). */
  readonly ed25519: boolean;
  /** IPv4 literals with leading zeros parse (net.ParseIP before Go 1.17, CL 325829). */
  readonly ipv4LeadingZeros: boolean;
  /** Go 1.2's hint-name bug: an empty CN always yields `serial:<n>`, never the Organization. */
  readonly hintOrganizationBug: boolean;
}

/**
 * Each era is the one before it plus what that Go release changed, so a row shows only
 * its changes and the source for each; an unchanged rule is inherited, never restated.
 */
function changedIn(
  previous: GoEra,
  changes: Partial<GoEra> & Pick<GoEra, 'id' | 'label' | 'usedBy'>,
): GoEra {
  return { ...previous, ...changes };
}

const GO_1_4: GoEra = {
  id: 'go1.4',
  label: 'Go 1.4',
  usedBy: 'Heapster v0.13–v0.17 (Go 1.4.2)',
  oracle: 'documented',
  cnFallback: 'no-dns-sans',
  cnMessage: 'none',
  // Go 1.2 matchHostnames: `if patternPart == "*" { continue }` in every label (before e7fae685).
  wildcard: 'any-label',
  trailingDot: 'none',
  matchExactlyInvalid: false,
  // Go 1.2 source: "x509: certificate is valid for " + valid + ", not " + host, even when
  // valid is empty.
  emptyNamesMessage: false,
  expiryDetail: false,
  // Before golang/go#16763 the leaf in Roots must pass CheckSignatureFrom(itself), which
  // rejects CA:FALSE / no basicConstraints / keyUsage without certSign (Go 1.2 x509.go).
  selfInRootsShortcut: false,
  // Go 1.2 parser rejects unhandled critical extensions while parsing; the text is the same
  // UnhandledCriticalExtension error.
  unhandledCritical: 'parse',
  chainBuilder: 'verified-parents',
  // Go 1.2 cert_pool.go findVerifiedParents: bySubjectKeyId[AKID], else byName[RawIssuer].
  parentLookup: 'akid-then-name',
  // UNCONFIRMED: SGC acceptance assumed as in the 1.8/1.9 fork.
  sgcIsServerAuth: true,
  sha1Insecure: false,
  md5Insecure: false,
  ed25519: false,
  ipv4LeadingZeros: true,
  // Go 1.2 UnknownAuthorityError.Error overwrites the Organization fallback with the serial
  // (Go 1.2 verify.go). UNCONFIRMED whether 1.4 still has it; assumed so.
  hintOrganizationBug: true,
};

// Go 1.5–1.7 otherwise keep the Go 1.2 rules, UNCONFIRMED (best guess: unchanged): no
// trailing-dot handling, "valid for , not host" when nothing is listed. UNCONFIRMED: MD5
// rejection (InsecureAlgorithmError) is assumed to start in Go 1.6, so not in this row.
const GO_1_5 = changedIn(GO_1_4, {
  id: 'go1.5',
  label: 'Go 1.5–1.7',
  usedBy: 'Heapster v0.18–v1.3 (Go 1.5–1.7)',
  // e7fae685 / CL 5691 (Fixes #9834, Feb 2015 ⇒ Go 1.5): `i == 0 && patternPart == "*"`.
  wildcard: 'left-most',
  // UNCONFIRMED: Certificate.UnhandledCriticalExtensions (checked in Verify) is assumed to
  // have replaced the parse-time rejection in Go 1.5.
  unhandledCritical: 'verify-leaf',
  // UNCONFIRMED: the Go 1.2 hint-name bug (see Go 1.4) is assumed gone by Go 1.5.
  hintOrganizationBug: false,
});

// The Go 1.8/1.9 fork keeps `if len(c.DNSNames) > 0 { ... } else if matchHostnames(CN, ...)`
// and checks `len(c.UnhandledCriticalExtensions) > 0` in Verify, before isValid.
const GO_1_8 = changedIn(GO_1_5, {
  id: 'go1.8',
  label: 'Go 1.8–1.9',
  usedBy: 'Heapster v1.4–v1.6 (Go 1.8–1.9)',
  // Go 1.8/1.9 fork matchHostnames trims a dot from both. UNCONFIRMED in which release
  // between 1.2 (none) and 1.8 it appeared; assumed present from 1.8 on.
  trailingDot: 'strip-both',
  // Go 1.8/1.9 fork HostnameError.Error has the "not valid for any names" branch. UNCONFIRMED
  // for tagged 1.8 sources.
  emptyNamesMessage: true,
  // golang/go#16763 (agl, 2016-08): self-signed leaf in Roots accepted as is. First release by
  // date Go 1.8 — UNCONFIRMED against a tagged 1.8 source; the 1.8/1.9 fork has it.
  selfInRootsShortcut: true,
  md5Insecure: true,
});

// gotee@79cb904e keeps matchHostnames' TrimSuffix(".") on host and pattern, and
// checkChainForKeyUsage's SGC case ("In order to support COMODO certificate chains").
const GO_1_10 = changedIn(GO_1_8, {
  id: 'go1.10',
  label: 'Go 1.10',
  usedBy: 'Go 1.10 clients',
  // gotee@79cb904e verify.go: `if c.hasSANExtension() { DNSNames } else { CN }`.
  cnFallback: 'no-san-extension',
  // gotee@79cb904e isValid starts with the UnhandledCriticalExtensions check.
  unhandledCritical: 'every-certificate',
  chainBuilder: 'consider-candidates',
});

// Ed25519 certificates arrived in Go 1.13; the row follows 1.11–1.12.
const GO_1_11 = changedIn(GO_1_10, {
  id: 'go1.11',
  label: 'Go 1.11–1.13',
  usedBy: 'Go 1.11–1.13 clients',
  // UNCONFIRMED first release of the validHostname condition: seen in a ~1.13 copy,
  // introduced with 0852a104 (July 2018), so Go 1.11 by date.
  cnFallback: 'no-san-extension-valid-hostname',
  cnMessage: 'cn-not-hostname',
});

// 0852a104 (x509ignoreCN=1 opt-in, July 2018): commonNameAsHostname, same as 1.11–1.13.
const GO_1_14 = changedIn(GO_1_11, {
  id: 'go1.14',
  label: 'Go 1.14',
  usedBy: 'Go 1.14 clients',
  // golang/go#34646 "crypto/x509: add Detail to Expired errors" (Oct 2019). UNCONFIRMED
  // that it shipped in 1.14 rather than 1.15; 1.14 is the release by date.
  expiryDetail: true,
  ed25519: true,
});

// UNCONFIRMED: the ranked parent lookup of Go 1.19 is assumed to be newer than 1.16 (Go
// 1.10's AKID-then-name lookup unchanged until then), and SGC acceptance, seen in the Go
// 1.10 copy and gone in Go 1.19, is assumed to last until 1.16.
const GO_1_15 = changedIn(GO_1_14, {
  id: 'go1.15',
  label: 'Go 1.15–1.16',
  usedBy: 'Go 1.15–1.16 clients with the default GODEBUG',
  // d65e1b2e41 / CL 231379: ignoreCN unless GODEBUG=x509ignoreCN=0; release notes 063ce0f2.
  cnFallback: 'never-godebug-hint',
  cnMessage: 'legacy-godebug',
  // CL 231378/231380/231381 (Go 1.15): validHostnameInput trims the input's dot only.
  trailingDot: 'strip-input',
  matchExactlyInvalid: true,
});

const GO_1_18 = changedIn(GO_1_15, {
  id: 'go',
  label: 'Go 1.18+',
  usedBy: 'client-go and other current Go clients (checked against Go 1.19)',
  oracle: 'go1.19',
  // Go 1.19 verify.go VerifyHostname: "the legacy Common Name field is ignored".
  cnFallback: 'never',
  // Go 1.19 verify.go HostnameError.Error: "... use SANs instead".
  cnMessage: 'legacy-sans-instead',
  // Go 1.19 cert_pool.go findPotentialParents: byName, ranked AKID/SKID match first.
  parentLookup: 'name-ranked',
  // Go 1.19 verify.go checkChainForKeyUsage has no SGC special case.
  sgcIsServerAuth: false,
  // golang/go#41682 (Go 1.18).
  sha1Insecure: true,
  // net.ParseIP rejects leading zeros from Go 1.17 (CL 325829).
  ipv4LeadingZeros: false,
});

/** Newest first; the order is the order of the `go*` profiles in reports. */
export const GO_ERAS: readonly GoEra[] = [
  GO_1_18,
  GO_1_15,
  GO_1_14,
  GO_1_11,
  GO_1_10,
  GO_1_8,
  GO_1_5,
  GO_1_4,
];

export function goEra(id: GoClientId): GoEra {
  const era = GO_ERAS.find((row) => row.id === id);
  if (!era) throw new Error(`no Go era ${id}`);
  return era;
}
