/**
 * IP literals as Node reads a dialled host: net.isIP decides (ipVersion, src/base/ip.ts), and the octets are those
 * libuv's inet_pton produces (an IPv6 zone `%…` is dropped). Parsed here rather than
 * with ipaddr.js, which reads the IPv4-compatible form `::10.0.0.1` as IPv4-mapped
 * (`::ffff:10.0.0.1`) — Node keeps the two apart.
 */
import { ipVersion } from '../../base/ip.js';

export function parseIpLiteral(text: string): Uint8Array | undefined {
  const family = ipVersion(text);
  if (family === 4) return parseV4(text);
  if (family !== 6) return undefined;
  const percent = text.indexOf('%');
  return parseV6(percent === -1 ? text : text.slice(0, percent));
}

function parseV4(text: string): Uint8Array | undefined {
  const parts = text.split('.').map(Number);
  if (
    parts.length !== 4 ||
    parts.some((part) => !Number.isInteger(part) || part < 0 || part > 255)
  ) {
    return undefined;
  }
  return Uint8Array.from(parts);
}

function parseV6(text: string): Uint8Array | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = groupsOf(halves[0] ?? '');
  const tail = halves.length === 2 ? groupsOf(halves[1] ?? '') : [];
  if (!head || !tail) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 0) return undefined;
  const groups = [
    ...head,
    ...new Array<number>(halves.length === 2 ? missing : 0).fill(0),
    ...tail,
  ];
  const bytes = new Uint8Array(16);
  groups.forEach((group, index) => {
    bytes[index * 2] = group >> 8;
    bytes[index * 2 + 1] = group & 0xff;
  });
  return bytes;
}

/** Hex groups of one side of `::`; a trailing dotted quad counts as two groups. */
function groupsOf(side: string): number[] | undefined {
  if (side === '') return [];
  const groups: number[] = [];
  const parts = side.split(':');
  for (const [index, part] of parts.entries()) {
    if (index === parts.length - 1 && part.includes('.')) {
      const v4 = parseV4(part);
      if (!v4) return undefined;
      groups.push(((v4[0] ?? 0) << 8) | (v4[1] ?? 0), ((v4[2] ?? 0) << 8) | (v4[3] ?? 0));
    } else if (/^[0-9a-f]{1,4}$/i.test(part)) {
      groups.push(parseInt(part, 16));
    } else {
      return undefined;
    }
  }
  return groups;
}
