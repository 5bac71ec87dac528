/**
 * How OpenSSL 3.0 classifies a certificate from its cached extension data
 * (crypto/x509/v3_purp.c ossl_x509v3_cache_extensions, X509_check_akid, check_ca;
 * crypto/x509/x509_vfy.c X509_self_signed). Facts in, booleans out.
 */
import type { CertFacts } from '../../facts/types.js';

/**
 * X509_check_akid: an authorityKeyIdentifier key id that is present must equal the
 * issuer's subjectKeyIdentifier when that is present. (The AKID's issuer/serial form is
 * not in the facts; the generator never writes it.)
 */
export function akidMatches(issuer: CertFacts, child: CertFacts): boolean {
  return (
    child.authorityKeyId === null ||
    issuer.subjectKeyId === null ||
    child.authorityKeyId === issuer.subjectKeyId
  );
}

/**
 * check_sig_alg_match (3.0): the child's signature algorithm must belong to the issuer's
 * key type (an RSA key also accepts RSASSA-PSS). Unknown algorithms are not held against
 * the pair.
 */
export function signatureAlgorithmFitsKey(issuer: CertFacts, child: CertFacts): boolean {
  const signature = child.signatureAlgorithm.name;
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

/**
 * EXFLAG_SS, what X509_self_signed(cert, 0) reports: self-issued (subject equals issuer;
 * the facts compare the DER, OpenSSL the canonical form), AKID compatible with its own
 * SKID, and the signature algorithm fits its own key. The signature itself is NOT checked
 * and keyUsage is NOT consulted — a self-signed leaf with keyUsage lacking keyCertSign is
 * still self-signed to OpenSSL 3.0.
 */
export function opensslSelfSigned(cert: CertFacts): boolean {
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
