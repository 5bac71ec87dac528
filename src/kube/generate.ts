/**
 * Certificate templates of the kube-apiserver's self-signing code (src/kube/eras.ts),
 * for the single-certificate eras A–E. Values follow GenerateSelfSignedCert as of each
 * row: serial 1, CN `<host>@<unix seconds>`, NotBefore = generation time, one year of
 * validity, serverAuth, host first among the SANs (IP SAN when it parses as an IP).
 */
import { isIP } from 'node:net';
import type { CertificateSpec, SanEntry } from '../generate/certificate.js';

export type SelfSignedRow = 'A' | 'B' | 'C' | 'D' | 'E';

export interface SelfSignedOptions {
  readonly row: SelfSignedRow;
  /** The CN's host part: what the apiserver was given as its public address. */
  readonly cnHost: string;
  /** The address put into the SANs for the host (the same as cnHost in real clusters). */
  readonly sanHost?: string;
  /** The kubernetes Service IP (first IP of --service-cluster-ip-range). */
  readonly serviceIp: string;
  readonly generatedAt: Date;
}

const YEAR_MS = 365 * 24 * 3600 * 1000;
const KUBERNETES_NAMES = ['kubernetes.default.svc', 'kubernetes.default', 'kubernetes'];

export function selfSignedApiserverSpec(options: SelfSignedOptions): CertificateSpec {
  const seconds = Math.floor(options.generatedAt.getTime() / 1000);
  const notBefore = new Date(seconds * 1000);
  const sanHost = options.sanHost ?? options.cnHost;
  const san: SanEntry[] = [isIP(sanHost) ? { ip: sanHost } : { dns: sanHost }];
  if (options.row !== 'A') {
    san.push({ ip: options.serviceIp }, ...KUBERNETES_NAMES.map((dns) => ({ dns })));
  }
  const isCa = options.row === 'D' || options.row === 'E';
  return {
    subject: `CN=${options.cnHost}@${seconds}`,
    serialHex: '01',
    notBefore,
    notAfter: new Date(notBefore.getTime() + YEAR_MS),
    san,
    basicConstraints: { ca: isCa },
    keyUsage: isCa
      ? ['keyEncipherment', 'digitalSignature', 'keyCertSign']
      : ['keyEncipherment', 'digitalSignature'],
    extKeyUsage: ['serverAuth'],
  };
}
