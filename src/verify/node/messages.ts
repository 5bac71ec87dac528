/**
 * Node's words. Chain errors are OpenSSL's X509_verify_cert_error_string texts (OpenSSL
 * 3.0, crypto/x509/x509_txt.c) with Node's err.code names (Node 20, src/crypto/
 * crypto_common.cc's X509 error table; codes missing from it surface as 'UNSPECIFIED',
 * observed for 'unhandled critical extension' and 'key usage does not include
 * certificate signing'). Host name errors are ERR_TLS_CERT_ALTNAME_INVALID with
 * "Hostname/IP does not match certificate's altnames: <reason>" (Node ≥ 10's internal
 * errors table; reasons from lib/tls.js checkServerIdentity, Node 20).
 */
import type { CertFacts } from '../../facts/types.js';
import type { Failure, FailureCode } from '../failures.js';
import { opensslErrorByNumber } from '../openssl/messages.js';
import { subjectAltNameString } from './altnames.js';

export const OPENSSL_ERRORS = {
  UNABLE_TO_GET_ISSUER_CERT: 'unable to get issuer certificate',
  CERT_SIGNATURE_FAILURE: 'certificate signature failure',
  CERT_NOT_YET_VALID: 'certificate is not yet valid',
  CERT_HAS_EXPIRED: 'certificate has expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed certificate',
  SELF_SIGNED_CERT_IN_CHAIN: 'self-signed certificate in certificate chain',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'unable to get local issuer certificate',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'unable to verify the first certificate',
  CERT_CHAIN_TOO_LONG: 'certificate chain too long',
  INVALID_CA: 'invalid CA certificate',
  INVALID_PURPOSE: 'unsuitable certificate purpose',
  KEYUSAGE_NO_CERTSIGN: 'key usage does not include certificate signing',
  UNHANDLED_CRITICAL_EXTENSION: 'unhandled critical extension',
  CA_MD_TOO_WEAK: 'CA signature digest algorithm too weak',
  PATH_LENGTH_EXCEEDED: 'path length constraint exceeded',
  PERMITTED_VIOLATION: 'permitted subtree violation',
  EXCLUDED_VIOLATION: 'excluded subtree violation',
  UNSUPPORTED_CONSTRAINT_TYPE: 'unsupported name constraint type',
  UNSUPPORTED_CONSTRAINT_SYNTAX: 'unsupported or invalid name constraint syntax',
  UNSUPPORTED_NAME_SYNTAX: 'unsupported or invalid name syntax',
  UNSPECIFIED: 'unspecified certificate verification error',
} as const;

export type OpenSslError = keyof typeof OPENSSL_ERRORS;

/**
 * The X509_V_ERR_* Node names in err.code (Node 20, src/crypto/crypto_common.cc's
 * X509 error table); any other error surfaces as 'UNSPECIFIED' (observed on Node
 * v20.20.2 for unhandled critical extension, key usage does not include certificate
 * signing, CA signature digest algorithm too weak and the name-constraint errors).
 */
const NAMED_IN_NODE: ReadonlySet<string> = new Set([
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_CRL',
  'UNABLE_TO_DECRYPT_CERT_SIGNATURE',
  'UNABLE_TO_DECRYPT_CRL_SIGNATURE',
  'UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY',
  'CERT_SIGNATURE_FAILURE',
  'CRL_SIGNATURE_FAILURE',
  'CERT_NOT_YET_VALID',
  'CERT_HAS_EXPIRED',
  'CRL_NOT_YET_VALID',
  'CRL_HAS_EXPIRED',
  'ERROR_IN_CERT_NOT_BEFORE_FIELD',
  'ERROR_IN_CERT_NOT_AFTER_FIELD',
  'ERROR_IN_CRL_LAST_UPDATE_FIELD',
  'ERROR_IN_CRL_NEXT_UPDATE_FIELD',
  'OUT_OF_MEM',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'CERT_CHAIN_TOO_LONG',
  'CERT_REVOKED',
  'INVALID_CA',
  'PATH_LENGTH_EXCEEDED',
  'INVALID_PURPOSE',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'HOSTNAME_MISMATCH',
]);

/** err.message and err.code for a chain error, by X509_V_ERR_* number or Node's name. */
export function chainMessage(error: number | OpenSslError): {
  message: string;
  nativeCode: string;
} {
  const known =
    typeof error === 'number'
      ? opensslErrorByNumber(error)
      : { name: `X509_V_ERR_${error}`, text: OPENSSL_ERRORS[error] };
  const name = known.name.replace(/^X509_V_ERR_/, '');
  return { message: known.text, nativeCode: NAMED_IN_NODE.has(name) ? name : 'UNSPECIFIED' };
}

export const ALTNAME_CODE = 'ERR_TLS_CERT_ALTNAME_INVALID';

/** The failures checkServerIdentity can produce. */
export type IdentityFailure = Extract<
  Failure,
  {
    readonly code:
      'ip-not-in-sans' | 'no-ip-sans' | 'name-not-in-sans' | 'cn-mismatch' | 'no-names';
  }
>;

/** checkServerIdentity's reason for a host name failure. */
export function identityReason(failure: IdentityFailure, leaf: CertFacts): string {
  switch (failure.code) {
    case 'ip-not-in-sans':
      return `IP: ${failure.host} is not in the cert's list: ${failure.ipSans.join(', ')}`;
    case 'no-ip-sans':
      return `IP: ${failure.host} is not in the cert's list: `;
    case 'name-not-in-sans':
      return `Host: ${printedHost(failure.host)}. is not in the cert's altnames: ${subjectAltNameString(leaf.san) ?? ''}`;
    case 'cn-mismatch':
      return `Host: ${printedHost(failure.host)}. is not cert's CN: ${failure.commonName}`;
    case 'no-names':
      return 'Cert does not contain a DNS name';
  }
}

/** Node prints the host after stripping one trailing dot, then appends its own '.'. */
function printedHost(host: string): string {
  return host.endsWith('.') ? host.slice(0, -1) : host;
}

export function identityMessage(failure: IdentityFailure, leaf: CertFacts): string {
  return `Hostname/IP does not match certificate's altnames: ${identityReason(failure, leaf)}`;
}

/**
 * Which part of Node reports each failure: OpenSSL's chain verification, Node's
 * checkServerIdentity, or neither (causes of other clients that Node never reports).
 */
export function reportedBy(code: FailureCode): 'chain' | 'identity' | 'never' {
  switch (code) {
    case 'expired':
    case 'not-yet-valid':
    case 'eku-incompatible':
    case 'key-usage-incompatible':
    case 'unhandled-critical-extension':
    case 'unknown-authority':
    case 'self-signed-untrusted':
    case 'intermediate-not-ca':
    case 'signature-invalid':
    case 'issuer-key-usage-no-cert-sign':
    case 'untrusted-root':
    case 'anchor-not-self-signed':
    case 'weak-signature-digest':
    case 'path-length-exceeded':
    case 'name-not-permitted':
    case 'name-excluded':
    case 'name-constraint-unsupported':
    case 'name-constraint-limit':
      return 'chain';
    case 'ip-not-in-sans':
    case 'no-ip-sans':
    case 'name-not-in-sans':
    case 'cn-mismatch':
    case 'no-names':
      return 'identity';
    case 'legacy-common-name': // Node still reads the CN when there are no DNS SANs
    case 'cn-not-hostname': // Go 1.11–1.14 only
    case 'self-signed-not-ca': // OpenSSL accepts a self-signed anchor that is not a CA
    case 'issuer-name-mismatch': // OpenSSL matches issuers by name first
    case 'signature-check-limit': // Go's limit; OpenSSL checks no signature while building
    case 'name-constraints-without-sans': // Go 1.10–1.14; OpenSSL checks the CN instead
    case 'certificate-unparseable': // Go's parser per release; the tool read it, so does Node
      return 'never';
  }
}
