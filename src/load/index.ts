/**
 * load: one certificate's DER → @peculiar/x509's certificate, for what the DER reader
 * (src/facts/read.ts) declines. Framing the input into certificates is src/load/split.ts,
 * which loads no parser; this module brings @peculiar/x509 and asn1js, so runs import it
 * only when a certificate needs it (src/facts/certificate.ts).
 */
import { X509Certificate } from '../base/x509.js';
import { toArrayBuffer } from '../base/bytes.js';
import { InputError } from '../base/errors.js';
import { defaultLoadLimits, splitCertificates, type LoadLimits } from './split.js';
import { validityProblem } from './validity.js';

export { defaultLoadLimits, splitCertificates, type LoadLimits } from './split.js';

/** The asn1js limits for parsing one certificate (and re-parsing its parts in src/facts). */
export function asn1ParseOptions(limits: LoadLimits = defaultLoadLimits): {
  berOptions: { maxNodes: number };
} {
  return { berOptions: { maxNodes: limits.maxAsn1Nodes } };
}

export interface LoadedCertificate {
  readonly der: Uint8Array;
  readonly cert: X509Certificate;
}

export function loadCertificates(
  bytes: Uint8Array,
  source: string,
  limits: LoadLimits = defaultLoadLimits,
): LoadedCertificate[] {
  const ders = splitCertificates(bytes, source, limits);
  return ders.map((der, index) => ({
    der,
    cert: parseCertificate(der, source, index, ders.length, limits),
  }));
}

/** One certificate by the full parser, or an InputError naming which one and why. */
export function parseCertificate(
  der: Uint8Array,
  source: string,
  index: number,
  total: number,
  limits: LoadLimits,
): X509Certificate {
  const which = total > 1 ? `certificate ${index + 1} of ${total}` : 'the certificate';
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(toArrayBuffer(der), asn1ParseOptions(limits));
  } catch (error) {
    const reason = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
    if (reason.includes('node count exceeded')) {
      throw new InputError(
        source,
        `${which} has more than ${limits.maxAsn1Nodes} ASN.1 elements, more than any real certificate`,
      );
    }
    throw new InputError(source, `${which} cannot be parsed as X.509: ${reason}`);
  }
  const validity = validityProblem(der);
  if (validity) throw new InputError(source, `${which} cannot be parsed as X.509: ${validity}`);
  return cert;
}
