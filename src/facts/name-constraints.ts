/**
 * nameConstraints (RFC 5280 §4.2.1.10) decoded from the extension's DER. Every reader
 * calls this one decoder (the DER reader, src/facts/read.ts, and the full parser's path,
 * src/facts/extract.ts), so the two cannot disagree about a constraint.
 *
 *   NameConstraints ::= SEQUENCE {
 *        permittedSubtrees [0] GeneralSubtrees OPTIONAL,
 *        excludedSubtrees  [1] GeneralSubtrees OPTIONAL }
 *   GeneralSubtree ::= SEQUENCE { base GeneralName, minimum [0] …, maximum [1] … }
 *
 * Strict DER, as Go 1.19's parser reads this extension (cryptobyte, parser.go
 * parseNameConstraintsExtension); anything else throws der.ts's Unsupported, which the
 * full parser's path reports as an undecodable extension. Bases are kept exactly as
 * written: DNS, email and URI constraints as Latin-1 text (a leading `.` included), IP
 * constraints with their address-and-mask octets. Semantic checks (a bad mask, an
 * unparsable domain, minimum/maximum) are each client's business, not a reading error.
 */
import { toHex } from '../base/bytes.js';
import { formatIpGo } from '../base/ip.js';
import { children, content, expect, readTlv, Unsupported, whole } from './der.js';
import { OTHER_GENERAL_NAMES } from './tables.js';
import type { GeneralSubtreesFacts, IpConstraint, NameConstraintsFacts } from './types.js';

/** id-ce-nameConstraints. */
export const NAME_CONSTRAINTS_OID = '2.5.29.30';

/** The facts of an extension value as a reader found it; null when there is none. */
export function nameConstraintsFacts(
  value: Uint8Array | undefined,
  critical: boolean,
): NameConstraintsFacts | null {
  return value ? decodeNameConstraints(value, critical) : null;
}

interface MutableSubtrees {
  readonly dns: string[];
  readonly ip: IpConstraint[];
  readonly email: string[];
  readonly uri: string[];
  readonly other: string[];
  readonly directoryNames: string[];
}

const empty = (): MutableSubtrees => ({
  dns: [],
  ip: [],
  email: [],
  uri: [],
  other: [],
  directoryNames: [],
});

/** The extension's facts; throws Unsupported when the value is not DER of the right shape. */
export function decodeNameConstraints(value: Uint8Array, critical: boolean): NameConstraintsFacts {
  const top = expect(readTlv(value, 0, value.length), 0x30);
  // Go: "x509: invalid NameConstraints extension" (Go 1.19 parser.go, outer.Empty()).
  if (top.end !== value.length) throw new Unsupported('trailing data');
  const permitted = empty();
  const excluded = empty();
  let last = -1;
  for (const part of children(value, top)) {
    // [0] then [1], each at most once, both constructed.
    const side = part.tag === 0xa0 ? 0 : part.tag === 0xa1 ? 1 : -1;
    if (side <= last) throw new Unsupported('subtrees other than [0] then [1]');
    last = side;
    for (const subtree of children(value, part)) {
      addSubtree(value, subtree, side === 0 ? permitted : excluded);
    }
  }
  return { critical, permitted: done(permitted), excluded: done(excluded) };
}

function addSubtree(value: Uint8Array, subtree: ReturnType<typeof readTlv>, into: MutableSubtrees) {
  const [base] = children(value, expect(subtree, 0x30));
  if (!base || (base.tag & 0xc0) !== 0x80) throw new Unsupported('GeneralSubtree base');
  const tagNumber = base.tag & 0x1f;
  const constructed = (base.tag & 0x20) !== 0;
  // rfc822Name, dNSName, URI and iPAddress are primitive (RFC 5280 §4.2.1.6 IMPLICIT tags).
  if (constructed && [1, 2, 6, 7].includes(tagNumber)) throw new Unsupported('GeneralName form');
  const bytes = content(value, base);
  const text = (): string => Buffer.from(bytes).toString('latin1');
  switch (tagNumber) {
    case 1:
      into.email.push(text());
      break;
    case 2:
      into.dns.push(text());
      break;
    case 6:
      into.uri.push(text());
      break;
    case 7:
      into.ip.push(ipConstraint(bytes));
      break;
    default:
      into.other.push(OTHER_GENERAL_NAMES[tagNumber] ?? `tag ${tagNumber}`);
      // directoryName is [4] EXPLICIT Name: keep the Name's DER.
      if (tagNumber === 4 && constructed) {
        const [name] = children(value, base);
        if (name) into.directoryNames.push(toHex(whole(value, name)));
      }
  }
}

/**
 * An iPAddress base: address then mask (RFC 5280 §4.2.1.10: 8 octets for IPv4, 32 for
 * IPv6). The text is what Go's net.IPNet.String() prints — the address as written (host
 * bits are not cleared) and the prefix length, or the mask in hex when it is not a prefix.
 */
function ipConstraint(octets: Uint8Array): IpConstraint {
  const bytesHex = toHex(octets);
  if (octets.length !== 8 && octets.length !== 32) return { text: `?${bytesHex}`, bytesHex };
  const half = octets.length / 2;
  const shown = formatIpGo(octets.subarray(0, half));
  let mask = octets.subarray(half);
  // networkNumberAndMask: an IPv4-mapped address is shown as IPv4 with the mask's tail.
  if (half === 16 && !shown.includes(':')) mask = mask.subarray(12);
  const prefix = prefixLength(mask);
  return { text: `${shown}/${prefix === -1 ? toHex(mask) : prefix}`, bytesHex };
}

/** Go's simpleMaskLength: the number of leading ones, -1 unless ones then zeros. */
function prefixLength(mask: Uint8Array): number {
  let ones = 0;
  let seenZero = false;
  for (const byte of mask) {
    for (let bit = 7; bit >= 0; bit--) {
      if ((byte >> bit) & 1) {
        if (seenZero) return -1;
        ones++;
      } else seenZero = true;
    }
  }
  return ones;
}

function done(subtrees: MutableSubtrees): GeneralSubtreesFacts {
  const { directoryNames, ...rest } = subtrees;
  return directoryNames.length > 0 ? { ...rest, directoryNames } : rest;
}
