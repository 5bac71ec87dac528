/**
 * Which component a certificate belongs to, from what the inputs show, each reason kept
 * as evidence: the CN shapes of client-go's self-signing code (util/cert
 * GenerateSelfSignedCertKey, shared by kube-apiserver, kubelet, kube-scheduler,
 * kube-controller-manager and every aggregated API server), kubeadm's and k3s/RKE2's
 * certificate shapes, `<service>.<namespace>.svc` names, the ingress-nginx fake
 * certificate, the input kind and the port in a dialled URL. `--component` overrides.
 *
 * Also the era (who dialled it then) and the client that decides for it.
 */
import { ipVersion } from '../base/ip.js';
import type { ComponentId } from '../base/component-id.js';
import type { CertFacts } from '../facts/types.js';
import type { ComponentEntry } from '../report/report.js';

export interface ComponentInput {
  readonly leaf: CertFacts;
  readonly chain: readonly CertFacts[];
  /** `--component`, when given. */
  readonly override?: ComponentId | undefined;
  /** The served certificate came from a kubeconfig's server (what kubectl gets). */
  readonly fromKubeconfig?: boolean;
  /** Ports of the dialled URLs (`--name https://10.0.0.5:10250`, a live endpoint). */
  readonly ports?: readonly number[];
  /**
   * A webhook configuration, CRD or APIService given with the certificate, and so the
   * component whose Service the kube-apiserver dials with it: what the certificate says of
   * itself gives way to this (a webhook's certificate may name its Service wrongly).
   */
  readonly dialledFor?: { readonly id: ComponentId; readonly why: string } | undefined;
}

/** Ports the Kubernetes components listen on by default (kubernetes.io "Ports and Protocols"). */
const PORTS: Readonly<Record<number, { id: ComponentId; why: string }>> = {
  10250: { id: 'kubelet', why: "port 10250 is the kubelet's HTTPS API" },
  2379: { id: 'etcd', why: "port 2379 is etcd's client port" },
  2380: { id: 'etcd', why: "port 2380 is etcd's peer port" },
  10257: {
    id: 'kube-controller-manager',
    why: "port 10257 is kube-controller-manager's secure port",
  },
  10259: { id: 'kube-scheduler', why: "port 10259 is kube-scheduler's secure port" },
  6443: { id: 'kube-apiserver', why: "port 6443 is the kube-apiserver's secure port" },
};

const SERVING = /^(.+)@(\d{1,12})$/;
const DISTRO_CA = /^(k3s|rke2)-(server|client|request-header|etcd-server|etcd-peer)-ca@\d+$/;
const KUBERNETES_NAMES = ['kubernetes', 'kubernetes.default', 'kubernetes.default.svc'];
/** Services that are aggregated API servers far more often than webhooks. */
const AGGREGATED_SERVICES =
  /^(metrics-server|custom-metrics-apiserver|prometheus-adapter|keda-operator-metrics-apiserver|[a-z0-9-]*-apiserver)\.[a-z0-9-]+\.svc(\.|$)/;
/** The ingress-nginx default ("fake") certificate (internal/net/ssl/ssl.go). */
const INGRESS_FAKE_CN = 'Kubernetes Ingress Controller Fake Certificate';

/** Row A of src/kube/eras.ts ended with kubernetes/kubernetes#10643 (early July 2015). */
const ROW_A_END = Date.parse('2015-07-03T00:00:00Z');

export function recognizeComponent(input: ComponentInput): ComponentEntry {
  const evidence: string[] = [];
  const found = recognize(input, evidence);
  const dialled = input.dialledFor;
  if (dialled && !input.override && found !== dialled.id)
    return { id: dialled.id, evidence: [dialled.why] };
  return { id: found, evidence };
}

function recognize(input: ComponentInput, evidence: string[]): ComponentId {
  const { leaf } = input;
  if (input.override) {
    evidence.push(`given with --component ${input.override}`);
    return input.override;
  }
  if (input.fromKubeconfig) {
    evidence.push("the certificate is the server's as a kubeconfig's client (kubectl) sees it");
    return 'kubeconfig-client';
  }
  const cn = leaf.subject.commonNames.at(-1) ?? '';
  const issuerCn = leaf.issuer.commonNames.at(-1) ?? '';
  const dns = leaf.san?.dns ?? [];
  const ips = (leaf.san?.ip ?? []).map((ip) => ip.text);
  const orgs = leaf.subject.organizations;
  const eku = leaf.extKeyUsage?.usages ?? [];

  for (const port of input.ports ?? []) {
    const known = PORTS[port];
    if (known) {
      evidence.push(`dialled at ${known.why}`);
      return known.id;
    }
  }
  if (cn === INGRESS_FAKE_CN || (dns.length === 1 && dns[0] === 'ingress.local')) {
    evidence.push(
      `CN "${INGRESS_FAKE_CN}" / DNS SAN ingress.local: ingress-nginx's default certificate, served when no TLS Secret matches the SNI`,
    );
    return 'ingress';
  }
  if (
    eku.length > 0 &&
    eku.includes('clientAuth') &&
    !eku.includes('serverAuth') &&
    !eku.includes('any')
  ) {
    evidence.push('extended key usage clientAuth only: a client certificate');
    if (
      orgs.includes('system:masters') ||
      orgs.includes('kubeadm:cluster-admins') ||
      cn === 'kubernetes-admin'
    ) {
      evidence.push(
        `${orgs.length > 0 ? `O=${orgs.join(',')}` : `CN=${cn}`}: a kubeconfig user (kubeadm's admin.conf shape)`,
      );
      return 'kubeconfig-client';
    }
    if (orgs.includes('system:nodes')) {
      evidence.push("O=system:nodes: a kubelet's client certificate (kubelet.conf)");
      return 'kubeconfig-client';
    }
  }
  const isCa = leaf.basicConstraints?.ca === true;
  if (isCa && !eku.includes('serverAuth') && !SERVING.test(cn)) {
    evidence.push(
      `CA:TRUE and no serverAuth: a CA certificate${cn === 'kubernetes' ? " (kubeadm's ca.crt: CN=kubernetes)" : ''}`,
    );
    return 'ca';
  }
  if (DISTRO_CA.test(issuerCn)) {
    const distro = issuerCn.startsWith('k3s') ? 'k3s' : 'RKE2';
    evidence.push(`issuer ${issuerCn}: signed by the ${distro} server's own CA`);
  }
  if (issuerCn === 'etcd-ca' || /(^|-)etcd(-server)?-ca(@|$)/.test(issuerCn)) {
    evidence.push(`issuer ${issuerCn}: kubeadm's (or k3s's) etcd CA`);
    return 'etcd';
  }
  if (cn.startsWith('system:node:') && orgs.includes('system:nodes')) {
    evidence.push(
      `CN=${cn}, O=system:nodes: a kubelet serving certificate issued through a CSR (serverTLSBootstrap)`,
    );
    return 'kubelet';
  }
  const serviceNames = [...dns, ...(leaf.san === null ? [cn] : [])].filter(
    (name) =>
      /^[a-z0-9-]+\.[a-z0-9-]+\.svc(\.cluster\.local|\.[a-z0-9.-]+)?$/i.test(name) &&
      !name.startsWith('kubernetes.default.'),
  );
  if (serviceNames.length > 0) {
    const where = leaf.san === null ? 'the CN (no SANs)' : 'a DNS SAN';
    const name = serviceNames[0] ?? '';
    if (AGGREGATED_SERVICES.test(name)) {
      evidence.push(`${where} ${name}: a Service the kube-apiserver proxies an aggregated API to`);
      return 'aggregated-apiserver';
    }
    evidence.push(
      `${where} ${name}: a <service>.<namespace>.svc name, dialled by the kube-apiserver (an admission or conversion webhook)`,
    );
    return 'webhook';
  }
  const generated = SERVING.exec(cn);
  if (generated) {
    const host = generated[1] ?? '';
    const issued =
      issuerCn === `${host}-ca@${generated[2] ?? ''}`
        ? ` issued by ${issuerCn}`
        : leaf.selfSigned
          ? ' (self-signed)'
          : '';
    const base = `CN ${cn}${issued}: client-go's self-signing (util/cert), shared by the apiserver, kubelet, scheduler, controller-manager and aggregated APIs`;
    if (KUBERNETES_NAMES.every((name) => dns.includes(name))) {
      evidence.push(
        base,
        'DNS SANs kubernetes, kubernetes.default(.svc): only the apiserver passes these',
      );
      return 'kube-apiserver';
    }
    if (host === 'localhost' && dns.includes('localhost') && ips.includes('127.0.0.1')) {
      evidence.push(
        base,
        'host localhost with SANs localhost and 127.0.0.1: what kube-scheduler, kube-controller-manager and metrics-server generate; dial it with its port (10259, 10257) or pass --component to say which',
      );
      return 'other';
    }
    const onlyHost = dns.length + ips.length === 1 && (dns[0] === host || ips[0] === host);
    if (onlyHost) {
      if (leaf.notBefore.getTime() < ROW_A_END) {
        evidence.push(
          base,
          `its only SAN is the host ${host}: before July 2015 the kube-apiserver's certificate had this shape (row A), as the kubelet's did`,
        );
        return 'kube-apiserver';
      }
      evidence.push(
        base,
        `its only SAN is the host ${host}: the kubelet calls the generator with its node name and no other names`,
      );
      return 'kubelet';
    }
  }
  if (
    KUBERNETES_NAMES.some((name) => dns.includes(name)) ||
    cn === 'kube-apiserver' ||
    cn === 'k3s'
  ) {
    const why = KUBERNETES_NAMES.filter((name) => dns.includes(name));
    evidence.push(
      why.length > 0
        ? `DNS SANs ${why.join(', ')}: the names of the kubernetes Service, which only the kube-apiserver serves`
        : `CN=${cn}: the kube-apiserver's serving certificate (kubeadm and k3s name it so)`,
    );
    if (ips.includes('10.96.0.1'))
      evidence.push("IP SAN 10.96.0.1: kubeadm's default Service range 10.96.0.0/12");
    if (ips.includes('10.43.0.1'))
      evidence.push("IP SAN 10.43.0.1: k3s/RKE2's default Service range 10.43.0.0/16");
    return 'kube-apiserver';
  }
  const port443 = (input.ports ?? []).includes(443);
  if (port443) {
    evidence.push('dialled at port 443 and nothing in the certificate names another component');
    return 'kube-apiserver';
  }
  evidence.push(
    `nothing in the certificate names its component (CN ${cn || '(none)'}${dns.length > 0 ? `, DNS SANs ${dns.slice(0, 3).join(', ')}` : ''}); checked for the apiserver's in-cluster names — pass --component to say which`,
  );
  return 'other';
}

/** Heapster's era: up to 2018 (deprecated in Kubernetes 1.11, retired in 1.13). */
const HEAPSTER_ERA_END = Date.parse('2019-01-01T00:00:00Z');

export type Era = 'heapster' | 'today';

/** The era of a certificate, by when it was made (NotBefore). */
export function eraOf(leaf: CertFacts): Era {
  return leaf.notBefore.getTime() < HEAPSTER_ERA_END ? 'heapster' : 'today';
}

/** Whether an IP literal or name is an IP (for the node's address). */
export function isAddress(host: string): boolean {
  return ipVersion(host) !== 0;
}

/** Who dials a component's certificate today, for the deciding-client line and `logged`. */
export const DIALLED_BY: Readonly<Record<ComponentId, string>> = {
  'kube-apiserver': 'client-go in pods, controllers and operators (Go ≥ 1.20 today)',
  kubelet:
    'metrics-server scraping the kubelet, and the kube-apiserver for logs and exec (Go ≥ 1.20)',
  'kube-controller-manager': 'Prometheus and other scrapers of its /metrics (Go)',
  'kube-scheduler': 'Prometheus and other scrapers of its /metrics (Go)',
  etcd: 'the kube-apiserver, its etcd client (Go ≥ 1.20)',
  webhook: 'the kube-apiserver calling the webhook (Go ≥ 1.20)',
  'aggregated-apiserver': 'the kube-apiserver proxying to the APIService (Go ≥ 1.20)',
  ingress: 'browsers, curl and other clients outside the cluster',
  'kubeconfig-client': 'kubectl and other client-go programs with this kubeconfig (Go ≥ 1.20)',
  ca: 'every client that trusts this CA',
  other: 'in-cluster Go clients (client-go today)',
};
