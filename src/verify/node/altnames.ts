/**
 * Node's `subjectaltname` string, rebuilt from CertFacts: the text Node prints in
 * "Host: … is not in the cert's altnames: <this>" and parses back to find DNS names
 * and IP addresses. Rules observed on Node v20.20.2 (OpenSSL 3.0) by experiment
 * (tests/verify/node/altnames.test.ts pins them against node:crypto X509Certificate).
 *
 * - Entries are `DNS:`, `email:`, `URI:`, `IP Address:` followed by the value, joined
 *   by ", ", in certificate order.
 * - Since the CVE-2021-44532 fix (Node 12.22.9 / 14.18.3 / 16.13.2 / 17.3.1) a value
 *   that is not plain printable ASCII, or that contains `"`, `'`, `,` or `\`, is written
 *   as a double-quoted JSON-like string: `\"`, `\\`, and `\u00XX` for `,` and for every
 *   character outside U+0020–U+007E (the apostrophe stays as it is).
 * - IP addresses are printed OpenSSL-style: dotted IPv4; IPv6 as eight upper-case hex
 *   groups without leading zeros and without `::` compression; any other length as
 *   `<invalid length=N>`.
 */
import type { SanFacts, SanKind } from '../../facts/types.js';

/** Node's label for GeneralName kinds this project only knows by name. */
const OTHER_LABELS: Record<string, string> = {
  otherName: 'othername:<unsupported>',
  x400Address: 'X400Name:<unsupported>',
  ediPartyName: 'EdiPartyName:<unsupported>',
};

export interface AltNameEntry {
  readonly kind: SanKind;
  /** The value as Node's parser hands it to the matcher (unescaped). */
  readonly value: string;
  /** The entry as printed in the `subjectaltname` string. */
  readonly printed: string;
}

/** Every SAN entry in the order Node prints them; empty when there is no SAN extension. */
export function altNameEntries(san: SanFacts | null): AltNameEntry[] {
  if (!san) return [];
  const next: Record<SanKind, number> = { dns: 0, email: 0, uri: 0, ip: 0, other: 0 };
  const entries: AltNameEntry[] = [];
  for (const kind of san.order) {
    const index = next[kind]++;
    const entry = describe(san, kind, index);
    if (entry) entries.push(entry);
  }
  return entries;
}

/** Node's `subjectaltname` string, or `undefined` when the certificate has no SAN extension. */
export function subjectAltNameString(san: SanFacts | null): string | undefined {
  if (!san) return undefined;
  return altNameEntries(san)
    .map((entry) => entry.printed)
    .join(', ');
}

function describe(san: SanFacts, kind: SanKind, index: number): AltNameEntry | undefined {
  switch (kind) {
    case 'dns':
      return textEntry(kind, 'DNS:', san.dns[index]);
    case 'email':
      return textEntry(kind, 'email:', san.email[index]);
    case 'uri':
      return textEntry(kind, 'URI:', san.uri[index]);
    case 'ip': {
      const ip = san.ip[index];
      if (ip === undefined) return undefined;
      const printed = `IP Address:${opensslIpText(hexToBytes(ip.bytesHex))}`;
      return { kind, value: printed.slice('IP Address:'.length), printed };
    }
    case 'other': {
      const name = san.other[index];
      if (name === undefined) return undefined;
      // A registeredID prints its OID in dotted form (crypto_common.cc PrintGeneralName:
      // OBJ_obj2txt with no_name); directoryName prints its contents, which the facts do
      // not keep.
      const described = san.described?.[index];
      const printed =
        described?.tag === 8 && !described.constructed
          ? `Registered ID:${dottedOid(described.contentHex)}`
          : (OTHER_LABELS[name] ?? `${name}:<unsupported>`);
      return { kind, value: printed, printed };
    }
  }
}

/** An OBJECT IDENTIFIER's content octets in dotted form (X.690 §8.19). */
function dottedOid(contentHex: string): string {
  const arcs: bigint[] = [];
  let value = 0n;
  for (const byte of Buffer.from(contentHex, 'hex')) {
    value = value * 128n + BigInt(byte & 0x7f);
    if ((byte & 0x80) === 0) {
      arcs.push(value);
      value = 0n;
    }
  }
  const [first, ...rest] = arcs;
  if (first === undefined) return '';
  const top = first < 40n ? 0n : first < 80n ? 1n : 2n;
  return [top, first - top * 40n, ...rest].join('.');
}

function textEntry(
  kind: SanKind,
  label: string,
  value: string | undefined,
): AltNameEntry | undefined {
  if (value === undefined) return undefined;
  return { kind, value, printed: label + quoteAltValue(value) };
}

/** A value is printed bare when every character is printable ASCII other than `"' ,\`. */
export function isSafeAltValue(value: string): boolean {
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    if (
      code < 0x20 ||
      code > 0x7e ||
      char === '"' ||
      char === "'" ||
      char === ',' ||
      char === '\\'
    ) {
      return false;
    }
  }
  return true;
}

/** The value as Node prints it in `subjectaltname`: bare when safe, else quoted and escaped. */
export function quoteAltValue(value: string): string {
  if (isSafeAltValue(value)) return value;
  let out = '"';
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    if (char === '"' || char === '\\') out += `\\${char}`;
    else if (char === ',' || code < 0x20 || code > 0x7e)
      out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += char;
  }
  return `${out}"`;
}

/** OpenSSL-style IP text, as Node prints it after `IP Address:`. */
export function opensslIpText(bytes: Uint8Array): string {
  if (bytes.length === 4) return Array.from(bytes).join('.');
  if (bytes.length === 16) {
    return words(bytes)
      .map((word) => word.toString(16).toUpperCase())
      .join(':');
  }
  return `<invalid length=${bytes.length}>`;
}

/**
 * Node's canonicalizeIP (libuv's inet_ntop, BIND style): dotted IPv4; IPv6 in lower-case
 * hex, the first longest run of two or more zero groups written `::`, and an IPv4 tail
 * for IPv4-compatible (`::a.b.c.d`) and IPv4-mapped (`::ffff:a.b.c.d`) addresses.
 * Returns '' for text that is not an address (Node's list then shows an empty item).
 */
export function canonicalIpText(bytes: Uint8Array | undefined): string {
  if (!bytes) return '';
  if (bytes.length === 4) return Array.from(bytes).join('.');
  if (bytes.length !== 16) return '';
  const groups = words(bytes);
  let bestStart = -1;
  let bestLength = 0;
  for (let start = 0; start < 8;) {
    if (groups[start] !== 0) {
      start++;
      continue;
    }
    let end = start;
    while (end < 8 && groups[end] === 0) end++;
    if (end - start > bestLength) {
      bestStart = start;
      bestLength = end - start;
    }
    start = end;
  }
  if (bestLength < 2) bestStart = -1;
  const tail = Array.from(bytes.subarray(12)).join('.');
  if (bestStart === 0 && bestLength === 6) return `::${tail}`;
  if (bestStart === 0 && bestLength === 5 && groups[5] === 0xffff) return `::ffff:${tail}`;
  const hex = groups.map((word) => word.toString(16));
  if (bestStart === -1) return hex.join(':');
  const head = hex.slice(0, bestStart).join(':');
  const rest = hex.slice(bestStart + bestLength).join(':');
  return `${head}::${rest}`;
}

function words(bytes: Uint8Array): number[] {
  const out: number[] = [];
  for (let index = 0; index < 16; index += 2)
    out.push(((bytes[index] ?? 0) << 8) | (bytes[index + 1] ?? 0));
  return out;
}

export function hexToBytes(hex: string): Uint8Array {
  return Uint8Array.from(Buffer.from(hex, 'hex'));
}
