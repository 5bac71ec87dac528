/**
 * Why a client rejects a certificate: one union keyed by `code`, shared by every
 * profile. The code names the cause; each client's wording table turns it into that
 * client's own sentence. Codes are part of the JSON contract and `explain` has an
 * entry for each (src/diagnose/explanations.ts).
 */

/** Position in the verified path: 0 the leaf, then intermediates, the root last. */
export type Depth = number;

export type Failure =
  // Validity period (RFC 5280 §4.1.2.5).
  | { readonly code: 'expired'; readonly depth: Depth; readonly notAfter: Date; readonly now: Date }
  | {
      readonly code: 'not-yet-valid';
      readonly depth: Depth;
      readonly notBefore: Date;
      readonly now: Date;
    }
  // Host name checks (RFC 6125 / 9525).
  /** The host is an IP and the certificate has IP SANs, none of them equal to it. */
  | { readonly code: 'ip-not-in-sans'; readonly host: string; readonly ipSans: readonly string[] }
  /** The host is an IP and the certificate has no IP SANs at all. */
  | { readonly code: 'no-ip-sans'; readonly host: string; readonly dnsSpellingIp: boolean }
  /** The host is a DNS name; the certificate's DNS SANs do not cover it. */
  | {
      readonly code: 'name-not-in-sans';
      readonly host: string;
      readonly dnsSans: readonly string[];
    }
  /** The client fell back to the subject CN (no DNS SANs) and the CN does not match. */
  | { readonly code: 'cn-mismatch'; readonly host: string; readonly commonName: string }
  /** Nothing the client would match against: no DNS SANs, and the CN is not used. */
  | { readonly code: 'no-names'; readonly host: string }
  /** Only the CN would match, and this client no longer reads the CN (Go ≥ 1.15). */
  | { readonly code: 'legacy-common-name'; readonly host: string; readonly commonName: string }
  /** Go 1.11–1.14: the CN would match but is not a valid hostname, so it is ignored. */
  | { readonly code: 'cn-not-hostname'; readonly host: string; readonly commonName: string }
  // Usage and structure.
  /** The certificate lists extended key usages and serverAuth is not among them. */
  | {
      readonly code: 'eku-incompatible';
      readonly depth: Depth;
      readonly usages: readonly string[];
      /** Go 1.10.0–1.10.2: the leaf EKU (dotted OID) the CA at `depth` does not permit. */
      readonly notPermitted?: string;
    }
  /**
   * The certificate does not parse in this client (Go's ParseCertificate error, verbatim in
   * `goError`); a TLS client fails the handshake with it.
   */
  | { readonly code: 'certificate-unparseable'; readonly depth: Depth; readonly goError: string }
  | { readonly code: 'unhandled-critical-extension'; readonly depth: Depth; readonly oid: string }
  // Trust.
  /**
   * No chain to a trust anchor. `hint` carries what Go appends when a candidate issuer
   * was found but rejected: the rejection error and the candidate's name.
   */
  | {
      readonly code: 'unknown-authority';
      readonly depth: Depth;
      readonly hint: { readonly error: string; readonly candidate: string } | null;
    }
  /**
   * The trust anchor is the leaf itself, but the leaf may not sign certificates
   * (CA:FALSE, basicConstraints missing on v3, or keyUsage without keyCertSign),
   * and this client insists that an anchor may (Go ≤ 1.7).
   */
  | { readonly code: 'self-signed-not-ca'; readonly reason: NotCaReason }
  /** A self-signed leaf that is not among the trust anchors (OpenSSL 18, Node DEPTH_ZERO_SELF_SIGNED_CERT). */
  | { readonly code: 'self-signed-untrusted' }
  // Chain structure (custom chains with intermediates).
  /**
   * An intermediate that signed the certificate below it may not sign certificates:
   * basicConstraints missing or CA:FALSE (Go's NotAuthorizedToSign).
   */
  | { readonly code: 'intermediate-not-ca'; readonly depth: Depth }
  /** A CA's basicConstraints pathLenConstraint is smaller than the intermediates below it. */
  | { readonly code: 'path-length-exceeded'; readonly depth: Depth; readonly pathLen: number }
  /**
   * The issuer found by key identifier has a subject that differs from the child's issuer
   * name (Go ≥ 1.10's NameMismatch).
   */
  | { readonly code: 'issuer-name-mismatch'; readonly depth: Depth }
  /**
   * A certificate's signature does not verify with the key of the issuer its name (and
   * key id) points to, e.g. a CA regenerated with the same subject (OpenSSL 7).
   */
  | { readonly code: 'signature-invalid'; readonly depth: Depth }
  /**
   * The issuer at `depth` has a keyUsage extension without keyCertSign, so it may not
   * sign the certificate below it (OpenSSL 32, checked while verifying signatures).
   */
  | { readonly code: 'issuer-key-usage-no-cert-sign'; readonly depth: Depth }
  /**
   * The served chain ends in a self-signed certificate that is not a trust anchor
   * (OpenSSL 19; a lone self-signed leaf is `self-signed-untrusted` instead).
   */
  | { readonly code: 'untrusted-root'; readonly depth: Depth }
  /**
   * The chain reaches a trust-store certificate that is not self-signed and whose issuer
   * is nowhere; without -partial_chain OpenSSL anchors only at self-signed roots (OpenSSL 2).
   */
  | { readonly code: 'anchor-not-self-signed'; readonly depth: Depth }
  /**
   * The served certificate has a keyUsage extension with none of the bits a TLS server
   * key needs (digitalSignature, keyEncipherment, keyAgreement): OpenSSL's SSL-server
   * purpose check rejects it (OpenSSL 26, Node INVALID_PURPOSE).
   */
  | {
      readonly code: 'key-usage-incompatible';
      readonly depth: Depth;
      readonly usages: readonly string[];
    }
  /**
   * Chain building gave up: Go 1.10+ makes at most `limit` signature checks per Verify
   * (verify.go maxChainSignatureChecks = 100), e.g. against a bundle of look-alike CAs.
   */
  | { readonly code: 'signature-check-limit'; readonly limit: number }
  /**
   * A certificate below the trust anchor is signed with a digest weaker than the TLS
   * security level allows (OpenSSL 3.0 check_auth_level: SHA-1 counts 63 bits, level 1
   * needs 80): OpenSSL 68, Node `UNSPECIFIED` "CA signature digest algorithm too weak".
   */
  | { readonly code: 'weak-signature-digest'; readonly depth: Depth; readonly algorithm: string }
  // Name constraints (RFC 5280 §4.2.1.10). `depth` is the CA holding the constraint,
  // `nameDepth` the certificate carrying the name (OpenSSL reports that depth).
  /**
   * The CA permits names of this kind and none of its permitted subtrees covers the name:
   * Go's CANotAuthorizedForThisName ("is not permitted by any constraint"; Go ≤ 1.9 "in this
   * domain"), OpenSSL 47, Node `UNSPECIFIED` "permitted subtree violation".
   */
  | {
      readonly code: 'name-not-permitted';
      readonly depth: Depth;
      readonly nameDepth: Depth;
      readonly kind: ConstrainedNameKind;
      readonly name: string;
    }
  /** An excluded subtree covers the name: Go "is excluded by constraint", OpenSSL 48. */
  | {
      readonly code: 'name-excluded';
      readonly depth: Depth;
      readonly nameDepth: Depth;
      readonly kind: ConstrainedNameKind;
      readonly name: string;
      readonly constraint: string;
    }
  /**
   * The client cannot apply the constraint to the name: Go's matcher errors (a URI without
   * a host or with an IP host, an unparsable name; `goError` is Go's whole error text) or
   * OpenSSL 51 (constraint type), 52 (constraint syntax), 53 (name syntax).
   */
  | {
      readonly code: 'name-constraint-unsupported';
      readonly depth: Depth;
      readonly nameDepth: Depth;
      readonly reason: 'constraint-type' | 'constraint-syntax' | 'name-syntax';
      readonly goError: string | null;
    }
  /**
   * Go 1.10–1.14: a CA has name constraints and the leaf has no SAN extension, so its CN
   * could be taken as a hostname unchecked (NameConstraintsWithoutSANs).
   */
  | { readonly code: 'name-constraints-without-sans'; readonly depth: Depth }
  /**
   * Too many name × constraint comparisons: Go's TooManyConstraints (250000 per isValid,
   * VerifyOptions.MaxConstraintComparisions; its Error() is "x509: unknown error"), OpenSSL's
   * NAME_CHECK_MAX guard (1 << 20, X509_V_ERR_UNSPECIFIED).
   */
  | { readonly code: 'name-constraint-limit'; readonly depth: Depth; readonly limit: number };

/**
 * The kind of a constrained name: a SAN entry, the leaf's CN (OpenSSL checks a DNS-like CN
 * when there is no DNS SAN) or the dialled host (Go ≤ 1.9 checks opts.DNSName, not the SANs).
 */
export type ConstrainedNameKind = 'dns' | 'ip' | 'email' | 'uri' | 'cn' | 'host';

export type NotCaReason = 'ca-false' | 'no-basic-constraints' | 'no-key-cert-sign';

export type FailureCode = Failure['code'];

/**
 * Every failure code, once: the keys of a record that must name each member of the union
 * (the compiler rejects a missing or unknown one), in the order `explain` lists them.
 */
const CODE_SET = {
  expired: true,
  'not-yet-valid': true,
  'ip-not-in-sans': true,
  'no-ip-sans': true,
  'name-not-in-sans': true,
  'cn-mismatch': true,
  'no-names': true,
  'legacy-common-name': true,
  'cn-not-hostname': true,
  'eku-incompatible': true,
  'unhandled-critical-extension': true,
  'certificate-unparseable': true,
  'unknown-authority': true,
  'self-signed-not-ca': true,
  'self-signed-untrusted': true,
  'intermediate-not-ca': true,
  'path-length-exceeded': true,
  'issuer-name-mismatch': true,
  'signature-invalid': true,
  'issuer-key-usage-no-cert-sign': true,
  'untrusted-root': true,
  'anchor-not-self-signed': true,
  'key-usage-incompatible': true,
  'signature-check-limit': true,
  'weak-signature-digest': true,
  'name-not-permitted': true,
  'name-excluded': true,
  'name-constraint-unsupported': true,
  'name-constraints-without-sans': true,
  'name-constraint-limit': true,
} as const satisfies Readonly<Record<FailureCode, true>>;

export const FAILURE_CODES: readonly FailureCode[] = Object.keys(CODE_SET) as FailureCode[];

/** The codes of a failed host name check, as opposed to validity, usage and trust. */
export const HOSTNAME_FAILURE_CODES: ReadonlySet<FailureCode> = new Set<FailureCode>([
  'ip-not-in-sans',
  'no-ip-sans',
  'name-not-in-sans',
  'cn-mismatch',
  'no-names',
  'legacy-common-name',
  'cn-not-hostname',
]);
