/**
 * Files people hand over instead of a certificate, recognised by their outer DER shape
 * (or a keystore's magic number) so the error names what the file is and how to get the
 * certificate out of it, instead of a parser's complaint about an ASN.1 schema.
 * Shapes: PKCS#12 (RFC 7292 §4: PFX ::= SEQUENCE { version INTEGER {v3(3)}, authSafe
 * ContentInfo }), PKCS#7/CMS (RFC 5652 §3: ContentInfo with signedData), PKCS#8 (RFC 5208
 * §5, RFC 5958 §2), PKCS#1 (RFC 8017 A.1.2), SEC1 EC keys (RFC 5915 §3), PKCS#10 requests
 * (RFC 2986 §4), and Java's JKS/JCEKS keystores (magic 0xFEEDFEED / 0xCECECECE).
 */
import { derElementLength } from './der.js';

export interface Container {
  /** What the file is, as a phrase: "a PKCS#12 bundle (.p12/.pfx)". */
  readonly what: string;
  /** How to get the certificate out, with FILE for the path. */
  readonly extract: string;
}

const OID_DATA = '06092a864886f70d010701';
const OID_SIGNED_DATA = '06092a864886f70d010702';
const OID_PBES2 = '06092a864886f70d01050d';

const PKCS12: Container = {
  what: 'a PKCS#12 bundle (.p12/.pfx), not a certificate',
  extract:
    'openssl pkcs12 -in FILE -nokeys -clcerts -out cert.pem (add -legacy for files from older tools)',
};
const PKCS7: Container = {
  what: 'a PKCS#7 certificate bundle (.p7b/.p7c), not a certificate',
  extract: 'openssl pkcs7 -inform DER -in FILE -print_certs -out cert.pem',
};
const KEY: Container = {
  what: 'a private key, not a certificate (its content is not read further)',
  extract:
    'give the certificate that goes with it instead (e.g. apiserver.crt beside apiserver.key)',
};
const CSR: Container = {
  what: 'a certificate signing request (CSR), not a certificate',
  extract:
    'give the certificate the CA issued for it (kubectl get csr NAME -o jsonpath={.status.certificate} | base64 -d)',
};
const JKS: Container = {
  what: 'a Java keystore (JKS/JCEKS), not a certificate',
  extract: 'keytool -exportcert -rfc -keystore FILE -alias ALIAS -file cert.pem',
};

/** What to do with a PEM file whose blocks are of these kinds but none is a CERTIFICATE. */
export function pemHint(labels: readonly string[]): string {
  if (labels.includes('PKCS7'))
    return '; openssl pkcs7 -in FILE -print_certs -out cert.pem extracts the certificates';
  if (labels.some((label) => label.includes('CERTIFICATE REQUEST'))) return `; ${CSR.extract}`;
  return '';
}

/** The container `bytes` are, when they are one of the known non-certificate shapes. */
export function containerKind(bytes: Uint8Array): Container | null {
  const magic = Buffer.from(bytes.subarray(0, 4)).toString('hex');
  if (magic === 'feedfeed' || magic === 'cececece') return JKS;
  if (bytes[0] !== 0x30) return null;
  const children = elements(bytes, 0);
  if (!children) return null;
  const [first, second, third] = children;
  if (!first) return null;
  if (first.hex === OID_SIGNED_DATA) return PKCS7;
  // PFX: version 3, then a ContentInfo of type data.
  if (first.hex === '020103' && second?.tag === 0x30) {
    const inner = elements(bytes, second.offset);
    if (inner?.[0]?.hex === OID_DATA) return PKCS12;
  }
  // PKCS#8: version 0/1, AlgorithmIdentifier, OCTET STRING; encrypted: AlgorithmIdentifier (PBES2…), OCTET STRING.
  if (
    (first.hex === '020100' || first.hex === '020101') &&
    second?.tag === 0x30 &&
    third?.tag === 0x04
  )
    return KEY;
  if (first.tag === 0x30 && second?.tag === 0x04 && children.length === 2) {
    const algorithm = elements(bytes, first.offset);
    if (algorithm?.[0]?.hex === OID_PBES2 || algorithm?.[0]?.tag === 0x06) return KEY;
  }
  // PKCS#1 RSA: version 0 and eight INTEGERs; SEC1 EC: version 1, OCTET STRING private key.
  if (first.hex === '020100' && children.length >= 9 && children.every((c) => c.tag === 0x02))
    return KEY;
  if (first.hex === '020101' && second?.tag === 0x04) return KEY;
  // PKCS#10: CertificationRequestInfo ::= SEQUENCE { version 0, Name, SPKI, [0] attributes },
  // where a certificate's TBS has a validity SEQUENCE in that fourth place.
  if (first.tag === 0x30) {
    const info = elements(bytes, first.offset);
    if (
      info &&
      info[0]?.hex === '020100' &&
      info[1]?.tag === 0x30 &&
      info[2]?.tag === 0x30 &&
      info[3]?.tag === 0xa0 &&
      info.length === 4
    )
      return CSR;
  }
  return null;
}

interface Element {
  readonly tag: number;
  readonly offset: number;
  /** The whole TLV in hex, for short elements (INTEGER versions, OIDs); '' otherwise. */
  readonly hex: string;
}

/** The children of the constructed element at `offset`, or null when it is not well framed. */
function elements(bytes: Uint8Array, offset: number): Element[] | null {
  const total = derElementLength(bytes, offset);
  if (typeof total === 'string') return null;
  const lengthByte = bytes[offset + 1] ?? 0;
  const header = lengthByte & 0x80 ? 2 + (lengthByte & 0x7f) : 2;
  const end = offset + total;
  const out: Element[] = [];
  let at = offset + header;
  while (at < end && out.length < 16) {
    const length = derElementLength(bytes, at);
    if (typeof length === 'string' || at + length > end) return null;
    out.push({
      tag: bytes[at] ?? 0,
      offset: at,
      hex: length <= 16 ? Buffer.from(bytes.subarray(at, at + length)).toString('hex') : '',
    });
    at += length;
  }
  return out;
}
