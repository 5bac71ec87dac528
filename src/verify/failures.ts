/**
 * Why a client rejects a certificate: one union keyed by `code`, shared by every
 * profile. The code names the cause; each client's wording table turns it into that
 * client's own sentence. Codes are part of the JSON contract and `explain` has an
 * entry for each (src/diagnose/explanations.ts).
 */

import type { CertFacts } from '../facts/types.js';

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
   * The certificate does not parse in this client (what its parser refused, in `problem`);
   * a TLS client fails the handshake with it.
   */
  | {
      readonly code: 'certificate-unparseable';
      readonly depth: Depth;
      readonly problem: ParseProblem;
    }
  | { readonly code: 'unhandled-critical-extension'; readonly depth: Depth; readonly oid: string }
  // Trust.
  /**
   * No chain to a trust anchor. `hint`: a candidate issuer was found but rejected (Go
   * appends why and names the candidate).
   */
  | {
      readonly code: 'unknown-authority';
      readonly depth: Depth;
      readonly hint: {
        readonly rejection: SignatureRejection;
        readonly candidate: CandidateName;
      } | null;
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
   * a host or with an IP host, an unparsable name: `problem` says which) or OpenSSL 51
   * (constraint type), 52 (constraint syntax), 53 (name syntax), with `problem` null.
   */
  | {
      readonly code: 'name-constraint-unsupported';
      readonly depth: Depth;
      readonly nameDepth: Depth;
      readonly reason: 'constraint-type' | 'constraint-syntax' | 'name-syntax';
      readonly problem: NameMatchProblem | null;
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

/**
 * What a certificate parser refused, with what it refused. The Go profile's parser
 * (src/verify/go/parse.ts) finds these; each client's words say them in its own terms.
 */
export type ParseProblem =
  /** RFC 5280 §4.1.2.2: the serial is a positive integer. */
  | { readonly kind: 'negative-serial' }
  /** RFC 5280 §4.1.1.2: the outer and the TBS signature algorithm identifiers differ. */
  | { readonly kind: 'signature-algorithm-mismatch' }
  /** An EC key whose parameters are not a named curve (explicit parameters). */
  | { readonly kind: 'ec-parameters-not-named' }
  /** An EC key on a named curve the client does not implement. */
  | { readonly kind: 'ec-curve-unsupported' }
  /** RFC 5280 §4.2: an extension appears twice; `oid` is the first one seen twice. */
  | { readonly kind: 'duplicate-extension'; readonly oid: string }
  /** An extension RFC 5280 says must be non-critical is marked critical (SKID, AIA). */
  | { readonly kind: 'extension-marked-critical'; readonly oid: string }
  /** The subjectAltName value is not GeneralNames. */
  | { readonly kind: 'san-undecodable' }
  /** A SAN that must be IA5 (ASCII) is not. */
  | { readonly kind: 'san-not-ia5'; readonly entry: 'email' | 'dns' | 'uri' }
  /** The authorityInfoAccess value is not a SEQUENCE. */
  | { readonly kind: 'aia-malformed' }
  /** An IP SAN of neither 4 nor 16 bytes. */
  | { readonly kind: 'ip-san-length'; readonly length: number }
  /** A dNSName SAN that is not a domain (an empty label, a byte outside 33–126). */
  | { readonly kind: 'dns-san-invalid'; readonly name: string }
  /** A URI SAN the URL parser refuses, or whose host is not a domain. */
  | { readonly kind: 'uri-san-invalid'; readonly uri: string; readonly problem: UriProblem }
  /** A critical extension the parser does not handle (refused at parse time). */
  | { readonly kind: 'unhandled-critical-extension' };

/** Why a URI does not parse as a URL (net/url's cases), or why its host is not a domain. */
export type UriProblem =
  | { readonly kind: 'control-character' }
  | { readonly kind: 'missing-scheme' }
  | { readonly kind: 'colon-in-first-segment' }
  | { readonly kind: 'missing-bracket' }
  | { readonly kind: 'invalid-port'; readonly port: string }
  | { readonly kind: 'invalid-host-character'; readonly char: string }
  | { readonly kind: 'invalid-escape'; readonly escape: string }
  | { readonly kind: 'host-not-domain' };

/** Why a candidate issuer's signature check failed. */
export type SignatureRejection =
  /** Parent is v3 without basicConstraints, CA:FALSE, or keyUsage without keyCertSign. */
  | { readonly kind: 'constraint' }
  | { readonly kind: 'unsupported' }
  /** An MD5 or (where refused) SHA-1 signature; `algorithm` as the facts name it. */
  | { readonly kind: 'insecure'; readonly algorithm: string }
  /** An RSA key under the client's minimum size. */
  | { readonly kind: 'rsa-too-small'; readonly bits: number }
  /** The signature algorithm names another key algorithm than the parent's key. */
  | {
      readonly kind: 'key-mismatch';
      readonly expected: KeyAlgorithm;
      readonly actual: KeyAlgorithm;
    }
  | { readonly kind: 'bad-signature'; readonly keyAlgorithm: KeyAlgorithm };

export type KeyAlgorithm = 'RSA' | 'ECDSA' | 'Ed25519';

/** The names a rejected candidate issuer has, for a client to name it by. */
export interface CandidateName {
  /** The subject's last CN, the one a parser keeps of several ('' when none). */
  readonly commonName: string;
  /** The subject's first Organization. */
  readonly organization: string | null;
  readonly serialDecimal: string;
}

export function candidateNameOf(cert: CertFacts): CandidateName {
  return {
    commonName: cert.subject.commonNames.at(-1) ?? '',
    organization: cert.subject.organizations[0] ?? null,
    serialDecimal: cert.serialDecimal,
  };
}

/**
 * Why a name could not be checked against a CA's name constraints (Go's
 * checkNameConstraints, Go 1.10 and 1.19 verify.go). The SAN kinds are names the matcher
 * could not parse; the others are what a matcher refused.
 */
export type NameMatchProblem =
  | { readonly kind: 'email-san-unparseable' }
  | { readonly kind: 'dns-san-unparseable'; readonly name: string }
  | { readonly kind: 'uri-san-unparseable'; readonly uri: string }
  | { readonly kind: 'ip-san-unparseable'; readonly bytesHex: string }
  | { readonly kind: 'domain-unparseable'; readonly domain: string }
  | { readonly kind: 'email-constraint-unparseable'; readonly constraint: string }
  | { readonly kind: 'uri-without-host'; readonly uri: string }
  | { readonly kind: 'uri-host-too-many-colons'; readonly host: string }
  | { readonly kind: 'uri-host-ip'; readonly uri: string };

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
