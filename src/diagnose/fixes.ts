/**
 * Fixes per component × era × cause: the knob to turn and the era it applies to. The
 * generic fix in explanations.ts is for the apiserver of Heapster's era (the story this tool
 * began with); these replace it where the component or the era makes it wrong.
 * Sources: kubeadm reference (`kubeadm certs renew`, ClusterConfiguration apiServer.certSANs,
 * etcd.local.serverCertSANs), k3s/RKE2 server flags (--tls-san), KubeletConfiguration
 * serverTLSBootstrap and the kubernetes.io/kubelet-serving signer (never auto-approved),
 * admissionregistration.k8s.io/v1 WebhookClientConfig.caBundle, apiregistration.k8s.io/v1
 * APIService caBundle, cert-manager cainjector (cert-manager.io/inject-ca-from), the
 * kube-root-ca.crt ConfigMap (RootCAConfigMap: beta 1.20, GA 1.21), projected service-account
 * tokens (BoundServiceAccountTokenVolume GA 1.22) and LegacyServiceAccountTokenNoAutoGeneration
 * (1.24: no token Secrets are created), ingress-nginx's default certificate and
 * --default-ssl-certificate, kubeadm init --apiserver-cert-extra-sans and the kubeadm-config
 * ConfigMap, client-go's certificate manager (util/certificate: a kubelet asks for a new
 * serving certificate as soon as the current one lacks an address of its Node), Go's
 * ProxyFromEnvironment (golang.org/x/net/http/httpproxy: NO_PROXY takes CIDRs and
 * `.domain` suffixes; kubeconfig proxy-url since client-go 1.19).
 */
import type { ComponentId } from '../base/component-id.js';
import type { CertFacts } from '../facts/types.js';
import type { FindingCode } from '../report/findings.js';
import { HOSTNAME_FAILURE_CODES } from '../verify/failures.js';
import type { Era } from './component.js';

export interface FixContext {
  readonly component: ComponentId;
  readonly era: Era;
  /** Whose shape the certificate has. */
  readonly distro: 'kubeadm' | 'k3s' | 'rke2' | 'generated' | null;
  /** Issued by a CA (issuer ≠ subject): expiry is renewal from the same CA. */
  readonly caSigned: boolean;
  /**
   * The CA at the top of the served chain when it is none of the trusted CAs and has no
   * Kubernetes CA's shape (foreignIssuer below): who answered may not be the server at all.
   */
  readonly foreignIssuer?: string | null;
}

export interface Advice {
  readonly title?: string;
  readonly explanation?: string;
  readonly fix: string;
}

/** A failed host name check, or the certificate's own observation that it has no SANs. */
const NAME_CODES = new Set<FindingCode>([...HOSTNAME_FAILURE_CODES, 'no-san-extension']);
const TRUST_CODES = new Set<FindingCode>([
  'unknown-authority',
  'self-signed-untrusted',
  'closest-miss',
  'untrusted-root',
  'signature-invalid',
  'stale-ca',
]);

const POD_CA_TODAY =
  'Pods get ca.crt from the kube-root-ca.crt ConfigMap in every namespace (Kubernetes 1.20 beta, 1.21 GA), which kube-controller-manager publishes from --root-ca-file (kubeadm: /etc/kubernetes/pki/ca.crt); since 1.22 tokens are projected with it and since 1.24 no token Secrets are created, so there is no Secret to recreate — restart the pods after the CA changes.';

const KUBELET_BOOTSTRAP =
  'Set serverTLSBootstrap: true in the KubeletConfiguration (/var/lib/kubelet/config.yaml; kubeadm: the kubelet section of the kubeadm config, Kubernetes ≥ 1.12) and restart the kubelet, then approve its serving CSRs (kubectl get csr; kubectl certificate approve <name>: the kubernetes.io/kubelet-serving signer is never auto-approved). The certificate is then signed by the cluster CA and names the node’s hostname and addresses. metrics-server’s --kubelet-insecure-tls only hides this: it turns verification off, so anything answering on a node’s address can feed it metrics, and a man in the middle is accepted.';

const KUBELET_CSR_ADDRESSES =
  "A kubelet serving certificate from its own CSR (serverTLSBootstrap on; CN system:node:<node>, signed by the cluster CA) names what the Node’s status.addresses held when it asked, and the address dialled was not among them. Make the Node report it (kubelet --node-ip, or the cloud provider’s addresses: kubectl get node <node> -o jsonpath='{.status.addresses}'); the kubelet then asks for a new certificate by itself, since the current one no longer covers its addresses — approve that kubernetes.io/kubelet-serving CSR (kubectl get csr; kubectl certificate approve <name>: never auto-approved). Until then metrics-server can dial the name the certificate holds: --kubelet-preferred-address-types=Hostname,InternalDNS,InternalIP (the node name must resolve from its pod). --kubelet-insecure-tls only turns verification off. A certificate given with --tls-cert-file instead: reissue it with the address as an IP SAN.";

/** A Kubernetes installer's or client-go's CA name: not what a proxy signs with. */
const KUBERNETES_CA =
  /^(kubernetes|kubernetes-ca|etcd-ca|front-proxy-ca|minikubeCA|.+@\d+|(k3s|rke2)-.+)$/i;

/**
 * The CA name a served chain ends in when no trusted CA has that name (or signs anything in
 * the chain by name) and it is no Kubernetes CA: a TLS-inspecting proxy's, say. null when
 * trust was not checked against a CA, or when the chain points at a Kubernetes-shaped CA.
 */
export function foreignIssuer(
  served: readonly CertFacts[],
  roots: readonly CertFacts[] | null,
): string | null {
  if (roots === null || roots.length === 0) return null;
  const trusted = new Set(roots.map((root) => root.subject.rawHex));
  if (served.some((cert) => trusted.has(cert.issuer.rawHex) || trusted.has(cert.subject.rawHex)))
    return null;
  const top = served.at(-1);
  if (!top || top.kubernetes !== null) return null;
  const name = top.issuer.commonNames.at(-1) ?? top.issuer.dn;
  if (name === '' || KUBERNETES_CA.test(name)) return null;
  return name;
}

/** A chain from a foreign CA: exempt the cluster from the proxy, or trust its CA on purpose. */
function interceptedAdvice(issuer: string, client: 'pods' | 'kubectl'): Advice {
  const where =
    client === 'kubectl'
      ? 'for kubectl, in the shell or its profile — and no proxy-url in the kubeconfig'
      : 'in the pods’ env (and for the kubelet and the container runtime, in their systemd drop-ins)';
  return {
    fix: `The served chain is issued by ${issuer}, which is none of the CAs given and not the cluster’s CA: unless the apiserver really serves a certificate from ${issuer}, the client did not reach it — something in between answered, typically a TLS-inspecting corporate proxy reached through HTTPS_PROXY. Exempt the cluster from the proxy: NO_PROXY (and no_proxy) with the apiserver’s host name and IP, the Service CIDR (e.g. 10.96.0.0/12), .svc and .cluster.local, and the node and pod ranges, ${where}. Or, to keep the inspection, trust ${issuer} deliberately beside the cluster CA (certificate-authority-data, or the image’s trust store), knowing the proxy then sees every token and Secret sent to the apiserver. Never insecure-skip-tls-verify.`,
  };
}

function apiserverNames(ctx: FixContext): string {
  if (ctx.distro === 'k3s' || ctx.distro === 'rke2')
    return `Add the name with --tls-san <name> (tls-san: in /etc/rancher/${ctx.distro === 'k3s' ? 'k3s' : 'rke2'}/config.yaml) and restart ${ctx.distro === 'k3s' ? 'k3s' : 'rke2-server'}: it reissues its serving certificate with the extra SAN from its own CA.`;
  if (ctx.era === 'heapster')
    return 'Reissue the apiserver certificate with the missing names as SANs (kube-apiserver --tls-cert-file/--tls-private-key-file, or kubeadm --apiserver-cert-extra-sans), then give the pods the CA that signs it (kube-controller-manager --root-ca-file, rewritten into token Secrets).';
  return 'kubeadm: add the name (a load balancer’s name or address, a node’s new IP) to ClusterConfiguration apiServer.certSANs — kubeadm init --apiserver-cert-extra-sans <name>,<ip> at install time — move /etc/kubernetes/pki/apiserver.crt and apiserver.key aside, run kubeadm init phase certs apiserver --config <your kubeadm config> (or with --apiserver-cert-extra-sans), and restart the kube-apiserver static pod; the CA does not change. With several control-plane nodes, on each of them; keep certSANs in the kubeadm-config ConfigMap (kube-system) so joins and upgrades keep the names. Other installers: reissue the --tls-cert-file certificate with the name as a SAN from the same CA.';
}

export function adviceFor(code: FindingCode, ctx: FixContext): Advice | null {
  switch (ctx.component) {
    case 'kube-apiserver':
    case 'other':
      return apiserverAdvice(code, ctx);
    case 'kubeconfig-client':
      if (TRUST_CODES.has(code) && ctx.foreignIssuer)
        return interceptedAdvice(ctx.foreignIssuer, 'kubectl');
      if (TRUST_CODES.has(code))
        return {
          fix: 'The kubeconfig holds a CA that did not sign this server’s certificate — after kubeadm reset and init the new CA has the same name (kubernetes) and another key. Copy the new admin kubeconfig (sudo cp /etc/kubernetes/admin.conf ~/.kube/config), or set certificate-authority-data to base64 of the current /etc/kubernetes/pki/ca.crt; never insecure-skip-tls-verify.',
        };
      if (NAME_CODES.has(code))
        return {
          fix: `Use a server URL the certificate covers in the kubeconfig (or tls-server-name: one of its DNS SANs), or add the name to the apiserver certificate. ${apiserverNames(ctx)}`,
        };
      if (code === 'expired') return apiserverAdvice(code, ctx);
      return null;
    case 'kubelet':
      if (code === 'kube-generated-cn')
        return {
          title: "Common Name from the kubelet's self-signing",
          explanation:
            'The CN has the form <node>@<unix seconds> (from Kubernetes 1.11 issued by <node>-ca@<unix seconds>): the kubelet generated this serving certificate itself because it has no --tls-cert-file and serverTLSBootstrap is off. It names only the node name, no node IP, and no one trusts its CA — the kube-apiserver does not check kubelet certificates unless given --kubelet-certificate-authority, metrics-server does.',
          fix: KUBELET_BOOTSTRAP,
        };
      if (NAME_CODES.has(code) && ctx.era === 'today' && ctx.caSigned && ctx.distro !== 'generated')
        return { fix: KUBELET_CSR_ADDRESSES };
      if (NAME_CODES.has(code) || TRUST_CODES.has(code))
        return {
          fix:
            ctx.era === 'heapster'
              ? 'Give each kubelet a serving certificate from the cluster CA that names its IP (kubelet --tls-cert-file/--tls-private-key-file); Heapster with kubeletHttps=true checks kubelets with the apiserver’s CA.'
              : KUBELET_BOOTSTRAP,
        };
      if (code === 'expired')
        return {
          fix: 'Kubelet serving certificates from serverTLSBootstrap rotate by themselves (RotateKubeletServerCertificate) as long as their CSRs are approved: approve the pending kubernetes.io/kubelet-serving CSRs. A self-generated one is remade when /var/lib/kubelet/pki/kubelet.crt and kubelet.key are deleted and the kubelet restarts.',
        };
      return null;
    case 'webhook':
      if (NAME_CODES.has(code))
        return {
          fix: 'Reissue the webhook’s serving certificate with the DNS SAN <service>.<namespace>.svc — the name the kube-apiserver dials, built from clientConfig.service.name and .namespace of the ValidatingWebhookConfiguration/MutatingWebhookConfiguration (or a CRD’s spec.conversion.webhook) — a Common Name is ignored since Go 1.15. With cert-manager, list it in the Certificate’s spec.dnsNames.',
        };
      if (TRUST_CODES.has(code))
        return {
          fix: 'Set clientConfig.caBundle of the webhook configuration (and spec.conversion.webhook.clientConfig.caBundle of a CRD with a conversion webhook) to the CA that signs the serving certificate, base64 PEM. With cert-manager, annotate the configuration cert-manager.io/inject-ca-from: <namespace>/<certificate> and cainjector keeps it current.',
        };
      if (code === 'expired')
        return {
          fix: 'Renew the webhook’s serving certificate from the same CA (cert-manager renews before expiry: check the Certificate’s status and the Secret the webhook mounts, then restart the webhook pods if they do not reload it); caBundle stays unless the CA changed.',
        };
      return null;
    case 'aggregated-apiserver':
      if (NAME_CODES.has(code))
        return {
          fix: 'Reissue the API server’s serving certificate with the DNS SAN <service>.<namespace>.svc of the APIService’s spec.service (metrics-server: --tls-cert-file/--tls-private-key-file, else it signs one for itself).',
        };
      if (TRUST_CODES.has(code))
        return {
          fix: 'Set the APIService’s spec.caBundle to the CA that signs the serving certificate (cert-manager: cert-manager.io/inject-ca-from). spec.insecureSkipTLSVerify: true is the insecure alternative: it accepts any server behind the Service.',
        };
      return null;
    case 'etcd':
      if (NAME_CODES.has(code))
        return {
          fix: 'Each etcd member has its own serving certificate (kubeadm: /etc/kubernetes/pki/etcd/server.crt and peer.crt) naming its hostname, its IP, localhost and 127.0.0.1; add names in ClusterConfiguration etcd.local.serverCertSANs/peerCertSANs, move the old files aside, run kubeadm init phase certs etcd-server (and etcd-peer) on that member, restart etcd.',
        };
      if (code === 'expired')
        return {
          fix: 'Renew from the same etcd CA: kubeadm certs renew etcd-server (and etcd-peer, etcd-healthcheck-client, apiserver-etcd-client), then restart the etcd and kube-apiserver static pods.',
        };
      if (TRUST_CODES.has(code))
        return {
          fix: 'The kube-apiserver must trust the etcd CA: --etcd-cafile (kubeadm: /etc/kubernetes/pki/etcd/ca.crt), with --etcd-certfile/--etcd-keyfile signed by it.',
        };
      return null;
    case 'kube-scheduler':
    case 'kube-controller-manager':
      if (NAME_CODES.has(code) || TRUST_CODES.has(code) || code === 'kube-generated-cn')
        return {
          fix: `${ctx.component} serves /metrics and /healthz on ${ctx.component === 'kube-scheduler' ? '10259' : '10257'} with a certificate it signs for localhost and 127.0.0.1 unless given --tls-cert-file/--tls-private-key-file; give it one from a CA the scraper trusts that names the address scraped, and --bind-address (kubeadm sets 127.0.0.1) so it listens there.`,
        };
      return null;
    case 'ingress':
      if (!NAME_CODES.has(code) && !TRUST_CODES.has(code) && code !== 'sni-dependent') return null;
      return {
        fix: 'ingress-nginx serves its fake certificate when no TLS Secret matches the server name: check the Ingress spec.tls hosts and secretName, that the Secret exists in the Ingress’s namespace with tls.crt and tls.key (kubectl describe ingress shows errors), and that the client sends SNI (dialling an IP sends none: use the host name, curl --resolve, openssl s_client -servername). For clients that cannot send SNI, set the certificate served to them: ingress-nginx --default-ssl-certificate=<namespace>/<secret>.',
      };
    case 'ca':
      return {
        fix: 'This is a CA certificate, not what a server presents: pass it with --ca and give the serving certificate (or the server’s URL) as the argument.',
      };
  }
}

function apiserverAdvice(code: FindingCode, ctx: FixContext): Advice | null {
  // Heapster's era keeps each code's own fix (explanations.ts), the story's answer.
  if (NAME_CODES.has(code))
    return ctx.era === 'heapster' && ctx.distro !== 'k3s' && ctx.distro !== 'rke2'
      ? null
      : { fix: apiserverNames(ctx) };
  if (code === 'expired') {
    if (ctx.distro === 'k3s' || ctx.distro === 'rke2')
      return {
        fix: `Restart ${ctx.distro === 'k3s' ? 'k3s' : 'rke2-server'}: it renews certificates that expire within 90 days on start (or ${ctx.distro} certificate rotate); the CA stays, so nothing else changes.`,
      };
    if (ctx.caSigned && ctx.era === 'today')
      return {
        fix: 'Renew it from the same CA — the CA does not change, so pods and kubeconfigs need nothing: kubeadm certs renew apiserver (kubeadm ≥ 1.20; kubeadm alpha certs renew 1.15–1.19), then restart the kube-apiserver static pod (move /etc/kubernetes/manifests/kube-apiserver.yaml out and back). kubeadm certs check-expiration lists the others.',
      };
    if (ctx.caSigned)
      return {
        fix: 'Renew the serving certificate from the same CA (--tls-cert-file) and restart the apiserver; the CA does not change, so the pods’ ca.crt stays valid.',
      };
    if (ctx.era === 'today')
      return {
        fix: `Delete apiserver.crt and apiserver.key in --cert-dir and restart the apiserver: it makes a new certificate — and with it a new CA, so the pods’ CA must follow. ${POD_CA_TODAY}`,
      };
    return null;
  }
  if (ctx.era === 'today' && TRUST_CODES.has(code) && ctx.foreignIssuer)
    return interceptedAdvice(ctx.foreignIssuer, 'pods');
  if (ctx.era === 'today' && TRUST_CODES.has(code) && code !== 'closest-miss')
    return {
      fix: `Give the clients the CA that signs the served certificate. ${POD_CA_TODAY}`,
    };
  return null;
}

/** The installer whose shape the certificate has, for the fix's knob. */
export function distroOf(
  issuerCommonName: string,
  subjectCommonName: string,
  generated: boolean,
): FixContext['distro'] {
  if (/^k3s-/.test(issuerCommonName) || subjectCommonName === 'k3s') return 'k3s';
  if (/^rke2-/.test(issuerCommonName)) return 'rke2';
  if (generated) return 'generated';
  if (issuerCommonName === 'kubernetes' || issuerCommonName === 'etcd-ca') return 'kubeadm';
  return null;
}
