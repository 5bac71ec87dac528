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
  | { readonly code: 'not-yet-valid'; readonly depth: Depth; readonly notBefore: Date; readonly now: Date }
  // Host name checks (RFC 6125 / 9525).
  /** The host is an IP and the certificate has IP SANs, none of them equal to it. */
  | { readonly code: 'ip-not-in-sans'; readonly host: string; readonly ipSans: readonly string[] }
  /** The host is an IP and the certificate has no IP SANs at all. */
  | { readonly code: 'no-ip-sans'; readonly host: string; readonly dnsSpellingIp: boolean }
  /** The host is a DNS name; the certificate's DNS SANs do not cover it. */
  | { readonly code: 'name-not-in-sans'; readonly host: string; readonly dnsSans: readonly string[] }
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
  | { readonly code: 'eku-incompatible'; readonly depth: Depth; readonly usages: readonly string[] }
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
  | { readonly code: 'self-signed-untrusted' };

export type NotCaReason = 'ca-false' | 'no-basic-constraints' | 'no-key-cert-sign';

export type FailureCode = Failure['code'];

export const FAILURE_CODES: readonly FailureCode[] = [
  'expired',
  'not-yet-valid',
  'ip-not-in-sans',
  'no-ip-sans',
  'name-not-in-sans',
  'cn-mismatch',
  'no-names',
  'legacy-common-name',
  'cn-not-hostname',
  'eku-incompatible',
  'unhandled-critical-extension',
  'unknown-authority',
  'self-signed-not-ca',
  'self-signed-untrusted',
];
