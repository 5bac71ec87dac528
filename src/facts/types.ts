/**
 * facts: plain data about a certificate. Everything downstream (verify, diagnose,
 * render) reads these and never the parser's objects, so the rules can be tested
 * with hand-written facts and the JSON report is these objects as they are.
 */
import type { KubeGenerated } from './kubernetes.js';

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
}

export interface PublicKeyFacts {
  readonly algorithm: 'RSA' | 'ECDSA' | 'Ed25519' | 'Ed448' | 'RSA-PSS' | 'unknown';
  readonly bits: number | null;
  readonly curve: string | null;
}

export interface SignatureAlgorithmFacts {
  readonly oid: string;
  /** Go's x509.SignatureAlgorithm.String() spelling, e.g. SHA256-RSA. */
  readonly name: string;
  readonly hash: 'MD5' | 'SHA1' | 'SHA256' | 'SHA384' | 'SHA512' | null;
}

export interface BasicConstraintsFacts {
  readonly critical: boolean;
  readonly ca: boolean;
  readonly pathLen: number | null;
}

export type KeyUsageName =
  | 'digitalSignature'
  | 'nonRepudiation'
  | 'keyEncipherment'
  | 'dataEncipherment'
  | 'keyAgreement'
  | 'keyCertSign'
  | 'cRLSign'
  | 'encipherOnly'
  | 'decipherOnly';

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
}
