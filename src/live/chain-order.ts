/**
 * What the server presented, in words: only the leaf, a chain in issuing order, a chain
 * out of order, or one with certificates that are not on the path. RFC 5246 §7.4.2 (TLS 1.2)
 * requires each certificate to certify the one before it; RFC 8446 §4.4.2 (TLS 1.3) only
 * asks for the leaf first and lets clients cope with the rest. The root may be left out
 * "under the assumption that the remote end must already possess it" (both RFCs).
 */
import type { CertFacts } from '../facts/types.js';
import type { ChainShape } from '../report/report.js';

export interface PresentedChain {
  readonly shape: ChainShape;
  /** A self-signed certificate other than the leaf was sent (harmless, but useless to clients). */
  readonly includesRoot: boolean;
  readonly note: string;
}

export function describePresented(certs: readonly CertFacts[]): PresentedChain {
  const [leaf, ...rest] = certs;
  if (!leaf) return { shape: 'leaf-only', includesRoot: false, note: 'nothing presented' };
  const includesRoot = rest.some((cert) => cert.selfSigned);
  if (rest.length === 0) {
    return {
      shape: 'leaf-only',
      includesRoot,
      note: leaf.selfSigned
        ? 'only the leaf, which is self-signed: there is no chain to send'
        : 'only the leaf: fine when ca.crt holds its issuer; any intermediate must then be in ca.crt too',
    };
  }
  const signs = (parent: CertFacts, child: CertFacts): boolean =>
    child.issuer.rawHex === parent.subject.rawHex && !child.selfSigned;
  const inOrder = certs.slice(1).every((cert, index) => {
    const child = certs[index];
    return child !== undefined && signs(cert, child);
  });
  const root = includesRoot ? ', including a self-signed root' : '';
  if (inOrder)
    return {
      shape: 'in-order',
      includesRoot,
      note: `the leaf and ${rest.length} issuer${rest.length > 1 ? 's' : ''} in issuing order${root}`,
    };
  const onPath = rest.every((cert) => certs.some((child) => child !== cert && signs(cert, child)));
  return onPath
    ? {
        shape: 'out-of-order',
        includesRoot,
        note: `the leaf and ${rest.length} issuers, not in issuing order (RFC 5246 §7.4.2 requires it; Go, OpenSSL and Node reorder)${root}`,
      }
    : {
        shape: 'unrelated',
        includesRoot,
        note: `certificates that issue nothing else sent were included (${rest.filter((cert) => !certs.some((child) => child !== cert && signs(cert, child))).length} of ${rest.length})${root}`,
      };
}
