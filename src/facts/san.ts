/**
 * subjectAltName (RFC 5280 §4.2.1.6) decoded by hand from the GeneralNames DER, so
 * that IP octets stay exactly as written (length 4, 16, or malformed) and odd
 * entries are described rather than dropped.
 */
import * as asn1js from 'asn1js';
import { toArrayBuffer, toHex } from '../bytes.js';
import { defaultLoadLimits } from '../load/index.js';
import { formatIpGo } from '../verify/ip.js';
import type { SanFacts, SanKind } from './types.js';

const OTHER_KINDS: Record<number, string> = {
  0: 'otherName',
  3: 'x400Address',
  4: 'directoryName',
  5: 'ediPartyName',
  8: 'registeredID',
};

export function decodeSan(value: Uint8Array, critical: boolean): SanFacts | string {
  const parsed = asn1js.fromBER(toArrayBuffer(value), { maxNodes: defaultLoadLimits.maxAsn1Nodes });
  if (parsed.offset === -1 || !(parsed.result instanceof asn1js.Sequence)) {
    return 'the subjectAltName extension is not a SEQUENCE of GeneralNames';
  }
  // Go: "x509: trailing data after X.509 extension".
  if (parsed.offset !== value.length) return 'the subjectAltName extension has trailing data';
  const dns: string[] = [];
  const ip: { text: string; bytesHex: string }[] = [];
  const uri: string[] = [];
  const email: string[] = [];
  const other: string[] = [];
  const order: SanKind[] = [];
  for (const name of parsed.result.valueBlock.value) {
    const tag = name.idBlock.tagNumber;
    if (name.idBlock.tagClass !== 3) return 'a subjectAltName entry is not context-tagged';
    const raw = new Uint8Array(name.valueBeforeDecodeView);
    // Header from the parser's own block lengths: tags above 30 take more than one octet.
    const content = raw.subarray(name.idBlock.blockLength + name.lenBlock.blockLength);
    switch (tag) {
      case 1:
        order.push('email');
        email.push(Buffer.from(content).toString('latin1'));
        break;
      case 2:
        order.push('dns');
        dns.push(Buffer.from(content).toString('latin1'));
        break;
      case 6:
        order.push('uri');
        uri.push(Buffer.from(content).toString('latin1'));
        break;
      case 7:
        order.push('ip');
        ip.push({ text: formatIpGo(content), bytesHex: toHex(content) });
        break;
      default:
        order.push('other');
        other.push(OTHER_KINDS[tag] ?? `tag ${tag}`);
    }
  }
  return { critical, order, dns, ip, uri, email, other };
}
