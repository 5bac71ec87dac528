/**
 * The names in-cluster clients dial when the user names none (Kubernetes pkg/master
 * controller.go and kubelet getServiceEnvVarMap; Heapster docs/source-configuration.md):
 *  - the `kubernetes` Service's ClusterIP, which client-go's InClusterConfig dials via
 *    KUBERNETES_SERVICE_HOST, as does Heapster's plain `--source=kubernetes`;
 *  - `kubernetes.default`, Heapster's default URL from v0.19 (kubernetes-retired/heapster@e11d5403).
 * Both decide the verdict. The other spellings are checked and shown for information.
 */
import ipaddr from 'ipaddr.js';
import { UsageError } from '../base/errors.js';
import { parseName, type ParsedName } from './parse.js';

export interface DialledName extends ParsedName {
  /** Who dials this name, in words. */
  readonly dialledBy: string;
  /** Whether this name counts toward the verdict. */
  readonly decisive: boolean;
}

export interface DefaultNameOptions {
  /** KUBERNETES_SERVICE_HOST from the environment, if set. */
  readonly serviceHostEnv?: string | undefined;
  readonly serviceIp?: string | undefined;
  readonly serviceCidr?: string | undefined;
  readonly clusterDomain?: string | undefined;
}

export const DEFAULT_SERVICE_CIDR = '10.0.0.0/24';
export const DEFAULT_CLUSTER_DOMAIN = 'cluster.local';

export function defaultNames(options: DefaultNameOptions): DialledName[] {
  const domain = options.clusterDomain ?? DEFAULT_CLUSTER_DOMAIN;
  const service = serviceIp(options);
  return [
    {
      ...parseName('kubernetes.default'),
      dialledBy: 'Heapster v0.19+ (--source=kubernetes:https://kubernetes.default)',
      decisive: true,
    },
    { ...parseName(service.ip), dialledBy: service.dialledBy, decisive: true },
    {
      ...parseName('kubernetes'),
      dialledBy: 'Heapster v0.17–v0.18 manifests (https://kubernetes)',
      decisive: false,
    },
    {
      ...parseName('kubernetes.default.svc'),
      dialledBy: 'clients using the service DNS name',
      decisive: false,
    },
    {
      ...parseName(`kubernetes.default.svc.${domain}`),
      dialledBy: 'clients using the fully qualified service name',
      decisive: false,
    },
  ];
}

export function userNames(inputs: readonly string[]): DialledName[] {
  return inputs.map((input) => ({
    ...parseName(input),
    dialledBy: 'named with --name',
    decisive: true,
  }));
}

function serviceIp(options: DefaultNameOptions): { ip: string; dialledBy: string } {
  const inClusterConfig = 'client-go InClusterConfig and Heapster --source=kubernetes';
  if (options.serviceHostEnv) {
    return {
      ip: options.serviceHostEnv,
      dialledBy: `${inClusterConfig} (KUBERNETES_SERVICE_HOST)`,
    };
  }
  if (options.serviceIp) {
    return {
      ip: options.serviceIp,
      dialledBy: `${inClusterConfig} (the kubernetes Service IP, --service-ip)`,
    };
  }
  const cidr = options.serviceCidr ?? DEFAULT_SERVICE_CIDR;
  return {
    ip: firstServiceIp(cidr),
    dialledBy: `${inClusterConfig} (first IP of --service-cluster-ip-range ${cidr})`,
  };
}

/** The apiserver gives the `kubernetes` Service the range's first usable IP (GetIndexedIP(range, 1)). */
export function firstServiceIp(cidr: string): string {
  let parsed: [ipaddr.IPv4 | ipaddr.IPv6, number];
  try {
    parsed = ipaddr.parseCIDR(cidr);
  } catch {
    throw new UsageError(`--service-cidr: ${JSON.stringify(cidr)} is not a CIDR range`);
  }
  const [address, prefix] = parsed;
  const bytes = address.toByteArray();
  const bits = bytes.length * 8;
  if (prefix >= bits) throw new UsageError(`--service-cidr: ${cidr} has no room for a service IP`);
  // Zero the host part, then add one.
  for (let bit = prefix; bit < bits; bit++) {
    const index = Math.floor(bit / 8);
    bytes[index] = (bytes[index] ?? 0) & ~(0x80 >> (bit % 8));
  }
  for (let index = bytes.length - 1; index >= 0; index--) {
    bytes[index] = ((bytes[index] ?? 0) + 1) & 0xff;
    if (bytes[index] !== 0) break;
  }
  return ipaddr.fromByteArray(bytes).toString();
}
