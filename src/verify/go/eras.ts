/**
 * The rule table of Go's crypto/x509 `Certificate.Verify`: one row per range of Go releases
 * that behaves the same, each row the one before it plus what that release changed.
 *
 * Sources, in the order they decide:
 * - the recorded answers of every release's own crypto/x509 on 379 cases
 *   (fixtures/go-releases; `checkedAgainst` names the release file and its commit), replayed
 *   by tests/verify/go/releases.test.ts with no tolerance;
 * - the real toolchains installed here, Go 1.19.8, 1.21.13, 1.22.12 and 1.23.5, live over the
 *   differential corpora (tests/differential/go.test.ts, chains.test.ts);
 * - the Go sources where a rule was first read: Go 1.19 crypto/x509/{verify,x509,parser}.go,
 *   the Go 1.10 verify.go (epfl-dcsl/gotee@79cb904e), the Go 1.2 source (lightgo
 *   release-branch.go1.2 bf5d7c67), the wildcard change e7fae685 (CL 5691);
 * - release notes, for the two rows not run here (`checkedAgainst: null`): Go 1.17 and 1.24+.
 * Which row models a release: releases.ts.
 */
import type { ClientId } from '../types.js';

export type GoClientId = Exclude<ClientId, 'openssl' | 'node'>;

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
  /** The first and last Go release this row models (`go1.N` or `go1.N.P`; last null: to date). */
  readonly releases: { readonly first: string; readonly last: string | null };
  /**
   * What the row is checked against: a real release, recorded (fixtures/go-releases) or run
   * live (tests/differential), or only the release notes ('documented', not run here).
   */
  readonly checkedAgainst: string | null;
  readonly cnFallback: CnFallback;
  readonly cnMessage: CnMessage;
  /** validHostname accepts `:` in a CN read as a host name (Go 1.11.1–1.14). */
  readonly cnColonValid: boolean;
  /** `*` honoured in any label (Go ≤ 1.4) or only as the whole left-most label. */
  readonly wildcard: 'any-label' | 'left-most';
  /** A DNS SAN that is exactly `*` matches a one-label host (until Go 1.22). */
  readonly bareStarMatches: boolean;
  /**
   * 'none': no trailing-dot handling (Go 1.4);
   * 'strip-both': matchHostnames trims one dot from pattern and host (Go 1.5–1.14);
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
   * Where unhandled critical extensions are rejected: at parse time (Go 1.4: the leaf does
   * not parse, a CA never enters a pool), in Verify for the leaf only (Go 1.5–1.8.4,
   * 1.9–1.9.1), or in isValid for every certificate of the chain (1.8.5, 1.9.2, 1.10+).
   */
  readonly unhandledCritical: 'parse' | 'verify-leaf' | 'every-certificate';
  /** Critical certificatePolicies and authorityInfoAccess are understood (not in Go 1.4). */
  readonly policiesAiaHandled: boolean;
  /** URI SANs are parsed, so a critical SAN holding only URIs is handled (Go 1.10+). */
  readonly uriSans: boolean;
  /**
   * Chain building: 'verified-parents' is Go 1.2–1.9's findVerifiedParents (candidates by
   * AKID, else by issuer name; hint = the last rejected candidate); 'consider-candidates' is
   * Go 1.10+ (isValid checks NameMismatch).
   */
  readonly chainBuilder: 'verified-parents' | 'consider-candidates';
  /** Which rejected candidate UnknownAuthorityError names (Go 1.10–1.11.5: the last). */
  readonly hint: 'first' | 'last';
  /** maxChainSignatureChecks (100) applies (Go 1.10.6+ with 1.11.3+; absent before). */
  readonly signatureCheckLimit: boolean;
  /**
   * Candidate lookup: AKID→SKID else issuer name; AKID→SKID only when the child has an
   * AKID (Go 1.10.6–1.10.8, 1.11.3–1.11.5); or every issuer-name match ranked by key id.
   */
  readonly parentLookup: 'akid-then-name' | 'akid-only' | 'name-ranked';
  /**
   * How a candidate already in the chain is recognised: the same DER (Go ≤ 1.16), or the
   * same subject, key and SANs (Go 1.19 alreadyInChain), which also skips a re-issued twin.
   */
  readonly alreadyInChain: 'raw' | 'subject-key-san';
  /** Netscape/Microsoft Server Gated Crypto EKUs count as serverAuth. */
  readonly sgcIsServerAuth: boolean;
  /**
   * Extended key usage: 'chain' is checkChainForKeyUsage over each verified chain (Go ≤ 1.9,
   * 1.10.3+); 'leaf-then-intermediates' is Go 1.10.0–1.10.2 (the leaf's recognised EKUs
   * before chain building, each intermediate must permit the leaf's EKUs, roots unchecked).
   */
  readonly ekuCheck: 'chain' | 'leaf-then-intermediates';
  /** How the 1.10.0–1.10.2 leaf EKU error describes itself. */
  readonly ekuDetail: 'none' | 'requested-oid' | 'recognized-ekus';
  /** SHA-1 signatures on certificates are rejected (golang/go#41682, Go 1.18). */
  readonly sha1Insecure: boolean;
  /** The x509sha1 GODEBUG hint is gone (Go 1.24). */
  readonly sha1Always: boolean;
  /** How an MD5 signature fails: not implemented (Go ≤ 1.5) or insecure (Go 1.6+). */
  readonly md5: 'unimplemented' | 'insecure';
  /** RSA keys under 1024 bits are refused by crypto/rsa (Go 1.24, GODEBUG rsa1024min=0). */
  readonly rsaMin1024: boolean;
  /** Ed25519 keys are understood (Go 1.13+). */
  readonly ed25519: boolean;
  /** IPv4 literals with leading zeros parse (net.ParseIP before Go 1.17, CL 325829). */
  readonly ipv4LeadingZeros: boolean;
  /** Go 1.2's hint-name bug: an empty CN always yields `serial:<n>`, never the Organization. */
  readonly hintOrganizationBug: boolean;
  /** The parser's words for an IP SAN that is neither 4 nor 16 octets. */
  readonly ipLengthError: 'contained' | 'cannot-parse';
  /** DNS SANs that are not valid domain labels fail to parse ("cannot parse dnsName"). */
  readonly dnsSanParse: boolean;
  /**
   * Go 1.23's stricter parsing: negative serials and critical SKID / AIA extensions refused,
   * and a leading dot of a DNS SAN counts as an empty label under name constraints.
   */
  readonly strictParse: boolean;
  /**
   * Which certificate parser: encoding/asn1 structs (Go ≤ 1.16 x509.go) or the cryptobyte
   * parser.go of the Go 1.17 rewrite, which compares the inner and outer signature
   * algorithms, refuses non-IA5 SAN strings and words its errors itself (parse.ts).
   */
  readonly parser: 'asn1' | 'cryptobyte';
  /**
   * ParseCertificate refuses a certificate with an extension twice: from Go 1.19 (release
   * notes), naming the OID from Go 1.23 (real go1.23.5); 'accepted' before.
   */
  readonly duplicateExtensions: 'accepted' | 'refused' | 'refused-naming-oid';
  /**
   * crypto/tls wraps a failed verification as `tls: failed to verify certificate: <x509
   * error>` (CertificateVerificationError, Go 1.20): what the component's log line shows
   * around the message (src/diagnose/logged.ts).
   */
  readonly tlsWrapsVerifyError: boolean;
  /** Name constraints, see name-constraints.ts. */
  readonly nameConstraints: NameConstraintRules;
}

/** How an era applies name constraints (name-constraints.ts). */
export type NameConstraintRules =
  | {
      readonly checks: 'host';
      readonly match: 'suffix' | 'leading-dot';
      /** Excluded dNSName subtrees are read and applied to the host (Go 1.9). */
      readonly excludedDns: boolean;
    }
  | {
      readonly checks: 'sans';
      readonly withoutSans: 'always-error' | 'error-if-cn-is-hostname' | 'ignore';
      /** The constrained CA's own SANs are checked too (Go 1.15–1.20). */
      readonly caOwnSans: boolean;
    };

/**
 * Each era is the one before it plus what that Go release changed, so a row shows only
 * its changes and the source for each; an unchanged rule is inherited, never restated.
 */
function changedIn(
  previous: GoEra,
  changes: Partial<GoEra> & Pick<GoEra, 'id' | 'label' | 'usedBy' | 'releases' | 'checkedAgainst'>,
): GoEra {
  return { ...previous, ...changes };
}

// Every row below Go 1.21 is checked against the recorded answers of that release's own
// crypto/x509 (fixtures/go-releases/real/<release>.jsonl, 379 cases); Go 1.19, 1.21, 1.22
// and 1.23 also run live (tests/differential). Rows marked "not run here" follow the
// release notes only.
const GO_1_4: GoEra = {
  id: 'go1.4',
  label: 'Go 1.4',
  usedBy: 'Heapster v0.13–v0.17 (Go 1.4.2)',
  releases: { first: 'go1.4', last: 'go1.4.3' },
  checkedAgainst: 'go1.4 (c303df65)',
  cnFallback: 'no-dns-sans',
  cnMessage: 'none',
  cnColonValid: false,
  // Go 1.4 matchHostnames: `if patternPart == "*" { continue }` in every label (before e7fae685).
  wildcard: 'any-label',
  bareStarMatches: true,
  // Go 1.4 matchHostnames compares host and pattern as they are (real go1.4: "kubernetes.default."
  // does not match a "kubernetes.default" SAN).
  trailingDot: 'none',
  matchExactlyInvalid: false,
  // Go 1.4 HostnameError: "x509: certificate is valid for " + valid + ", not " + host, even when
  // valid is empty.
  emptyNamesMessage: false,
  expiryDetail: false,
  // Before golang/go#16763 the leaf in Roots must pass CheckSignatureFrom(itself), which
  // rejects CA:FALSE / no basicConstraints / keyUsage without certSign.
  selfInRootsShortcut: false,
  // Go 1.4 parseCertificate: an unhandled critical extension is a parse error, so such a CA
  // never enters a pool (AppendCertsFromPEM skips it) and such a leaf never verifies.
  unhandledCritical: 'parse',
  // Go 1.4 parseCertificate has no case for critical certificatePolicies and AIA.
  policiesAiaHandled: false,
  uriSans: false,
  chainBuilder: 'verified-parents',
  hint: 'last',
  signatureCheckLimit: false,
  // Go 1.4 cert_pool.go findVerifiedParents: bySubjectKeyId[AKID], else byName[RawIssuer].
  parentLookup: 'akid-then-name',
  alreadyInChain: 'raw',
  // Go 1.4 verify.go checkChainForKeyUsage accepts the SGC EKUs (real go1.4 and go1.16 agree).
  sgcIsServerAuth: true,
  ekuCheck: 'chain',
  ekuDetail: 'none',
  sha1Insecure: false,
  sha1Always: false,
  // Go 1.4 has no MD5 verifier: "algorithm unimplemented" (real go1.4 and go1.5).
  md5: 'unimplemented',
  rsaMin1024: false,
  tlsWrapsVerifyError: false,
  ed25519: false,
  ipv4LeadingZeros: true,
  // Go 1.4 UnknownAuthorityError.Error overwrites the Organization fallback with the serial
  // (confirmed by real go1.4 to go1.7.6; fixed in Go 1.8).
  hintOrganizationBug: true,
  // Go 1.4–1.10.0 x509.go: "x509: certificate contained IP address of length %d".
  ipLengthError: 'contained',
  dnsSanParse: false,
  strictParse: false,
  parser: 'asn1',
  duplicateExtensions: 'accepted',
  nameConstraints: { checks: 'host', match: 'suffix', excludedDns: false },
};

const GO_1_5 = changedIn(GO_1_4, {
  id: 'go1.5',
  label: 'Go 1.5',
  usedBy: 'Heapster v0.18–v1.0 (Go 1.5.1)',
  releases: { first: 'go1.5', last: 'go1.5.4' },
  checkedAgainst: 'go1.5 (bb03defe)',
  // e7fae685 / CL 5691 (Fixes #9834): `*` only as the whole left-most label.
  wildcard: 'left-most',
  // Go 1.5 matchHostnames: strings.TrimSuffix(…, ".") on host and pattern (real go1.5).
  trailingDot: 'strip-both',
  // Go 1.5: Certificate.UnhandledCriticalExtensions, checked by Verify for the leaf.
  unhandledCritical: 'verify-leaf',
  policiesAiaHandled: true,
});

const GO_1_6 = changedIn(GO_1_5, {
  id: 'go1.6',
  label: 'Go 1.6–1.7',
  usedBy: 'Heapster v1.1–v1.3 (Go 1.6, 1.7)',
  releases: { first: 'go1.6', last: 'go1.7.6' },
  checkedAgainst: 'go1.6, go1.6.4, go1.7, go1.7.4 (same answers)',
  // Go 1.6 x509.go: MD5WithRSA is an InsecureAlgorithmError.
  md5: 'insecure',
});

const GO_1_8 = changedIn(GO_1_6, {
  id: 'go1.8',
  label: 'Go 1.8–1.8.4',
  usedBy: 'Heapster v1.4–v1.6 (built in the golang:1.8 image)',
  releases: { first: 'go1.8', last: 'go1.8.4' },
  checkedAgainst: 'go1.8 (cd6b6202)',
  // Go 1.8 HostnameError.Error has the "not valid for any names" branch.
  emptyNamesMessage: true,
  // golang/go#16763: a self-signed leaf in Roots is accepted as is (Go 1.8).
  selfInRootsShortcut: true,
  // Go 1.8 UnknownAuthorityError: the Organization when the CN is empty.
  hintOrganizationBug: false,
  // Go 1.8 matchNameConstraint: EqualFold, a leading `.` means "a subdomain".
  nameConstraints: { checks: 'host', match: 'leading-dot', excludedDns: false },
});

// Go 1.8.5 and 1.9.2 (security releases): isValid checks every CA's unhandled critical
// extensions (real go1.8.5 vs go1.8).
const GO_1_8_5 = changedIn(GO_1_8, {
  id: 'go1.8.5',
  label: 'Go 1.8.5–1.8.7',
  usedBy: 'Go 1.8.5–1.8.7 clients',
  releases: { first: 'go1.8.5', last: 'go1.8.7' },
  checkedAgainst: 'go1.8.5 (d4ccbd88)',
  unhandledCritical: 'every-certificate',
});

const GO_1_9 = changedIn(GO_1_8, {
  id: 'go1.9',
  label: 'Go 1.9–1.9.1',
  usedBy: 'Go 1.9–1.9.1 clients',
  releases: { first: 'go1.9', last: 'go1.9.1' },
  checkedAgainst: 'go1.9 (c8aec409)',
  // Go 1.9 verify.go VerifyHostname: the CN only when there is no SAN extension at all.
  cnFallback: 'no-san-extension',
  // Go 1.9 reads excluded dNSName subtrees and applies them to the dialled host.
  nameConstraints: { checks: 'host', match: 'leading-dot', excludedDns: true },
});

const GO_1_9_2 = changedIn(GO_1_9, {
  id: 'go1.9.2',
  label: 'Go 1.9.2–1.9.7',
  usedBy: 'Go 1.9.2–1.9.7 clients',
  releases: { first: 'go1.9.2', last: 'go1.9.7' },
  checkedAgainst: 'go1.9.2 (2ea7d346)',
  unhandledCritical: 'every-certificate',
});

const GO_1_10 = changedIn(GO_1_9_2, {
  id: 'go1.10',
  label: 'Go 1.10.0',
  usedBy: 'Go 1.10.0 clients',
  releases: { first: 'go1.10', last: 'go1.10' },
  checkedAgainst: 'go1.10 (bf86aec2)',
  // Go 1.10 x509.go parses URI SANs.
  uriSans: true,
  // Go 1.10 buildChains: considerCandidate per parent, NameMismatch in isValid; the hint is
  // overwritten by every rejected candidate, so it names the last; no signature budget yet.
  chainBuilder: 'consider-candidates',
  // Go 1.10 EKU rework: the leaf's EKUs before chain building, intermediates must permit them.
  ekuCheck: 'leaf-then-intermediates',
  ekuDetail: 'requested-oid',
  // Go 1.10 parseSANExtension: domainToReverseLabels must accept every dNSName.
  dnsSanParse: true,
  nameConstraints: { checks: 'sans', withoutSans: 'always-error', caOwnSans: false },
});

const GO_1_10_1 = changedIn(GO_1_10, {
  id: 'go1.10.1',
  label: 'Go 1.10.1–1.10.2',
  usedBy: 'Go 1.10.1–1.10.2 clients',
  releases: { first: 'go1.10.1', last: 'go1.10.2' },
  checkedAgainst: 'go1.10.1 (ac7c0ee2)',
  ekuDetail: 'recognized-ekus',
  // Go 1.10.1 (real go1.10.1 vs go1.10): invalid dNSNames parse again; IP length error reworded.
  dnsSanParse: false,
  ipLengthError: 'cannot-parse',
});

const GO_1_10_3 = changedIn(GO_1_10_1, {
  id: 'go1.10.3',
  label: 'Go 1.10.3–1.10.5',
  usedBy: 'Go 1.10.3–1.10.5 clients',
  releases: { first: 'go1.10.3', last: 'go1.10.5' },
  checkedAgainst: 'go1.10.3 (fe8a0d12)',
  // Go 1.10.3 (real go1.10.3 vs go1.10.1): back to checkChainForKeyUsage over each chain.
  ekuCheck: 'chain',
  ekuDetail: 'none',
});

const GO_1_10_6 = changedIn(GO_1_10_3, {
  id: 'go1.10.6',
  label: 'Go 1.10.6–1.10.8',
  usedBy: 'Go 1.10.6–1.10.8 clients',
  releases: { first: 'go1.10.6', last: 'go1.10.8' },
  checkedAgainst: 'go1.10.6 (25ca8f49)',
  // CVE-2018-16875 fix (Go 1.10.6 / 1.11.3): at most 100 signature checks; candidates by
  // AKID only when the child has one, so a stale CA is never tried (bare unknown authority).
  signatureCheckLimit: true,
  hint: 'first',
  parentLookup: 'akid-only',
});

const GO_1_11 = changedIn(GO_1_10_3, {
  id: 'go1.11',
  label: 'Go 1.11.0',
  usedBy: 'Go 1.11.0 clients',
  releases: { first: 'go1.11', last: 'go1.11' },
  checkedAgainst: 'go1.11 (41e62b8c)',
  // 0852a104 (golang/go#24151): the CN only when it is a valid hostname.
  cnFallback: 'no-san-extension-valid-hostname',
  cnMessage: 'cn-not-hostname',
  nameConstraints: { checks: 'sans', withoutSans: 'error-if-cn-is-hostname', caOwnSans: false },
});

const GO_1_11_1 = changedIn(GO_1_11, {
  id: 'go1.11.1',
  label: 'Go 1.11.1–1.11.2',
  usedBy: 'Go 1.11.1–1.11.2 clients',
  releases: { first: 'go1.11.1', last: 'go1.11.2' },
  checkedAgainst: 'go1.11.1 (26957168)',
  // Go 1.11.1 (real go1.11.1 vs go1.11): validHostname accepts `:` (CNs such as host:port).
  cnColonValid: true,
});

const GO_1_11_3 = changedIn(GO_1_11_1, {
  id: 'go1.11.3',
  label: 'Go 1.11.3–1.11.5',
  usedBy: 'Go 1.11.3–1.11.5 clients',
  releases: { first: 'go1.11.3', last: 'go1.11.5' },
  checkedAgainst: 'go1.11.3 (90c89644)',
  // The CVE-2018-16875 fix, as in Go 1.10.6.
  signatureCheckLimit: true,
  hint: 'first',
  parentLookup: 'akid-only',
});

const GO_1_11_6 = changedIn(GO_1_11_3, {
  id: 'go1.11.6',
  label: 'Go 1.11.6–1.12',
  usedBy: 'Go 1.11.6–1.12.17 clients',
  releases: { first: 'go1.11.6', last: 'go1.12.17' },
  checkedAgainst: 'go1.11.6, go1.12 (same answers)',
  // Go 1.11.6 and 1.12 (real answers): the issuer-name fallback is back.
  parentLookup: 'akid-then-name',
});

const GO_1_13 = changedIn(GO_1_11_6, {
  id: 'go1.13',
  label: 'Go 1.13',
  usedBy: 'Go 1.13 clients',
  releases: { first: 'go1.13', last: 'go1.13.15' },
  checkedAgainst: 'go1.13, go1.13.8, go1.13.13 (same answers)',
  // Go 1.13 release notes: Ed25519 certificates.
  ed25519: true,
});

const GO_1_14 = changedIn(GO_1_13, {
  id: 'go1.14',
  label: 'Go 1.14',
  usedBy: 'Go 1.14 clients',
  releases: { first: 'go1.14', last: 'go1.14.15' },
  checkedAgainst: 'go1.14, go1.14.5 (same answers)',
  // golang/go#34646 "crypto/x509: add Detail to Expired errors" (Go 1.14).
  expiryDetail: true,
});

const GO_1_15 = changedIn(GO_1_14, {
  id: 'go1.15',
  label: 'Go 1.15',
  usedBy: 'Go 1.15 clients with the default GODEBUG',
  releases: { first: 'go1.15', last: 'go1.15.15' },
  checkedAgainst: 'go1.15 (0fdc3801)',
  // d65e1b2e41 / CL 231379: ignoreCN unless GODEBUG=x509ignoreCN=0; release notes 063ce0f2.
  cnFallback: 'never-godebug-hint',
  cnMessage: 'legacy-godebug',
  cnColonValid: false,
  // CL 231378/231380/231381 (Go 1.15): validHostnameInput trims the input's dot only.
  trailingDot: 'strip-input',
  matchExactlyInvalid: true,
  nameConstraints: { checks: 'sans', withoutSans: 'ignore', caOwnSans: false },
});

const GO_1_16 = changedIn(GO_1_15, {
  id: 'go1.16',
  label: 'Go 1.16',
  usedBy: 'Go 1.16 clients with the default GODEBUG',
  releases: { first: 'go1.16', last: 'go1.16.15' },
  checkedAgainst: 'go1.16 (f21be2fd)',
  // Go 1.16 cert_pool.go findPotentialParents: every issuer-name match, ranked by key id.
  parentLookup: 'name-ranked',
});

const GO_1_17 = changedIn(GO_1_16, {
  id: 'go1.17',
  label: 'Go 1.17',
  usedBy: 'Go 1.17 clients (not run here)',
  releases: { first: 'go1.17', last: 'go1.17.13' },
  checkedAgainst: null,
  // Go 1.17 release notes: the x509ignoreCN GODEBUG is gone; net.ParseIP rejects leading
  // zeros (CL 325829). Name constraints on the CA's own SANs: as Go 1.19 (between 1.16,
  // which does not, and 1.19, which does; the 1.17 parser rewrite).
  cnFallback: 'never',
  cnMessage: 'legacy-sans-instead',
  ipv4LeadingZeros: false,
  sgcIsServerAuth: false,
  // Between 1.16 (real: raw comparison) and 1.19 (real: subject, key and SANs).
  alreadyInChain: 'subject-key-san',
  nameConstraints: { checks: 'sans', withoutSans: 'ignore', caOwnSans: true },
  // Go 1.17 release notes: "ParseCertificate has been rewritten" (crypto/x509/parser.go on
  // cryptobyte). Its parse errors are real Go 1.19's (x509-limbo, fixtures/limbo); 1.17
  // itself is not run here.
  parser: 'cryptobyte',
});

const GO_1_18 = changedIn(GO_1_17, {
  id: 'go1.18',
  label: 'Go 1.18',
  usedBy: 'Go 1.18 clients (not run here)',
  releases: { first: 'go1.18', last: 'go1.18.10' },
  checkedAgainst: null,
  // golang/go#41682 (Go 1.18): SHA-1 signatures are insecure (GODEBUG x509sha1=1 allows them).
  sha1Insecure: true,
});

const GO_1_19 = changedIn(GO_1_18, {
  id: 'go',
  label: 'Go 1.19–1.20',
  usedBy: 'client-go and other Go 1.19–1.20 clients (checked against Go 1.19)',
  releases: { first: 'go1.19', last: 'go1.20.14' },
  checkedAgainst: 'go1.19.8 (recorded and live)',
  // Go 1.19 release notes: ParseCertificate rejects duplicate extensions (golang/go#50988,
  // CL 383215; real Go 1.19 on x509-limbo). Go 1.18 still accepted them.
  duplicateExtensions: 'refused',
  // Go 1.20 crypto/tls CertificateVerificationError: the row reaches Go 1.20, which the
  // components of its time were built with (the wrapper checked against real Go 1.23,
  // tests/oracle/go-logged.test.ts).
  tlsWrapsVerifyError: true,
});

const GO_1_21 = changedIn(GO_1_19, {
  id: 'go1.21',
  label: 'Go 1.21–1.22',
  usedBy: 'Go 1.21–1.22 clients',
  releases: { first: 'go1.21', last: 'go1.22.12' },
  checkedAgainst: 'go1.21.13, go1.22.12 (recorded and live)',
  // Go 1.21 verify.go isValid: name constraints apply to the leaf's SANs only again.
  nameConstraints: { checks: 'sans', withoutSans: 'ignore', caOwnSans: false },
});

const GO_1_23 = changedIn(GO_1_21, {
  id: 'go1.23',
  label: 'Go 1.23',
  // Today's Go (src/diagnose/clients.ts TODAY_GO): Kubernetes 1.32 is built with it.
  usedBy:
    'client-go and the Kubernetes components built with Go 1.23 (Kubernetes 1.32), and other Go 1.23 clients',
  releases: { first: 'go1.23', last: 'go1.23.12' },
  checkedAgainst: 'go1.23.5 (recorded and live)',
  // Go 1.23 parser.go: critical SKID/AIA are parse errors, and so are negative serials for a
  // program whose go.mod says go 1.23 or later (GODEBUG x509negativeserial=0 by default; an
  // older go line keeps accepting them). Real go1.23.5, run both ways.
  strictParse: true,
  // Go 1.23 parser.go: "certificate contains duplicate extension with OID %q" (real go1.23.5;
  // go1.21.13 and go1.22.12 still say "duplicate extensions").
  duplicateExtensions: 'refused-naming-oid',
  // Go 1.23 matchHostnames: a lone `*` pattern is not a wildcard.
  bareStarMatches: false,
});

const GO_1_24 = changedIn(GO_1_23, {
  id: 'go1.24',
  label: 'Go 1.24+',
  usedBy: 'Go 1.24 and later clients (not run here)',
  releases: { first: 'go1.24', last: null },
  checkedAgainst: null,
  // Go 1.24 release notes: x509sha1 removed (golang/go#62048); crypto/rsa refuses keys under
  // 1024 bits unless GODEBUG=rsa1024min=0 (golang/go#68762).
  sha1Always: true,
  rsaMin1024: true,
});

/** Newest first; the order is the order of the `go*` profiles in reports. */
export const GO_ERAS: readonly GoEra[] = [
  GO_1_24,
  GO_1_23,
  GO_1_21,
  GO_1_19,
  GO_1_18,
  GO_1_17,
  GO_1_16,
  GO_1_15,
  GO_1_14,
  GO_1_13,
  GO_1_11_6,
  GO_1_11_3,
  GO_1_11_1,
  GO_1_11,
  GO_1_10_6,
  GO_1_10_3,
  GO_1_10_1,
  GO_1_10,
  GO_1_9_2,
  GO_1_9,
  GO_1_8_5,
  GO_1_8,
  GO_1_6,
  GO_1_5,
  GO_1_4,
];

export function goEra(id: GoClientId): GoEra {
  const era = GO_ERAS.find((row) => row.id === id);
  if (!era) throw new Error(`no Go era ${id}`);
  return era;
}
