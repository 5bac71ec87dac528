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
import type { ExtensionDetails } from './types.js';

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
