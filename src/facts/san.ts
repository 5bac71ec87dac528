/**
 * subjectAltName (RFC 5280 §4.2.1.6) decoded by hand from the GeneralNames DER, so
 * that IP octets stay exactly as written (length 4, 16, or malformed) and odd
 * entries are described rather than dropped. This is the lenient decoder of the full
 * parser's path (asn1js reads BER); src/facts/read.ts reads strict DER itself. Both
 * collect the entries with src/facts/assemble.ts.
 */
import * as asn1js from 'asn1js';
import { toArrayBuffer } from '../base/bytes.js';
import { defaultLoadLimits } from '../load/split.js';
import { sanCollector } from './assemble.js';
import type { SanFacts } from './types.js';

export function decodeSan(value: Uint8Array, critical: boolean): SanFacts | string {
  const parsed = asn1js.fromBER(toArrayBuffer(value), { maxNodes: defaultLoadLimits.maxAsn1Nodes });
  if (parsed.offset === -1 || !(parsed.result instanceof asn1js.Sequence)) {
    return 'the subjectAltName extension is not a SEQUENCE of GeneralNames';
  }
  // Go: "x509: trailing data after X.509 extension".
  if (parsed.offset !== value.length) return 'the subjectAltName extension has trailing data';
  const san = sanCollector(critical);
  for (const name of parsed.result.valueBlock.value) {
    if (name.idBlock.tagClass !== 3) return 'a subjectAltName entry is not context-tagged';
    const raw = new Uint8Array(name.valueBeforeDecodeView);
    // Header from the parser's own block lengths: tags above 30 take more than one octet.
    san.add(
      name.idBlock.tagNumber,
      raw.subarray(name.idBlock.blockLength + name.lenBlock.blockLength),
      name.idBlock.isConstructed,
    );
  }
  return san.facts();
}
