/**
 * facts: plain data about a certificate. Everything downstream (verify, diagnose,
 * render) reads these and never the parser's objects, so the rules can be tested
 * with hand-written facts and the JSON report is these objects as they are.
 */
import type { KubeGenerated } from './kubernetes.js';
import type { KEY_USAGES, SignatureAlgorithmFacts } from './tables.js';

export interface NameFacts {
  /** RFC 4514 string, for display. */
  readonly dn: string;
  /** Every CN attribute in order; Go uses the last one, OpenSSL the last one too. */
  readonly commonNames: readonly string[];
  readonly organizations: readonly string[];
  /** DER of the Name, hex: what chain building compares. */
  readonly rawHex: string;
}

export interface IpSan {
  /** Go's net.IP.String() of the octets. */
  readonly text: string;
  /** The octets as written in the certificate (4 or 16 when well formed). */
  readonly bytesHex: string;
}

/** GeneralName kinds as the SAN lists group them. */
export type SanKind = 'dns' | 'email' | 'uri' | 'ip' | 'other';

export interface SanFacts {
  readonly critical: boolean;
  /** The kind of each entry in certificate order (Node prints SANs in that order). */
  readonly order: readonly SanKind[];
  readonly dns: readonly string[];
  readonly ip: readonly IpSan[];
  readonly uri: readonly string[];
  readonly email: readonly string[];
  /** Other GeneralName kinds (directoryName, otherName, registeredID …), described. */
  readonly other: readonly string[];
  /**
   * The encoding of each `other` entry, in the same order; present only when there are
   * any. Clients differ on these: OpenSSL cannot decode a primitive otherName or an
   * unknown tag (and then distrusts the whole certificate), Node prints a registeredID's
   * OID.
   */
  readonly described?: readonly DescribedNameFacts[];
  /**
   * Present when the extension's value is not GeneralNames at all: why, in words (the
   * lists are then empty). Clients still judge such a certificate — OpenSSL cannot cache
   * its extensions and distrusts it, Go refuses to parse it — so it is a fact, not an
   * input error.
   */
  readonly undecodable?: string;
}

/** One GeneralName of a kind the SAN lists only describe, as encoded. */
export interface DescribedNameFacts {
  /** The context tag number. */
  readonly tag: number;
  readonly constructed: boolean;
  readonly contentHex: string;
}

/**
 * Extension details few certificates have and few clients read (src/facts/details.ts);
 * present on a certificate only when one of them is.
 */
export interface ExtensionDetails {
  /** OIDs of extensions that occur more than once (RFC 5280 §4.2 forbids it). */
  readonly duplicateExtensions: readonly string[];
  /** authorityKeyIdentifier's authorityCertIssuer: DER of its first directoryName. */
  readonly authorityCertIssuerHex: string | null;
  /** authorityKeyIdentifier's authorityCertSerialNumber, content octets in hex. */
  readonly authorityCertSerialHex: string | null;
}

/**
 * Encoding details few certificates have and only a strict parser refuses (Go's
 * ParseCertificate, src/verify/go/parse.ts); present on a certificate only when one of them
 * is (src/facts/details.ts).
 */
export interface EncodingDetails {
  /**
   * The TBS certificate's signature AlgorithmIdentifier is not byte for byte the outer one
   * (RFC 5280 §4.1.1.2: they MUST be identical).
   */
  readonly signatureAlgorithmMismatch: boolean;
  /** OIDs of extensions whose value is not even the outer SEQUENCE its syntax requires. */
  readonly malformedExtensions: readonly string[];
  /**
   * An id-ecPublicKey key whose curve is not P-256, P-384 or P-521: the named curve's OID,
   * or null when the parameters are not a named curve (explicit or implicit parameters).
   */
  readonly ecNamedCurve?: string | null;
}

/** An iPAddress name constraint: an address and a mask (RFC 5280 §4.2.1.10). */
export interface IpConstraint {
  /** Go's net.IPNet.String(): the address as written, `/` and the prefix length (or hex mask). */
  readonly text: string;
  /** Address then mask octets as written (8 or 32 when well formed). */
  readonly bytesHex: string;
}

/** One side of a nameConstraints extension, by GeneralName kind; bases as written. */
export interface GeneralSubtreesFacts {
  /** dNSName bases, a leading `.` kept. */
  readonly dns: readonly string[];
  readonly ip: readonly IpConstraint[];
  /** rfc822Name bases: a mailbox, a host, or `.domain`. */
  readonly email: readonly string[];
  /** uniformResourceIdentifier bases: a host or `.domain`. */
  readonly uri: readonly string[];
  /** Other kinds (directoryName, otherName …), described. */
  readonly other: readonly string[];
  /** DER (hex) of each directoryName base, in order; present only when there are any. */
  readonly directoryNames?: readonly string[];
}

/** The nameConstraints extension (RFC 5280 §4.2.1.10, src/facts/name-constraints.ts). */
export interface NameConstraintsFacts {
  readonly critical: boolean;
  readonly permitted: GeneralSubtreesFacts;
  readonly excluded: GeneralSubtreesFacts;
}

export interface PublicKeyFacts {
  readonly algorithm: 'RSA' | 'ECDSA' | 'Ed25519' | 'Ed448' | 'RSA-PSS' | 'unknown';
  readonly bits: number | null;
  readonly curve: string | null;
}

/** Declared beside the algorithm table (src/facts/tables.ts) that fills it. */
export type { SignatureAlgorithmFacts } from './tables.js';

export interface BasicConstraintsFacts {
  readonly critical: boolean;
  readonly ca: boolean;
  readonly pathLen: number | null;
}

/** RFC 5280 §4.2.1.3 names, in bit order (src/facts/tables.ts). */
export type KeyUsageName = (typeof KEY_USAGES)[number];

export interface KeyUsageFacts {
  readonly critical: boolean;
  readonly usages: readonly KeyUsageName[];
}

export interface ExtKeyUsageFacts {
  readonly critical: boolean;
  /** Known usages by name (serverAuth, clientAuth, any …), others as dotted OIDs. */
  readonly usages: readonly string[];
}

export interface CertFacts {
  /** Position in the input: 0 is the served leaf. */
  readonly index: number;
  readonly version: number;
  readonly serialHex: string;
  readonly serialDecimal: string;
  readonly subject: NameFacts;
  readonly issuer: NameFacts;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** `null` when the certificate has no subjectAltName extension at all. */
  readonly san: SanFacts | null;
  /** `null` when the certificate has no nameConstraints extension. */
  readonly nameConstraints: NameConstraintsFacts | null;
  readonly publicKey: PublicKeyFacts;
  /** DER of SubjectPublicKeyInfo, hex: two certificates with the same key share it. */
  readonly publicKeyHex: string;
  readonly signatureAlgorithm: SignatureAlgorithmFacts;
  readonly basicConstraints: BasicConstraintsFacts | null;
  readonly keyUsage: KeyUsageFacts | null;
  readonly extKeyUsage: ExtKeyUsageFacts | null;
  readonly subjectKeyId: string | null;
  readonly authorityKeyId: string | null;
  readonly fingerprintSha256: string;
  /** Subject and issuer are the same Name (byte for byte). */
  readonly selfIssued: boolean;
  /** Self-issued and the signature verifies with the certificate's own key. */
  readonly selfSigned: boolean;
  /** OIDs of every extension marked critical; each client knows its own set. */
  readonly criticalExtensions: readonly string[];
  readonly kubernetes: KubeGenerated | null;
  /** Present only when the certificate has one of these details. */
  readonly extensionDetails?: ExtensionDetails;
  /** Present only when the certificate has one of these details. */
  readonly encodingDetails?: EncodingDetails;
}
