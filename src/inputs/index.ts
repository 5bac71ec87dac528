/**
 * Inputs: what the user names on the command line (a file, `-`) turned into
 * certificates with facts. The CLI reads the bytes; this decides what they are.
 */
import type { X509Certificate } from '@peculiar/x509';
import { InputError } from '../errors.js';
import { extractFacts, FactsError } from '../facts/extract.js';
import type { CertFacts } from '../facts/types.js';
import { loadCertificates } from '../load/index.js';

export interface CertificateWithFacts {
  readonly facts: CertFacts;
  readonly cert: X509Certificate;
}

/** Certificates from one input's bytes, with facts; `firstIndex` numbers them within a larger list. */
export async function certificatesFrom(
  bytes: Uint8Array,
  source: string,
  firstIndex = 0,
): Promise<CertificateWithFacts[]> {
  const certs = loadCertificates(bytes, source).map((entry) => entry.cert);
  return Promise.all(
    certs.map(async (cert, index) => {
      try {
        return { facts: await extractFacts(cert, firstIndex + index), cert };
      } catch (error) {
        const which =
          certs.length > 1 ? `certificate ${index + 1} of ${certs.length}` : 'the certificate';
        const reason =
          error instanceof FactsError || error instanceof Error
            ? error.message.split('\n')[0]
            : String(error);
        throw new InputError(source, `${which} has a malformed extension: ${reason}`);
      }
    }),
  );
}
