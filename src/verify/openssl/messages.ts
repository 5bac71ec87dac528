/**
 * OpenSSL's wording table: each Failure as the X509_V_ERR_* number, macro name and the
 * text `openssl verify` prints after `error N at D depth lookup: `
 * (X509_verify_cert_error_string, crypto/x509/x509_txt.c; numbers from
 * include/openssl/x509_vfy.h). Texts checked against the 3.0.19 library: note the 3.0
 * spellings `self-signed certificate` (hyphen, unlike 1.1.1) and
 * `certificate is not yet valid` (without the 3.2+ "or the system clock is incorrect").
 */
import type { Failure } from '../failures.js';

export interface OpensslError {
  readonly number: number;
  readonly name: string;
  readonly text: string;
}

const E = {
  caMdTooWeak: {
    number: 68,
    name: 'X509_V_ERR_CA_MD_TOO_WEAK',
    text: 'CA signature digest algorithm too weak',
  },
  unableToGetIssuerCert: {
    number: 2,
    name: 'X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT',
    text: 'unable to get issuer certificate',
  },
  certSignatureFailure: {
    number: 7,
    name: 'X509_V_ERR_CERT_SIGNATURE_FAILURE',
    text: 'certificate signature failure',
  },
  certNotYetValid: {
    number: 9,
    name: 'X509_V_ERR_CERT_NOT_YET_VALID',
    text: 'certificate is not yet valid',
  },
  certHasExpired: {
    number: 10,
    name: 'X509_V_ERR_CERT_HAS_EXPIRED',
    text: 'certificate has expired',
  },
  depthZeroSelfSigned: {
    number: 18,
    name: 'X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT',
    text: 'self-signed certificate',
  },
  selfSignedInChain: {
    number: 19,
    name: 'X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN',
    text: 'self-signed certificate in certificate chain',
  },
  unableToGetIssuerCertLocally: {
    number: 20,
    name: 'X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
    text: 'unable to get local issuer certificate',
  },
  pathLengthExceeded: {
    number: 25,
    name: 'X509_V_ERR_PATH_LENGTH_EXCEEDED',
    text: 'path length constraint exceeded',
  },
  invalidPurpose: {
    number: 26,
    name: 'X509_V_ERR_INVALID_PURPOSE',
    text: 'unsuitable certificate purpose',
  },
  subjectIssuerMismatch: {
    number: 29,
    name: 'X509_V_ERR_SUBJECT_ISSUER_MISMATCH',
    text: 'subject issuer mismatch',
  },
  keyUsageNoCertSign: {
    number: 32,
    name: 'X509_V_ERR_KEYUSAGE_NO_CERTSIGN',
    text: 'key usage does not include certificate signing',
  },
  unhandledCriticalExtension: {
    number: 34,
    name: 'X509_V_ERR_UNHANDLED_CRITICAL_EXTENSION',
    text: 'unhandled critical extension',
  },
  hostnameMismatch: { number: 62, name: 'X509_V_ERR_HOSTNAME_MISMATCH', text: 'hostname mismatch' },
  ipAddressMismatch: {
    number: 64,
    name: 'X509_V_ERR_IP_ADDRESS_MISMATCH',
    text: 'IP address mismatch',
  },
  invalidCa: { number: 79, name: 'X509_V_ERR_INVALID_CA', text: 'invalid CA certificate' },
  // Name constraints (v3_ncons.c), numbers and texts checked against the 3.0 headers and
  // `openssl verify`.
  unspecified: {
    number: 1,
    name: 'X509_V_ERR_UNSPECIFIED',
    text: 'unspecified certificate verification error',
  },
  permittedViolation: {
    number: 47,
    name: 'X509_V_ERR_PERMITTED_VIOLATION',
    text: 'permitted subtree violation',
  },
  excludedViolation: {
    number: 48,
    name: 'X509_V_ERR_EXCLUDED_VIOLATION',
    text: 'excluded subtree violation',
  },
  unsupportedConstraintType: {
    number: 51,
    name: 'X509_V_ERR_UNSUPPORTED_CONSTRAINT_TYPE',
    text: 'unsupported name constraint type',
  },
  unsupportedConstraintSyntax: {
    number: 52,
    name: 'X509_V_ERR_UNSUPPORTED_CONSTRAINT_SYNTAX',
    text: 'unsupported or invalid name constraint syntax',
  },
  unsupportedNameSyntax: {
    number: 53,
    name: 'X509_V_ERR_UNSUPPORTED_NAME_SYNTAX',
    text: 'unsupported or invalid name syntax',
  },
  // Reported by the engine under their own numbers (no Failure maps to them by default).
  unableToDecodeIssuerPublicKey: {
    number: 6,
    name: 'X509_V_ERR_UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY',
    text: 'unable to decode issuer public key',
  },
  unableToVerifyLeafSignature: {
    number: 21,
    name: 'X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    text: 'unable to verify the first certificate',
  },
  certChainTooLong: {
    number: 22,
    name: 'X509_V_ERR_CERT_CHAIN_TOO_LONG',
    text: 'certificate chain too long',
  },
  ecKeyExplicitParams: {
    number: 94,
    name: 'X509_V_ERR_EC_KEY_EXPLICIT_PARAMS',
    text: 'Certificate public key has explicit ECC parameters',
  },
} as const satisfies Record<string, OpensslError>;

const BY_NUMBER: ReadonlyMap<number, OpensslError> = new Map(
  Object.values(E).map((error) => [error.number, error]),
);

/** The X509_V_ERR_* with this number (x509_txt.c's text, x509_vfy.h's name). */
export function opensslErrorByNumber(number: number): OpensslError {
  const error = BY_NUMBER.get(number);
  if (!error) throw new Error(`no X509_V_ERR_* with number ${number} is modelled`);
  return error;
}

export function opensslError(failure: Failure): OpensslError {
  switch (failure.code) {
    case 'expired':
      return E.certHasExpired;
    case 'not-yet-valid':
      return E.certNotYetValid;
    case 'ip-not-in-sans':
    case 'no-ip-sans':
      return E.ipAddressMismatch;
    case 'name-not-in-sans':
    case 'cn-mismatch':
    case 'no-names':
      return E.hostnameMismatch;
    // OpenSSL has no such rules; a profile of this table never produces them, but were
    // they reported through OpenSSL they would be a failed host check.
    case 'legacy-common-name':
    case 'cn-not-hostname':
      return E.hostnameMismatch;
    // Only with -purpose sslserver (libssl sets it for TLS clients); `openssl verify`
    // without -purpose checks no purpose.
    case 'eku-incompatible':
    case 'key-usage-incompatible':
      return E.invalidPurpose;
    // Go's parser per release (never produced by this profile): the nearest OpenSSL error.
    case 'certificate-unparseable':
    case 'unhandled-critical-extension':
      return E.unhandledCriticalExtension;
    case 'unknown-authority':
      return E.unableToGetIssuerCertLocally;
    // OpenSSL 3.0 accepts a self-signed non-CA leaf that is its own trust anchor; were
    // the anchor checked as a CA it would be check_ca's error.
    case 'self-signed-not-ca':
      return E.invalidCa;
    case 'self-signed-untrusted':
      return E.depthZeroSelfSigned;
    case 'intermediate-not-ca':
      return E.invalidCa;
    case 'path-length-exceeded':
      return E.pathLengthExceeded;
    // Chain building simply finds no issuer in that case (20); kept for completeness.
    case 'issuer-name-mismatch':
      return E.subjectIssuerMismatch;
    case 'signature-invalid':
      return E.certSignatureFailure;
    case 'issuer-key-usage-no-cert-sign':
      return E.keyUsageNoCertSign;
    case 'untrusted-root':
      return E.selfSignedInChain;
    case 'anchor-not-self-signed':
      return E.unableToGetIssuerCert;
    // check_auth_level: only with an auth level (libssl sets it from the security level;
    // `openssl verify` needs -auth_level), so never produced by this profile.
    case 'weak-signature-digest':
      return E.caMdTooWeak;
    // Go's limit; build_chain checks no signature and stops at depth 100 (20 or 22).
    case 'signature-check-limit':
      return E.unableToGetIssuerCertLocally;
    case 'name-not-permitted':
      return E.permittedViolation;
    case 'name-excluded':
      return E.excludedViolation;
    case 'name-constraint-unsupported':
      return failure.reason === 'constraint-type'
        ? E.unsupportedConstraintType
        : failure.reason === 'constraint-syntax'
          ? E.unsupportedConstraintSyntax
          : E.unsupportedNameSyntax;
    // Go 1.10–1.14 only; OpenSSL checks the CN against the constraints instead (47).
    case 'name-constraints-without-sans':
      return E.permittedViolation;
    // NAME_CONSTRAINTS_check's NAME_CHECK_MAX guard.
    case 'name-constraint-limit':
      return E.unspecified;
  }
}

/**
 * apps/verify.c (3.0) callback: errors after which `openssl verify` keeps verifying
 * (still failing in the end). Every other error aborts X509_verify_cert at once.
 */
const CONTINUE_AFTER = new Set([
  43, // X509_V_ERR_NO_EXPLICIT_POLICY
  10, // X509_V_ERR_CERT_HAS_EXPIRED
  18, // X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT
  79, // X509_V_ERR_INVALID_CA
  37, // X509_V_ERR_INVALID_NON_CA
  25, // X509_V_ERR_PATH_LENGTH_EXCEEDED
  12, // X509_V_ERR_CRL_HAS_EXPIRED
  11, // X509_V_ERR_CRL_NOT_YET_VALID
  34, // X509_V_ERR_UNHANDLED_CRITICAL_EXTENSION
  26, // X509_V_ERR_INVALID_PURPOSE
  // -x509_strict conformance errors (80–93) follow in the same list; never produced here.
]);

export function continuesAfter(errorNumber: number): boolean {
  return CONTINUE_AFTER.has(errorNumber);
}

/** The line `openssl verify` prints to stderr for one error (after the subject line). */
export function errorLine(failure: Failure, depth: number, number?: number): string {
  const error = number === undefined ? opensslError(failure) : opensslErrorByNumber(number);
  return `error ${error.number} at ${depth} depth lookup: ${error.text}`;
}
