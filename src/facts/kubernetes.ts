/**
 * Recognises certificates made by the kube-apiserver's self-signing code (client-go
 * util/cert): CN `<host>@<unix seconds>` for the serving certificate and
 * `<host>-ca@<unix seconds>` for its CA from Kubernetes 1.11 on (src/kube/eras.ts).
 */
import { ERAS, type Era, type EraRow } from '../kube/eras.js';

export interface KubeGenerated {
  readonly role: 'serving' | 'ca';
  /** The host the generator was given: the apiserver's advertise/public address. */
  readonly host: string;
  readonly unixSeconds: number;
  /** When the generator ran (the CN's timestamp). */
  readonly generatedAt: Date;
  /** `host` appears among the SANs, as every generator version put it there. */
  readonly hostInSans: boolean;
  /** Rows of src/kube/eras.ts whose shape this certificate has, oldest first. */
  readonly eras: readonly Era[];
}

const SERVING = /^(.+)@(\d{1,12})$/;
const CA = /^(.+)-ca@(\d{1,12})$/;

export interface KubeShape {
  readonly commonName: string | undefined;
  readonly issuerCommonName: string | undefined;
  readonly selfIssued: boolean;
  readonly isCa: boolean;
  readonly canSignCertificates: boolean;
  readonly dnsSans: readonly string[];
  readonly ipSans: readonly string[];
  readonly notBefore: Date;
  readonly serialHex: string;
}

export function recognizeKubeGenerated(shape: KubeShape): KubeGenerated | null {
  const cn = shape.commonName;
  if (!cn) return null;
  const caMatch = CA.exec(cn);
  const match = caMatch ?? SERVING.exec(cn);
  if (!match) return null;
  const host = match[1] ?? '';
  const unixSeconds = Number(match[2]);
  const role = caMatch ? 'ca' : 'serving';
  const hostInSans = shape.dnsSans.includes(host) || shape.ipSans.includes(host);
  return {
    role,
    host,
    unixSeconds,
    generatedAt: new Date(unixSeconds * 1000),
    hostInSans,
    eras: erasFor(shape, role, unixSeconds).map((row) => ERAS[row]),
  };
}

const KUBERNETES_NAMES = ['kubernetes.default.svc', 'kubernetes.default', 'kubernetes'];

function erasFor(shape: KubeShape, role: 'serving' | 'ca', unixSeconds: number): EraRow[] {
  const backdated = shape.notBefore.getTime() === (unixSeconds - 3600) * 1000;
  const laterRows = (): EraRow[] => {
    if (!backdated) return ['F'];
    return shape.serialHex.replace(/^0+/, '') === (role === 'ca' ? '1' : '2') ? ['G'] : ['H'];
  };
  if (role === 'ca') return laterRows();
  const issuerIsKubeCa = shape.issuerCommonName !== undefined && CA.test(shape.issuerCommonName);
  if (issuerIsKubeCa) return laterRows();
  if (!shape.selfIssued) return [];
  if (shape.isCa && shape.canSignCertificates) return ['D', 'E'];
  const hasKubernetesNames = KUBERNETES_NAMES.every((name) => shape.dnsSans.includes(name));
  return hasKubernetesNames ? ['B', 'C'] : ['A'];
}
