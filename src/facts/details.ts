/**
 * Extension details few certificates have (ExtensionDetails in src/facts/types.ts), read
 * from the certificate's DER with the strict reader: duplicated extensions, and the
 * issuer-and-serial form of authorityKeyIdentifier (RFC 5280 §4.2.1.1). A certificate the
 * strict reader cannot walk has no details (its facts came from the full parser, which
 * keeps one extension per OID).
 */
import { toHex } from '../base/bytes.js';
import { children, content, expect, oid, readTlv, Unsupported, whole, type Tlv } from './der.js';
import { OID } from './tables.js';
import type { EncodingDetails, ExtensionDetails } from './types.js';

export function extensionDetailsOf(der: Uint8Array): { extensionDetails?: ExtensionDetails } {
  let details: ExtensionDetails;
  try {
    details = read(der);
  } catch (error) {
    if (error instanceof Unsupported) return {};
    throw error;
  }
  const any =
    details.duplicateExtensions.length > 0 ||
    details.authorityCertIssuerHex !== null ||
    details.authorityCertSerialHex !== null;
  return any ? { extensionDetails: details } : {};
}

function read(der: Uint8Array): ExtensionDetails {
  const certificate = expect(readTlv(der, 0, der.length), 0x30);
  const tbs = expect(children(der, certificate)[0], 0x30);
  const wrapper = children(der, tbs).find((field) => field.tag === 0xa3);
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  let issuer: string | null = null;
  let serial: string | null = null;
  if (wrapper) {
    const list = expect(children(der, wrapper)[0], 0x30);
    for (const extension of children(der, list)) {
      const parts = children(der, expect(extension, 0x30));
      const id = oid(der, expect(parts[0], 0x06));
      if (seen.has(id)) duplicates.add(id);
      seen.add(id);
      if (id !== OID.authorityKeyId) continue;
      const value = content(der, expect(parts.at(-1), 0x04));
      const fields = children(value, expect(readTlv(value, 0, value.length), 0x30));
      const names = fields.find((field) => field.tag === 0xa1);
      const number = fields.find((field) => field.tag === 0x82);
      if (names) issuer = firstDirectoryName(value, names);
      if (number) serial = toHex(content(value, number));
    }
  }
  return {
    duplicateExtensions: [...duplicates],
    authorityCertIssuerHex: issuer,
    authorityCertSerialHex: serial,
  };
}

/** The DER of the first directoryName ([4] EXPLICIT Name) among GeneralNames. */
function firstDirectoryName(value: Uint8Array, names: Tlv): string | null {
  for (const name of children(value, names)) {
    if (name.tag !== 0xa4) continue;
    const inner = children(value, name)[0];
    return inner ? toHex(whole(value, inner)) : null;
  }
  return null;
}

/** The extensions whose value must be a SEQUENCE, checked for being one (RFC 5280 §4.2.2.1). */
const SEQUENCE_EXTENSIONS = new Set(['1.3.6.1.5.5.7.1.1']); // authorityInfoAccess

const ID_EC_PUBLIC_KEY = '1.2.840.10045.2.1';
/** The curves the facts name (publicKey.curve); others are recorded by OID. */
const COMMON_CURVES = new Set(['1.2.840.10045.3.1.7', '1.3.132.0.34', '1.3.132.0.35']);

/**
 * Encoding details (EncodingDetails in src/facts/types.ts): the inner and outer signature
 * algorithms, extensions that are not the SEQUENCE their syntax requires, an unusual EC
 * curve. Absent when the certificate has none of them, or when the strict reader cannot
 * walk it.
 */
export function encodingDetailsOf(der: Uint8Array): { encodingDetails?: EncodingDetails } {
  try {
    const certificate = expect(readTlv(der, 0, der.length), 0x30);
    const [tbsTlv, outerAlgorithm] = children(der, certificate);
    const tbs = expect(tbsTlv, 0x30);
    const fields = children(der, tbs);
    const at = fields[0]?.tag === 0xa0 ? 1 : 0;
    const innerAlgorithm = expect(fields[at + 1], 0x30);
    const mismatch =
      toHex(whole(der, innerAlgorithm)) !== toHex(whole(der, expect(outerAlgorithm, 0x30)));
    const malformed: string[] = [];
    const wrapper = fields.find((field) => field.tag === 0xa3);
    if (wrapper) {
      const list = expect(children(der, wrapper)[0], 0x30);
      for (const extension of children(der, list)) {
        const parts = children(der, expect(extension, 0x30));
        const id = oid(der, expect(parts[0], 0x06));
        if (!SEQUENCE_EXTENSIONS.has(id)) continue;
        const value = content(der, expect(parts.at(-1), 0x04));
        if (!isOneSequence(value)) malformed.push(id);
      }
    }
    const curve = ecCurve(der, expect(fields[at + 5], 0x30));
    if (!mismatch && malformed.length === 0 && curve === undefined) return {};
    return {
      encodingDetails: {
        signatureAlgorithmMismatch: mismatch,
        malformedExtensions: malformed,
        ...(curve === undefined ? {} : { ecNamedCurve: curve }),
      },
    };
  } catch (error) {
    if (error instanceof Unsupported) return {};
    throw error;
  }
}

/** `value` is one SEQUENCE and nothing after it. */
function isOneSequence(value: Uint8Array): boolean {
  try {
    const tlv = readTlv(value, 0, value.length);
    return tlv.tag === 0x30 && tlv.end === value.length;
  } catch (error) {
    if (error instanceof Unsupported) return false;
    throw error;
  }
}

/**
 * An EC key's curve when it is not one of the common three: its OID, null when the
 * parameters are not a named curve; undefined for other keys and the common curves.
 */
function ecCurve(der: Uint8Array, spki: Tlv): string | null | undefined {
  const algorithm = expect(children(der, spki)[0], 0x30);
  const [id, parameters] = children(der, algorithm);
  if (oid(der, expect(id, 0x06)) !== ID_EC_PUBLIC_KEY) return undefined;
  if (parameters?.tag !== 0x06) return null;
  const curve = oid(der, parameters);
  return COMMON_CURVES.has(curve) ? undefined : curve;
}
