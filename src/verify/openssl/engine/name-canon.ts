/**
 * OpenSSL's canonical encoding of a Name (crypto/x509/x_name.c x509_name_canon and
 * asn1_string_canon, 3.0), which nc_dn compares: each RDN as a SET OF its attributes with
 * every string-typed value turned into a UTF8String — leading and trailing whitespace
 * dropped, inner runs of whitespace made one space, ASCII letters lower-cased — and the
 * RDNs concatenated without the outer SEQUENCE. A base matches a name whose canonical
 * encoding starts with the base's.
 */
import { children, readTlv, whole } from '../../../facts/der.js';

/** Universal tags asn1_string_canon rewrites (ASN1_MASK_CANON). */
const CANON_TAGS = new Set([0x0c, 0x1e, 0x1c, 0x13, 0x14, 0x16, 0x1a]);

const isSpace = (byte: number): boolean => byte === 0x20 || (byte >= 0x09 && byte <= 0x0d);

/** The canonical encoding of the Name with this DER (hex); null when it cannot be read. */
export function canonicalName(nameHex: string): Buffer | null {
  const der = Buffer.from(nameHex, 'hex');
  try {
    const name = readTlv(der, 0, der.length);
    const rdns = children(der, name).map((rdn) => {
      const entries = children(der, rdn).map((entry) => {
        const [type, value] = children(der, entry);
        if (!type || !value) throw new Error('attribute');
        return tlv(0x30, Buffer.concat([Buffer.from(whole(der, type)), canonValue(der, value)]));
      });
      // DER orders a SET OF by encoding.
      return tlv(0x31, Buffer.concat(entries.sort((a, b) => Buffer.compare(a, b))));
    });
    return Buffer.concat(rdns);
  } catch {
    return null;
  }
}

function canonValue(der: Uint8Array, value: ReturnType<typeof readTlv>): Buffer {
  if (!CANON_TAGS.has(value.tag)) return Buffer.from(whole(der, value));
  const raw = Buffer.from(der.subarray(value.body, value.end));
  const utf8 = Buffer.from(toText(value.tag, raw), 'utf8');
  let start = 0;
  let end = utf8.length;
  while (start < end && isSpace(utf8[start] ?? 0)) start++;
  while (end > start && isSpace(utf8[end - 1] ?? 0)) end--;
  const out: number[] = [];
  for (let i = start; i < end;) {
    const byte = utf8[i] ?? 0;
    if (byte >= 0x80) {
      out.push(byte);
      i++;
    } else if (isSpace(byte)) {
      out.push(0x20);
      while (i < end && isSpace(utf8[i] ?? 0)) i++;
    } else {
      out.push(byte >= 0x41 && byte <= 0x5a ? byte + 0x20 : byte);
      i++;
    }
  }
  return tlv(0x0c, Buffer.from(out));
}

/** ASN1_STRING_to_UTF8's reading of each string type. */
function toText(tag: number, raw: Buffer): string {
  switch (tag) {
    case 0x0c:
      return raw.toString('utf8');
    case 0x1e: {
      let text = '';
      for (let i = 0; i + 1 < raw.length; i += 2) text += String.fromCharCode(raw.readUInt16BE(i));
      return text;
    }
    case 0x1c: {
      let text = '';
      for (let i = 0; i + 3 < raw.length; i += 4) text += String.fromCodePoint(raw.readUInt32BE(i));
      return text;
    }
    default:
      return raw.toString('latin1');
  }
}

function tlv(tag: number, body: Buffer): Buffer {
  const length = body.length;
  const header =
    length < 0x80
      ? [tag, length]
      : length < 0x100
        ? [tag, 0x81, length]
        : [tag, 0x82, length >> 8, length & 0xff];
  return Buffer.concat([Buffer.from(header), body]);
}

/** nc_dn: the base's canonical encoding is a prefix of the name's. */
export function directoryNameMatches(nameHex: string, baseHex: string): 'ok' | 'permitted' {
  const name = canonicalName(nameHex);
  const base = canonicalName(baseHex);
  if (!name || !base) return 'permitted';
  return base.length <= name.length && name.subarray(0, base.length).equals(base)
    ? 'ok'
    : 'permitted';
}
