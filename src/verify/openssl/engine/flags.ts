/**
 * How OpenSSL 3.0 classifies a certificate from its cached extension data
 * (crypto/x509/v3_purp.c ossl_x509v3_cache_extensions, X509_check_akid, check_ca;
 * crypto/x509/x509_vfy.c X509_self_signed, check_sig_alg_match, check_curve). Facts
 * in, booleans out; public keys are decoded with node:crypto, which is OpenSSL.
 */
import { publicKey } from '../../../facts/node-signature.js';
import type { CertFacts } from '../../../facts/types.js';

/**
 * Extensions ossl_x509v3_cache_extensions decodes with X509_get_ext_d2i: one that occurs
 * twice makes the lookup fail (crit -2) and the certificate invalid.
 */
const CACHED_EXTENSIONS = new Set([
  '2.5.29.19', // basicConstraints
  '1.3.6.1.5.5.7.1.14', // proxyCertInfo
  '2.5.29.15', // keyUsage
  '2.5.29.37', // extKeyUsage
  '2.16.840.1.113730.1.1', // nsCertType
  '2.5.29.14', // subjectKeyIdentifier
  '2.5.29.35', // authorityKeyIdentifier
  '2.5.29.17', // subjectAltName
  '2.5.29.30', // nameConstraints
  '2.5.29.31', // cRLDistributionPoints
  '1.3.6.1.5.5.7.1.7', // sbgp-ipAddrBlock
  '1.3.6.1.5.5.7.1.8', // sbgp-autonomousSysNum
]);

/**
 * GeneralName choices OpenSSL's GENERAL_NAME template decodes, by context tag: otherName,
 * x400Address, directoryName and ediPartyName are constructed, registeredID (8) is a
 * primitive OID; tags 9 and above are no choice at all.
 */
const CONSTRUCTED_GENERAL_NAMES = new Set([0, 3, 4, 5]);

const invalidCache = new WeakMap<CertFacts, boolean>();

/**
 * EXFLAG_INVALID: ossl_x509v3_cache_extensions (v3_purp.c, 3.0) found an extension it
 * cannot use — a subjectAltName that is not GeneralNames or an entry its decoder rejects, a cached extension twice, a
 * keyUsage with no bit set ("empty key usage", RFC 5280 §4.2.1.3), a pathLenConstraint
 * on a certificate that is not a CA. Such a certificate has no issuer and issues nothing
 * (ossl_x509_likely_issued fails), is not self-signed and is not a CA.
 */
export function isInvalid(cert: CertFacts): boolean {
  let invalid = invalidCache.get(cert);
  if (invalid === undefined) {
    invalid = computeInvalid(cert);
    invalidCache.set(cert, invalid);
  }
  return invalid;
}

function computeInvalid(cert: CertFacts): boolean {
  const details = cert.extensionDetails;
  if (details?.duplicateExtensions.some((oid) => CACHED_EXTENSIONS.has(oid))) return true;
  if (cert.san?.undecodable !== undefined) return true;
  if (cert.keyUsage && cert.keyUsage.usages.length === 0) return true;
  if (cert.basicConstraints && !cert.basicConstraints.ca && cert.basicConstraints.pathLen !== null)
    return true;
  for (const name of cert.san?.described ?? []) {
    if (name.tag > 8) return true;
    if (CONSTRUCTED_GENERAL_NAMES.has(name.tag) !== name.constructed) return true;
  }
  return false;
}

export type KeyState = 'named' | 'explicit-ec' | 'undecodable';

const keyCache = new Map<string, KeyState>();
const keyTypes = new Map<string, string | undefined>();

/** node:crypto's asymmetricKeyType of the certificate's key; undefined when OpenSSL cannot decode it. */
export function keyType(cert: CertFacts): string | undefined {
  keyState(cert);
  return keyTypes.get(cert.publicKeyHex);
}

/**
 * X509_get0_pubkey and check_curve: whether OpenSSL can decode the key at all, and
 * whether an EC key spells its curve out (explicit parameters, X509_V_ERR_EC_KEY_
 * EXPLICIT_PARAMS) instead of naming it.
 */
export function keyState(cert: CertFacts): KeyState {
  let state = keyCache.get(cert.publicKeyHex);
  if (state === undefined) {
    try {
      const spki = Buffer.from(cert.publicKeyHex, 'hex');
      const key = publicKey(spki);
      keyTypes.set(cert.publicKeyHex, key.asymmetricKeyType);
      state =
        key.asymmetricKeyType === 'ec' && explicitEcParameters(spki) ? 'explicit-ec' : 'named';
    } catch {
      keyTypes.set(cert.publicKeyHex, undefined);
      state = 'undecodable';
    }
    if (keyCache.size > 4096) keyCache.clear();
    keyCache.set(cert.publicKeyHex, state);
  }
  return state;
}

/** SPKI → AlgorithmIdentifier → parameters: a SEQUENCE (SpecifiedECDomain), not an OID. */
function explicitEcParameters(spki: Buffer): boolean {
  // SEQUENCE { SEQUENCE { OID id-ecPublicKey, parameters } , BIT STRING }
  const skip = (at: number): number => {
    const first = spki[at + 1] ?? 0;
    return first & 0x80 ? at + 2 + (first & 0x7f) : at + 2;
  };
  const algorithm = skip(0);
  const oidAt = skip(algorithm);
  const oidLength = spki[oidAt + 1] ?? 0;
  const parameters = oidAt + 2 + oidLength;
  return spki[parameters] === 0x30;
}

/**
 * X509_check_akid: an authorityKeyIdentifier key id that is present must equal the
 * issuer's subjectKeyIdentifier when that is present; an authorityCertSerialNumber must
 * be the issuer's serial, and the first directoryName of authorityCertIssuer the
 * issuer's issuer name.
 */
export function akidMatches(issuer: CertFacts, child: CertFacts): boolean {
  if (
    child.authorityKeyId !== null &&
    issuer.subjectKeyId !== null &&
    child.authorityKeyId !== issuer.subjectKeyId
  ) {
    return false;
  }
  const details = child.extensionDetails;
  if (!details) return true;
  if (
    details.authorityCertSerialHex !== null &&
    stripZeros(details.authorityCertSerialHex) !== stripZeros(issuer.serialHex)
  ) {
    return false;
  }
  return (
    details.authorityCertIssuerHex === null ||
    details.authorityCertIssuerHex === issuer.issuer.rawHex
  );
}

const stripZeros = (hex: string): string => hex.toLowerCase().replace(/^(00)+(?=.)/, '');

/**
 * check_sig_alg_match (3.0): the child's signature algorithm must belong to the issuer's
 * key type (an RSA key also accepts RSASSA-PSS). Unknown algorithms are not held against
 * the pair.
 */
export function signatureAlgorithmFitsKey(issuer: CertFacts, child: CertFacts): boolean {
  const signature = child.signatureAlgorithm.name;
  // X509_get0_pubkey: no key, no issuer (X509_V_ERR_NO_ISSUER_PUBLIC_KEY).
  if (keyState(issuer) === 'undecodable') return false;
  if (keyType(issuer) === 'dsa') return DSA_SIGNATURES.has(child.signatureAlgorithm.oid);
  switch (issuer.publicKey.algorithm) {
    case 'RSA':
      return signature.endsWith('-RSA') || signature === 'RSASSA-PSS';
    case 'RSA-PSS':
      return signature === 'RSASSA-PSS';
    case 'ECDSA':
      return signature.startsWith('ECDSA-');
    case 'Ed25519':
      return signature === 'Ed25519';
    case 'Ed448':
      return signature === 'Ed448' || child.signatureAlgorithm.oid === '1.3.101.113';
    case 'unknown':
      return true;
  }
}

/** id-dsa-with-sha1, dsa-with-sha224, dsa-with-sha256. */
const DSA_SIGNATURES = new Set([
  '1.2.840.10040.4.3',
  '2.16.840.1.101.3.4.3.1',
  '2.16.840.1.101.3.4.3.2',
]);

/**
 * EXFLAG_SS, what X509_self_signed(cert, 0) reports: self-issued (subject equals issuer;
 * the facts compare the DER, OpenSSL the canonical form), AKID compatible with its own
 * SKID, and the signature algorithm fits its own key. The signature itself is NOT checked
 * and keyUsage is NOT consulted — a self-signed leaf with keyUsage lacking keyCertSign is
 * still self-signed to OpenSSL 3.0.
 */
export function opensslSelfSigned(cert: CertFacts): boolean {
  // X509_self_signed is −1 (not 1) for a certificate without a key or an invalid one.
  if (isInvalid(cert) || keyState(cert) === 'undecodable') return false;
  return cert.selfIssued && akidMatches(cert, cert) && signatureAlgorithmFitsKey(cert, cert);
}

/**
 * ossl_x509_likely_issued, what chain building (check_issued) accepts as an issuer: the
 * issuer's subject is the child's issuer name, the AKID fits, and the child's signature
 * algorithm fits the issuer's key. Neither the signature nor keyUsage is checked here.
 */
export function likelyIssued(issuer: CertFacts, child: CertFacts): boolean {
  return (
    issuer.subject.rawHex === child.issuer.rawHex &&
    !isInvalid(issuer) &&
    !isInvalid(child) &&
    akidMatches(issuer, child) &&
    signatureAlgorithmFitsKey(issuer, child)
  );
}

/** ku_reject(x, KU_KEY_CERT_SIGN): a keyUsage extension is present without keyCertSign. */
export function keyUsageRejectsCertSign(cert: CertFacts): boolean {
  return cert.keyUsage !== null && !cert.keyUsage.usages.includes('keyCertSign');
}

/**
 * check_ca (v3_purp.c), the value X509_check_ca returns: 0 not a CA (keyUsage without
 * keyCertSign, or basicConstraints CA:FALSE, or no basicConstraints and neither a v1
 * self-signed root nor a keyUsage extension), 1 basicConstraints CA:TRUE, 3 v1
 * self-signed root, 4 no basicConstraints but keyUsage with keyCertSign. (5, Netscape
 * cert type, is not in the facts.)
 */
export function checkCa(cert: CertFacts): 0 | 1 | 3 | 4 {
  // X509_check_ca: 0 when ossl_x509v3_cache_extensions fails.
  if (isInvalid(cert)) return 0;
  if (keyUsageRejectsCertSign(cert)) return 0;
  if (cert.basicConstraints) return cert.basicConstraints.ca ? 1 : 0;
  if (cert.version === 1 && opensslSelfSigned(cert)) return 3;
  if (cert.keyUsage) return 4;
  return 0;
}

/**
 * Critical extensions OpenSSL 3.0 understands (X509_supported_extension, v3_purp.c);
 * any other critical extension fails with 34. Checked against 3.0.19: critical
 * crlDistributionPoints, certificatePolicies, nameConstraints, policyConstraints,
 * inhibitAnyPolicy and OCSP noCheck pass; critical SKID, AKID, issuerAltName and
 * authorityInfoAccess fail.
 */
const SUPPORTED_CRITICAL = new Set([
  '2.16.840.1.113730.1.1', // nsCertType
  '2.5.29.15', // keyUsage
  '2.5.29.17', // subjectAltName
  '2.5.29.19', // basicConstraints
  '2.5.29.32', // certificatePolicies
  '2.5.29.31', // cRLDistributionPoints
  '2.5.29.37', // extKeyUsage
  '1.3.6.1.5.5.7.1.7', // sbgp-ipAddrBlock (RFC 3779)
  '1.3.6.1.5.5.7.1.8', // sbgp-autonomousSysNum (RFC 3779)
  '1.3.6.1.5.5.7.48.1.5', // id-pkix-OCSP-noCheck
  '2.5.29.36', // policyConstraints
  '1.3.6.1.5.5.7.1.14', // proxyCertInfo
  '2.5.29.30', // nameConstraints
  '2.5.29.33', // policyMappings
  '2.5.29.54', // inhibitAnyPolicy
]);

/** The first critical extension OpenSSL does not understand, or null. */
export function unhandledCriticalExtension(cert: CertFacts): string | null {
  return cert.criticalExtensions.find((oid) => !SUPPORTED_CRITICAL.has(oid)) ?? null;
}
