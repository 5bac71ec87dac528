/**
 * The full parser's path (@peculiar/x509, asn1js), for the certificates the DER reader
 * (src/facts/read.ts) declines and the signature checks node:crypto cannot make. This
 * module and everything it imports are loaded only then: use fullParser(), never a
 * static import, from code every run loads.
 */
import { X509Certificate } from '../base/x509.js';
import { toArrayBuffer } from '../base/bytes.js';
import { InputError } from '../base/errors.js';
import { extractFacts, FactsError } from './extract.js';
import type { ReadCertificate } from './read.js';

export interface FullCertificate extends ReadCertificate {
  readonly cert: X509Certificate;
}

export { parseCertificate } from '../load/index.js';

/**
 * The facts of certificate `position` of `total` in the input `source` (parsed by
 * parseCertificate), numbered `index` in the report; a field no client accepts is an
 * InputError that names which certificate and why.
 */
export async function fullCertificate(
  cert: X509Certificate,
  der: Uint8Array,
  source: string,
  position: number,
  total: number,
  index: number,
): Promise<FullCertificate> {
  try {
    return { facts: await extractFacts(cert, index), der, signed: null, cert };
  } catch (error) {
    const which = total > 1 ? `certificate ${position + 1} of ${total}` : 'the certificate';
    const reason =
      error instanceof FactsError || error instanceof Error
        ? error.message.split('\n')[0]
        : String(error);
    throw new InputError(source, `${which} has a malformed extension: ${reason}`);
  }
}

/** Whether `child`'s signature verifies with `parent`'s key, by WebCrypto. */
export async function fullVerifies(
  child: { readonly cert?: X509Certificate; readonly der?: Uint8Array },
  parent: { readonly cert?: X509Certificate; readonly der?: Uint8Array },
): Promise<boolean> {
  try {
    const childCert = child.cert ?? (child.der && new X509Certificate(toArrayBuffer(child.der)));
    const parentCert =
      parent.cert ?? (parent.der && new X509Certificate(toArrayBuffer(parent.der)));
    if (!childCert || !parentCert) return false;
    return await childCert.verify({ publicKey: parentCert.publicKey, signatureOnly: true });
  } catch {
    return false;
  }
}
