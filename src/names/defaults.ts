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
  /** The call the dialling client logs, when an input says which (an admission webhook). */
  readonly call?: DialledCall;
}

/** The kube-apiserver's call to an admission webhook, as it logs a failed one. */
export interface DialledCall {
  /** The webhook's name in its configuration. */
  readonly webhook: string;
  /** The URL called, without the query: `https://<service>.<namespace>.svc:443/<path>`. */
  readonly url: string;
  /** clientConfig's timeout, which the call's `?timeout=` carries. */
  readonly timeoutSeconds: number;
}

export interface DefaultNameOptions {
  /** KUBERNETES_SERVICE_HOST from the environment, if set. */
  readonly serviceHostEnv?: string | undefined;
  readonly serviceIp?: string | undefined;
  readonly serviceCidr?: string | undefined;
  readonly clusterDomain?: string | undefined;
}

export const DEFAULT_SERVICE_CIDR = '10.0.0.0/24';

/**
 * Default Service ranges whose first address, found as an IP SAN, tells the `kubernetes`
 * Service IP. Sources: kube-apiserver's own default (pkg/master DefaultServiceIPRange,
 * used by kube-up in 2015), kubeadm's `networking.serviceSubnet` default, k3s/RKE2's
 * `--service-cidr` default, EKS (10.100.0.0/16, or 172.20.0.0/16 when the VPC uses
 * 10.0.0.0/8), AKS's `--service-cidr` default, GKE's default services range (34.118.224.0/20
 * for clusters from 1.27; earlier ones took a /20 from 10.x, not recognisable).
 */
export const WELL_KNOWN_SERVICE_RANGES: readonly { readonly cidr: string; readonly who: string }[] =
  [
    { cidr: '10.0.0.0/24', who: "the kube-apiserver's own default (kube-up, 2015)" },
    { cidr: '10.96.0.0/12', who: "kubeadm's default serviceSubnet" },
    { cidr: '10.43.0.0/16', who: "k3s's and RKE2's default --service-cidr" },
    { cidr: '10.100.0.0/16', who: "EKS's default Service range" },
    { cidr: '172.20.0.0/16', who: "EKS's Service range for VPCs in 10.0.0.0/8" },
    { cidr: '10.0.0.0/16', who: "AKS's default --service-cidr" },
    { cidr: '34.118.224.0/20', who: "GKE's default Service range (clusters from 1.27)" },
  ];

/** Where the Service IP came from (the Report's serviceIp). */
export interface ServiceIpChoice {
  readonly address: string | null;
  readonly source: 'env' | 'flag' | 'cidr' | 'inferred' | 'default' | 'unknown';
  readonly range: string | null;
  readonly note: string;
}

export interface ServiceIpOptions extends DefaultNameOptions {
  /** The certificate's IP SANs, to infer the Service IP from. */
  readonly ipSans?: readonly string[];
  /** Heapster's era: without other evidence the apiserver's default range 10.0.0.0/24 applied. */
  readonly heapsterEra?: boolean;
}

/**
 * The `kubernetes` Service IP pods dial, never a guess that can fail a good certificate:
 * the environment or a flag when given; else an IP SAN that is the first address of a
 * well-known default range; else, in Heapster's era, the apiserver's default range; else unknown.
 */
export function chooseServiceIp(options: ServiceIpOptions): ServiceIpChoice {
  if (options.serviceHostEnv)
    return {
      address: options.serviceHostEnv,
      source: 'env',
      range: null,
      note: 'KUBERNETES_SERVICE_HOST, as pods get it',
    };
  if (options.serviceIp)
    return {
      address: options.serviceIp,
      source: 'flag',
      range: null,
      note: 'given with --service-ip',
    };
  if (options.serviceCidr)
    return {
      address: firstServiceIp(options.serviceCidr),
      source: 'cidr',
      range: options.serviceCidr,
      note: `the first IP of --service-cidr ${options.serviceCidr}`,
    };
  for (const range of WELL_KNOWN_SERVICE_RANGES) {
    const first = firstServiceIp(range.cidr);
    if ((options.ipSans ?? []).includes(first)) {
      return {
        address: first,
        source: range.cidr === DEFAULT_SERVICE_CIDR ? 'default' : 'inferred',
        range: range.cidr,
        note: `the certificate's IP SAN ${first} is the first IP of ${range.cidr}, ${range.who}; --service-ip or --service-cidr if the cluster uses another`,
      };
    }
  }
  if (options.heapsterEra)
    return {
      address: firstServiceIp(DEFAULT_SERVICE_CIDR),
      source: 'default',
      range: DEFAULT_SERVICE_CIDR,
      note: `the first IP of ${DEFAULT_SERVICE_CIDR}, the kube-apiserver's default --service-cluster-ip-range in Heapster's era`,
    };
  return {
    address: null,
    source: 'unknown',
    range: null,
    note: 'unknown: no IP SAN is the first address of a well-known default Service range, so no Service IP is checked; give it with --service-ip (kubectl get svc kubernetes -o jsonpath={.spec.clusterIP}) or --service-cidr',
  };
}
export const DEFAULT_CLUSTER_DOMAIN = 'cluster.local';

export function defaultNames(
  options: DefaultNameOptions,
  choice: ServiceIpChoice | null = null,
): DialledName[] {
  const domain = options.clusterDomain ?? DEFAULT_CLUSTER_DOMAIN;
  const service = choice === null ? serviceIp(options) : dialledService(choice);
  const names: DialledName[] = [
    {
      ...parseName('kubernetes.default'),
      dialledBy: 'Heapster v0.19+ (--source=kubernetes:https://kubernetes.default)',
      decisive: true,
    },
    ...(service
      ? [{ ...parseName(service.ip), dialledBy: service.dialledBy, decisive: true }]
      : []),
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
  return names;
}

/** The Service IP as a dialled name; the seed's wording when it is the apiserver's default range. */
function dialledService(choice: ServiceIpChoice): { ip: string; dialledBy: string } | null {
  if (choice.address === null) return null;
  const inClusterConfig = 'client-go InClusterConfig and Heapster --source=kubernetes';
  switch (choice.source) {
    case 'env':
      return { ip: choice.address, dialledBy: `${inClusterConfig} (KUBERNETES_SERVICE_HOST)` };
    case 'flag':
      return {
        ip: choice.address,
        dialledBy: `${inClusterConfig} (the kubernetes Service IP, --service-ip)`,
      };
    case 'cidr':
    case 'default':
      return {
        ip: choice.address,
        dialledBy: `${inClusterConfig} (first IP of --service-cluster-ip-range ${choice.range ?? DEFAULT_SERVICE_CIDR})`,
      };
    case 'inferred':
      return {
        ip: choice.address,
        dialledBy: `client-go InClusterConfig (the kubernetes Service IP: first IP of ${choice.range ?? ''}, inferred from the IP SANs)`,
      };
    case 'unknown':
      return null;
  }
}

/**
 * The names a component's certificate is dialled by when none is named: the kubelet by its
 * node name (and address) from its SANs, a webhook or aggregated API by its Service name,
 * etcd by its SANs; everything else by the apiserver's in-cluster names.
 */
export function componentNames(
  component: string,
  sans: {
    readonly dns: readonly string[];
    readonly ip: readonly string[];
    readonly commonName: string | null;
  },
): DialledName[] | null {
  switch (component) {
    case 'kubelet': {
      const node = sans.dns[0] ?? sans.ip[0];
      if (node === undefined) return null;
      return [
        {
          ...parseName(node),
          dialledBy:
            'the kube-apiserver and metrics-server dialling the node by name (--kubelet-preferred-address-types Hostname)',
          decisive: true,
        },
        ...sans.ip
          .filter((ip) => ip !== node)
          .slice(0, 1)
          .map((ip) => ({
            ...parseName(ip),
            dialledBy: 'metrics-server dialling the node by its InternalIP',
            decisive: true,
          })),
      ];
    }
    case 'webhook':
    case 'aggregated-apiserver': {
      const service = [...sans.dns, ...(sans.commonName ? [sans.commonName] : [])].find((name) =>
        /^[a-z0-9-]+\.[a-z0-9-]+\.svc$/i.test(name),
      );
      const base = service ?? sans.dns.find((name) => /\.svc(\.|$)/.test(name));
      if (base === undefined) return null;
      const short = base.replace(/\.svc(\..*)?$/, '.svc');
      return [
        {
          ...parseName(short),
          dialledBy: `the kube-apiserver calling the ${component === 'webhook' ? 'webhook' : 'APIService'} Service (<service>.<namespace>.svc)`,
          decisive: true,
        },
      ];
    }
    case 'etcd': {
      const first =
        sans.ip.find((ip) => ip !== '127.0.0.1' && ip !== '::1') ?? sans.dns[0] ?? sans.ip[0];
      if (first === undefined) return null;
      return [
        {
          ...parseName(first),
          dialledBy: 'the kube-apiserver (--etcd-servers) and the other members',
          decisive: true,
        },
      ];
    }
    case 'kube-scheduler':
    case 'kube-controller-manager':
      return [
        {
          ...parseName('127.0.0.1'),
          dialledBy:
            'a scraper on the node (the default --bind-address serves 127.0.0.1 and the node IPs)',
          decisive: true,
        },
      ];
    default:
      return null;
  }
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

/**
 * Ranges seen so far and their first IP: every certificate of a batch asks for the same
 * few well-known ranges, and parsing a CIDR costs more than the rest of the name choice.
 */
const firstIps = new Map<string, string>();

/** The apiserver gives the `kubernetes` Service the range's first usable IP (GetIndexedIP(range, 1)). */
export function firstServiceIp(cidr: string): string {
  const known = firstIps.get(cidr);
  if (known !== undefined) return known;
  const first = computeFirstServiceIp(cidr);
  // Bounded: a run names one or two ranges besides the well-known ones.
  if (firstIps.size < 64) firstIps.set(cidr, first);
  return first;
}

function computeFirstServiceIp(cidr: string): string {
  let parsed: [ipaddr.IPv4 | ipaddr.IPv6, number];
  try {
    // By family: ipaddr.parseCIDR tries IPv6 first, and its IPv6 patterns are compiled on
    // first use, a cost every run would pay for an IPv4 range.
    parsed = cidr.includes(':') ? ipaddr.IPv6.parseCIDR(cidr) : ipaddr.IPv4.parseCIDR(cidr);
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
