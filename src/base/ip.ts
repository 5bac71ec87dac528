/**
 * IP address primitives shared by every client profile. The profiles differ in
 * *when* they treat a name as an IP and how they compare; the octets are the same.
 */
import ipaddr from 'ipaddr.js';

/**
 * node:net's isIPv4, without loading node:net (a few milliseconds of a cold start):
 * four decimal numbers 0–255 without leading zeros, joined by dots. A property test keeps
 * it equal to node:net's.
 */
export function isIPv4(text: string): boolean {
  const parts = text.split('.');
  return (
    parts.length === 4 && parts.every((part) => DECIMAL_OCTET.test(part) && Number(part) <= 255)
  );
}

const DECIMAL_OCTET = /^(?:0|[1-9]\d{0,2})$/;

/**
 * node:net's isIPv6, loaded only for a text with a ':' (no other can be one): node:net
 * costs a start a few milliseconds, and its IPv6 pattern, compiled on first use, more.
 */
function isIPv6(text: string): boolean {
  return text.includes(':') && process.getBuiltinModule('node:net').isIPv6(text);
}

/**
 * Octets of an IP literal: 4 for dotted IPv4, 16 for IPv6 (including IPv4-mapped
 * forms), `undefined` for anything else. Dotted IPv4 with leading zeros is rejected,
 * as Go's net.ParseIP does since Go 1.17 and node:net always has.
 */
export function ipToBytes(text: string): Uint8Array | undefined {
  if (isIPv4(text)) return Uint8Array.from(ipaddr.IPv4.parse(text).toByteArray());
  if (isIPv6(text)) {
    // ipaddr.js reads the deprecated IPv4-compatible form `::a.b.c.d` as IPv4-mapped
    // (`::ffff:a.b.c.d`); the WHATWG URL parser keeps them apart, so canonicalise first.
    const canonical = new URL(`http://[${text}]/`).hostname.slice(1, -1);
    return Uint8Array.from(ipaddr.IPv6.parse(canonical).toByteArray());
  }
  return undefined;
}

/** node:net's isIP; a host name never loads node:net. */
export function ipVersion(text: string): 0 | 4 | 6 {
  if (isIPv4(text)) return 4;
  return isIPv6(text) ? 6 : 0;
}

/** Strips one pair of brackets, as `[::1]` is written in URLs. */
export function stripBrackets(host: string): string {
  return host.length >= 3 && host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

const V4_IN_V6_PREFIX = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff];

/** The 4-octet form of an IPv4 or IPv4-mapped IPv6 address, else `undefined`. */
export function asIPv4(bytes: Uint8Array): Uint8Array | undefined {
  if (bytes.length === 4) return bytes;
  if (bytes.length === 16 && V4_IN_V6_PREFIX.every((value, index) => bytes[index] === value)) {
    return bytes.subarray(12);
  }
  return undefined;
}

/**
 * Go's net.IP.Equal: an IPv4 address equals its IPv4-mapped IPv6 form; other lengths
 * compare octet for octet.
 */
export function ipEqualGo(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length === b.length) return bytesEqual(a, b);
  const a4 = asIPv4(a);
  const b4 = asIPv4(b);
  return a4 !== undefined && b4 !== undefined && bytesEqual(a4, b4);
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}

/**
 * Go's net.IP.String(): dotted for 4 octets and IPv4-mapped 16 octets, RFC 5952
 * for other 16-octet addresses, `?` followed by hex for any other length.
 */
export function formatIpGo(bytes: Uint8Array): string {
  const v4 = asIPv4(bytes);
  if (v4) return Array.from(v4).join('.');
  if (bytes.length === 16) return ipaddr.fromByteArray(Array.from(bytes)).toString();
  if (bytes.length === 0) return '<nil>';
  return `?${Buffer.from(bytes).toString('hex')}`;
}
