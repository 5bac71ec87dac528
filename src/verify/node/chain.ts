/**
 * The certificate verification a default Node client gets: OpenSSL's X509_verify_cert
 * with trust = the `ca` option only, the peer's chain as untrusted certificates, the
 * SSL-server purpose and default flags (trusted-first, no partial chains), run by
 * OpenSSL 3.0 inside Node 20. Node's verify callback accepts every error and reads
 * SSL_get_verify_result afterwards, so OpenSSL keeps going after an error and the error
 * Node reports is the LAST one OpenSSL hit (observed: an untrusted self-signed leaf with
 * a clientAuth-only EKU reports INVALID_PURPOSE, not DEPTH_ZERO_SELF_SIGNED_CERT; an
 * expired one reports CERT_HAS_EXPIRED).
 *
 * OpenSSL's phases, in order (crypto/x509/x509_vfy.c, 3.0):
 *   1. build the path (trust store first, then the peer's certificates);
 *   2. per-certificate extension checks, leaf first: unhandled critical extensions,
 *      CA-ness of issuers, the SSL-server purpose (EKU / keyUsage / CA rules);
 *   3. signatures and validity periods, from the top of the path down to the leaf.
 *   2b. check_auth_level at Node's default security level 1: every signature below the
 *      top of the path must be worth 80 bits, and OpenSSL 3.0 rates SHA-1 at 63 and MD5 at
 *      39 (x509_set.c x509_sig_info_init), so a SHA-1 leaf or intermediate fails (68).
 *   4. check_name_constraints (../openssl/name-constraints.ts), every error reported.
 * Not modelled: policies, Netscape cert type, revocation, Suite B, the
 * key-size half of the security level (RSA < 1024 bits).
 *
 * The path builder follows build_chain with its defaults: trusted issuers first, then the
 * peer's certificates; at most 100 certificates deep, one linear search per step, so a
 * bundle of look-alike CAs costs at most 100 × its size comparisons.
 */
import type { CertFacts } from '../../facts/types.js';
import type { Failure } from '../failures.js';
import type { VerifyInput } from '../types.js';
import type { OpenSslError } from './messages.js';
// Node runs the same OpenSSL 3.0 as the OpenSSL profile: X509_self_signed is shared.
import { opensslSelfSigned } from '../openssl/certflags.js';
import { opensslError } from '../openssl/messages.js';
import { opensslNameConstraintErrors } from '../openssl/name-constraints.js';

/** The X509_V_ERR_* numbers check_name_constraints reports, by Node's name for them. */
const NAME_CONSTRAINT_ERRORS: Readonly<Record<number, OpenSslError>> = {
  1: 'UNSPECIFIED',
  47: 'PERMITTED_VIOLATION',
  48: 'EXCLUDED_VIOLATION',
  51: 'UNSUPPORTED_CONSTRAINT_TYPE',
  52: 'UNSUPPORTED_CONSTRAINT_SYNTAX',
  53: 'UNSUPPORTED_NAME_SYNTAX',
};

export interface ChainEvent {
  readonly error: OpenSslError;
  readonly failure: Failure;
}

export interface ChainResult {
  /** Leaf first; the last element is the anchor when `trusted`. */
  readonly path: readonly CertFacts[];
  readonly trusted: boolean;
  /** Every error OpenSSL reports, in the order it reports them; Node shows the last. */
  readonly events: readonly ChainEvent[];
}

/** Extensions OpenSSL 3.0 handles when critical (X509_supported_extension, v3_purp.c). */
const HANDLED_CRITICAL = new Set([
  '2.16.840.1.113730.1.1', // Netscape cert type
  '2.5.29.15', // key usage
  '2.5.29.17', // subject alt name
  '2.5.29.19', // basic constraints
  '2.5.29.32', // certificate policies
  '2.5.29.37', // extended key usage
  '2.5.29.36', // policy constraints
  '1.3.6.1.5.5.7.1.14', // proxy cert info
  '2.5.29.30', // name constraints
  '2.5.29.33', // policy mappings
  '2.5.29.54', // inhibit any policy
  '1.3.6.1.5.5.7.1.7', // RFC 3779 IP address blocks
  '1.3.6.1.5.5.7.1.8', // RFC 3779 AS identifiers
  '1.3.6.1.5.5.7.1.24', // TLS feature
]);

/** EKUs OpenSSL's SSL-server purpose accepts (XKU_SSL_SERVER | XKU_SGC); not anyExtendedKeyUsage. */
const SERVER_EKUS = new Set([
  'serverAuth',
  'microsoftServerGatedCrypto',
  'netscapeServerGatedCrypto',
  '1.3.6.1.5.5.7.3.1',
  '1.3.6.1.4.1.311.10.3.3',
  '2.16.840.1.113730.4.1',
]);

/** keyUsage bits that let a leaf serve TLS (OpenSSL's KU_TLS). */
const TLS_KEY_USAGES = new Set(['digitalSignature', 'keyEncipherment', 'keyAgreement']);

export function verifyChain(input: VerifyInput): ChainResult {
  const events: ChainEvent[] = [];
  const { path, trusted } = buildPath(input, events);
  checkExtensions(path, events);
  checkAuthLevel(path, events);
  checkSignaturesAndTimes(input, path, events);
  // check_name_constraints: the OpenSSL profile's model, the same OpenSSL 3.0 inside Node.
  for (const { failure } of opensslNameConstraintErrors(path)) {
    events.push({
      error: NAME_CONSTRAINT_ERRORS[opensslError(failure).number] ?? 'UNSPECIFIED',
      failure,
    });
  }
  return { path, trusted, events };
}

/** OpenSSL's check_issued without the signature: names, then key identifiers when both exist. */
function mayHaveIssued(issuer: CertFacts, child: CertFacts): boolean {
  if (issuer.subject.rawHex !== child.issuer.rawHex) return false;
  return (
    child.authorityKeyId === null ||
    issuer.subjectKeyId === null ||
    child.authorityKeyId === issuer.subjectKeyId
  );
}

function timeValid(cert: CertFacts, now: Date): boolean {
  return cert.notBefore.getTime() <= now.getTime() && now.getTime() < cert.notAfter.getTime();
}

/** X509_STORE_CTX_get1_issuer: a matching trusted certificate, preferring one in its validity period. */
function trustedIssuer(input: VerifyInput, child: CertFacts): CertFacts | undefined {
  const candidates = input.roots.filter((root) => mayHaveIssued(root, child));
  return candidates.find((root) => timeValid(root, input.now)) ?? candidates[candidates.length - 1];
}

function sameCert(a: CertFacts, b: CertFacts): boolean {
  return a.fingerprintSha256 === b.fingerprintSha256;
}

/** Depth limit of OpenSSL's default verify depth (100) plus the leaf. */
const MAX_PATH = 101;

export function buildPath(
  input: VerifyInput,
  events: ChainEvent[],
): { path: CertFacts[]; trusted: boolean } {
  const path: CertFacts[] = [input.leaf];
  // A self-issued leaf that is itself a trust anchor ends the search (the self-trust model: no --ca).
  if (input.leaf.selfIssued && input.roots.some((root) => sameCert(root, input.leaf))) {
    return { path, trusted: true };
  }
  let current = input.leaf;
  while (path.length < MAX_PATH) {
    // build_chain: a self-signed certificate can only be trusted as itself (its exact copy
    // in the store); another trusted certificate with the same name, e.g. the CA before
    // it was regenerated, is a "self-signed untrusted mimic" and not an issuer.
    if (opensslSelfSigned(current)) {
      if (input.roots.some((root) => sameCert(root, current))) return { path, trusted: true };
      untrustedSelfSigned(path, events);
      return { path, trusted: false };
    }
    const anchor = trustedIssuer(input, current);
    if (anchor && !sameCert(anchor, current)) {
      path.push(anchor);
      // Without X509_V_FLAG_PARTIAL_CHAIN an anchor must be self-issued or lead to one.
      if (anchor.selfIssued) return { path, trusted: true };
      current = anchor;
      const above = trustedIssuer(input, current);
      if (!above || sameCert(above, current)) {
        const depth = path.length - 1;
        events.push({
          error: 'UNABLE_TO_GET_ISSUER_CERT',
          failure: { code: 'anchor-not-self-signed', depth },
        });
        return { path, trusted: false };
      }
      continue;
    }
    if (current.selfIssued) {
      untrustedSelfSigned(path, events);
      return { path, trusted: false };
    }
    const next = input.intermediates.find(
      (candidate) =>
        mayHaveIssued(candidate, current) && !path.some((cert) => sameCert(cert, candidate)),
    );
    if (!next) {
      const depth = path.length - 1;
      events.push({
        error:
          depth === 0 ? 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' : 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
        failure: { code: 'unknown-authority', depth, hint: null },
      });
      return { path, trusted: false };
    }
    path.push(next);
    current = next;
  }
  events.push({
    error: 'CERT_CHAIN_TOO_LONG',
    failure: { code: 'unknown-authority', depth: path.length - 1, hint: null },
  });
  return { path, trusted: false };
}

/** The end of build_chain at an untrusted self-signed certificate: 18 alone, else 19. */
function untrustedSelfSigned(path: readonly CertFacts[], events: ChainEvent[]): void {
  const depth = path.length - 1;
  events.push(
    depth === 0
      ? { error: 'DEPTH_ZERO_SELF_SIGNED_CERT', failure: { code: 'self-signed-untrusted' } }
      : { error: 'SELF_SIGNED_CERT_IN_CHAIN', failure: { code: 'untrusted-root', depth } },
  );
}

/**
 * check_auth_level (x509_vfy.c, 3.0) at security level 1: every certificate but the top
 * of the path must carry a signature worth at least 80 bits.
 */
function checkAuthLevel(path: readonly CertFacts[], events: ChainEvent[]): void {
  for (let depth = 0; depth < path.length - 1; depth++) {
    const cert = path[depth] as CertFacts;
    const hash = cert.signatureAlgorithm.hash;
    if (hash === 'SHA1' || hash === 'MD5') {
      events.push({
        error: 'CA_MD_TOO_WEAK',
        failure: { code: 'weak-signature-digest', depth, algorithm: cert.signatureAlgorithm.name },
      });
    }
  }
}

function isV1Root(cert: CertFacts): boolean {
  return cert.version === 1 && cert.selfIssued;
}

function checkExtensions(path: readonly CertFacts[], events: ChainEvent[]): void {
  // check_chain_extensions: pathLenConstraint counts the non-self-issued intermediates
  // below a CA (RFC 5280 §4.2.1.9), checked after the purpose.
  let pathLength = 0;
  path.forEach((cert, depth) => {
    const unhandled = cert.criticalExtensions.find((oid) => !HANDLED_CRITICAL.has(oid));
    if (unhandled !== undefined) {
      events.push({
        error: 'UNHANDLED_CRITICAL_EXTENSION',
        failure: { code: 'unhandled-critical-extension', depth, oid: unhandled },
      });
    }
    const isCa = cert.basicConstraints?.ca === true || isV1Root(cert);
    if (depth > 0 && !isCa) {
      events.push({ error: 'INVALID_CA', failure: { code: 'intermediate-not-ca', depth } });
    }
    for (const failure of purposeProblems(cert, depth))
      events.push({ error: 'INVALID_PURPOSE', failure });
    const pathLen = cert.basicConstraints?.ca ? cert.basicConstraints.pathLen : null;
    if (depth > 1 && pathLen !== null && pathLength > pathLen) {
      events.push({
        error: 'PATH_LENGTH_EXCEEDED',
        failure: { code: 'path-length-exceeded', depth, pathLen },
      });
    }
    if (depth > 0 && !cert.selfIssued) pathLength++;
  });
}

/** OpenSSL's SSL-server purpose (check_purpose_ssl_server): EKU, then leaf keyUsage or CA rules. */
function purposeProblems(cert: CertFacts, depth: number): Failure[] {
  const eku = cert.extKeyUsage;
  if (eku && !eku.usages.some((usage) => SERVER_EKUS.has(usage))) {
    return [{ code: 'eku-incompatible', depth, usages: eku.usages }];
  }
  if (depth === 0) {
    const keyUsage = cert.keyUsage;
    if (keyUsage && !keyUsage.usages.some((usage) => TLS_KEY_USAGES.has(usage))) {
      return [{ code: 'key-usage-incompatible', depth, usages: keyUsage.usages }];
    }
    return [];
  }
  // check_ca: a keyUsage without keyCertSign fails; then basicConstraints decides when
  // present; without it a v1 root or a keyUsage extension (with keyCertSign) is enough.
  if (cert.keyUsage && !cert.keyUsage.usages.includes('keyCertSign')) {
    return [{ code: 'issuer-key-usage-no-cert-sign', depth }];
  }
  if (cert.basicConstraints) {
    return cert.basicConstraints.ca ? [] : [{ code: 'intermediate-not-ca', depth }];
  }
  if (isV1Root(cert) || cert.keyUsage) return [];
  return [{ code: 'intermediate-not-ca', depth }];
}

/**
 * internal_verify: from the top of the path down. A self-issued top certificate is its
 * own issuer and its signature is not checked; a path that stops below an issuer it
 * could not find starts one lower (the top's validity is then never checked), except
 * for a lone leaf, whose validity is still checked.
 */
function checkSignaturesAndTimes(
  input: VerifyInput,
  path: readonly CertFacts[],
  events: ChainEvent[],
): void {
  let depth = path.length - 1;
  const top = path[depth];
  if (!top) return;
  let issuer = top;
  if (!mayHaveIssued(top, top)) {
    if (depth === 0) {
      events.push({
        error: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
        failure: { code: 'unknown-authority', depth: 0, hint: null },
      });
    } else {
      depth--;
    }
  }
  for (; depth >= 0; depth--) {
    const cert = path[depth];
    if (!cert) break;
    if (cert !== issuer) {
      const issuerDepth = depth + 1;
      if (issuer.keyUsage && !issuer.keyUsage.usages.includes('keyCertSign')) {
        events.push({
          error: 'KEYUSAGE_NO_CERTSIGN',
          failure: { code: 'issuer-key-usage-no-cert-sign', depth: issuerDepth },
        });
      } else if (!input.signatures.verifies(cert, issuer)) {
        events.push({
          error: 'CERT_SIGNATURE_FAILURE',
          failure: { code: 'signature-invalid', depth },
        });
      }
    }
    checkTime(cert, depth, input.now, events);
    issuer = cert;
  }
}

/**
 * check_cert_time with X509_cmp_time, which counts equality as "earlier": not yet valid
 * when notBefore > now, expired when notAfter <= now (seconds precision in the DER).
 */
function checkTime(cert: CertFacts, depth: number, now: Date, events: ChainEvent[]): void {
  if (cert.notBefore.getTime() > now.getTime()) {
    events.push({
      error: 'CERT_NOT_YET_VALID',
      failure: { code: 'not-yet-valid', depth, notBefore: cert.notBefore, now },
    });
  }
  if (cert.notAfter.getTime() <= now.getTime()) {
    events.push({
      error: 'CERT_HAS_EXPIRED',
      failure: { code: 'expired', depth, notAfter: cert.notAfter, now },
    });
  }
}
