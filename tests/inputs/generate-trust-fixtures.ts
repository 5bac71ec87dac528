/**
 * Writes fixtures/trust/: the trust objects a cluster keeps — webhook configurations, a CRD
 * conversion webhook, APIServices, kube-root-ca.crt ConfigMaps, a kubeadm /etc/kubernetes —
 * with the serving certificates and CAs they speak of, in PEM too, so tests can demand that
 * each object gives the report its PEM files plus flags give, and show the failure modes:
 * a caBundle from before the CA was regenerated, a serving certificate for another
 * namespace, a CN-only or expired webhook certificate, a stale APIService caBundle, an old
 * kube-root-ca.crt, expired kubeadm certificates, a kubeconfig left from before kubeadm reset.
 *   npm run fixtures -- --trust-only
 * No private keys are written: nothing here is served live.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildCertificate,
  generateKeyPair,
  type CertificateSpec,
  type KeyPair,
} from '../../src/generate/certificate.js';
import { yaml } from './generate-fixtures.js';

export const TRUST_DIR = 'fixtures/trust';

/** Webhook and APIService fixtures are valid through 2030; judged at 2024-06-01. */
const NOT_BEFORE = new Date('2024-01-01T00:00:00Z');
const NOT_AFTER = new Date('2030-01-01T00:00:00Z');
/** kubeadm: leaves for one year, CAs for ten (kubeadm's defaults). */
const KUBEADM_LEAF_END = new Date('2025-01-01T00:00:00Z');
const KUBEADM_CA_END = new Date('2034-01-01T00:00:00Z');

export const WEBHOOK_SERVICE = 'ingress-nginx-controller-admission';
export const WEBHOOK_NAMESPACE = 'ingress-nginx';
export const WEBHOOK_HOST = `${WEBHOOK_SERVICE}.${WEBHOOK_NAMESPACE}.svc`;
export const METRICS_HOST = 'metrics-server.kube-system.svc';

/** A CA certificate's spec (scripts/inventory-fixture.ts makes its CAs with it too). */
export const caSpec = (
  subject: string,
  serialHex: string,
  notAfter = NOT_AFTER,
  issuer?: string,
): CertificateSpec => ({
  subject,
  ...(issuer ? { issuer } : {}),
  serialHex,
  notBefore: NOT_BEFORE,
  notAfter,
  basicConstraints: { ca: true },
  keyUsage: ['keyCertSign', 'digitalSignature', 'keyEncipherment'],
  keyIds: true,
});

/** A leaf certificate's spec: names that look like addresses become IP SANs. */
export const leafSpec = (
  subject: string,
  issuer: string,
  serialHex: string,
  names: readonly string[],
  options: { usage?: 'serverAuth' | 'clientAuth' | 'both'; notAfter?: Date } = {},
): CertificateSpec => ({
  subject,
  issuer,
  serialHex,
  notBefore: NOT_BEFORE,
  notAfter: options.notAfter ?? NOT_AFTER,
  basicConstraints: { ca: false },
  keyUsage: ['digitalSignature', 'keyEncipherment'],
  extKeyUsage:
    options.usage === 'clientAuth'
      ? ['clientAuth']
      : options.usage === 'both'
        ? ['serverAuth', 'clientAuth']
        : ['serverAuth'],
  keyIds: true,
  ...(names.length > 0
    ? { san: names.map((name) => (/^[\d.]+$|:/.test(name) ? { ip: name } : { dns: name })) }
    : {}),
});

async function pem(spec: CertificateSpec, key: KeyPair, signer?: KeyPair): Promise<string> {
  return `${(await buildCertificate(spec, key, signer)).toString('pem')}\n`;
}

const b64 = (text: string): string => Buffer.from(text).toString('base64');

/** The names a serving certificate usually holds for a Service. */
export const serviceNames = (service: string, namespace: string): string[] => [
  service,
  `${service}.${namespace}`,
  `${service}.${namespace}.svc`,
];

export async function writeTrustFixtures(dir = TRUST_DIR): Promise<void> {
  rmSync(dir, { recursive: true, force: true });
  const write = (name: string, content: string): void => {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), content);
  };

  // --- Admission webhooks (ingress-nginx's admission webhook, its CA made by a Helm job). ---
  const webhookCaKey = await generateKeyPair();
  const webhookCa = await pem(caSpec('O=nil1,CN=ingress-nginx-admission-ca', '20'), webhookCaKey);
  // `helm upgrade` re-ran the certificate job: a new CA, same name, other key.
  const regeneratedCa = await pem(
    caSpec('O=nil1,CN=ingress-nginx-admission-ca', '21'),
    await generateKeyPair(),
  );
  const issuer = 'O=nil1,CN=ingress-nginx-admission-ca';
  const webhookServing = await pem(
    leafSpec('O=nil2,CN=nil2', issuer, '22', serviceNames(WEBHOOK_SERVICE, WEBHOOK_NAMESPACE)),
    await generateKeyPair(),
    webhookCaKey,
  );
  const otherNamespace = await pem(
    leafSpec('O=nil2,CN=nil2', issuer, '23', serviceNames(WEBHOOK_SERVICE, 'default')),
    await generateKeyPair(),
    webhookCaKey,
  );
  const cnOnly = await pem(
    leafSpec(`CN=${WEBHOOK_HOST}`, issuer, '24', []),
    await generateKeyPair(),
    webhookCaKey,
  );
  const expired = await pem(
    leafSpec('O=nil2,CN=nil2', issuer, '25', serviceNames(WEBHOOK_SERVICE, WEBHOOK_NAMESPACE), {
      notAfter: new Date('2024-03-01T00:00:00Z'),
    }),
    await generateKeyPair(),
    webhookCaKey,
  );
  write('webhook/ca.crt', webhookCa);
  write('webhook/regenerated-ca.crt', regeneratedCa);
  write('webhook/serving.crt', webhookServing);
  write('webhook/serving-other-namespace.crt', otherNamespace);
  write('webhook/serving-cn-only.crt', cnOnly);
  write('webhook/serving-expired.crt', expired);

  const vwc = (caBundle: string | null, annotations?: Record<string, string>): object => ({
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'ValidatingWebhookConfiguration',
    metadata: { name: 'ingress-nginx-admission', ...(annotations ? { annotations } : {}) },
    webhooks: [
      {
        name: 'validate.nginx.ingress.kubernetes.io',
        admissionReviewVersions: ['v1'],
        clientConfig: {
          ...(caBundle ? { caBundle: b64(caBundle) } : {}),
          service: {
            name: WEBHOOK_SERVICE,
            namespace: WEBHOOK_NAMESPACE,
            path: '/networking/v1/ingresses',
            port: 443,
          },
        },
        failurePolicy: 'Fail',
        sideEffects: 'None',
      },
    ],
  });
  write('webhook/validatingwebhookconfiguration.yaml', yaml(vwc(webhookCa)));
  write(
    'webhook/validatingwebhookconfiguration.json',
    `${JSON.stringify(vwc(webhookCa), null, 4)}\n`,
  );
  write('webhook/validatingwebhookconfiguration-stale.yaml', yaml(vwc(regeneratedCa)));
  write(
    'webhook/validatingwebhookconfiguration-no-cabundle.yaml',
    yaml(vwc(null, { 'cert-manager.io/inject-ca-from': 'ingress-nginx/ingress-nginx-admission' })),
  );
  const servingSecret = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'ingress-nginx-admission', namespace: WEBHOOK_NAMESPACE },
    type: 'kubernetes.io/tls',
    // cert-manager's shape: tls.crt, the issuing CA as ca.crt (the key is not part of the fixture).
    data: { 'ca.crt': b64(webhookCa), 'tls.crt': b64(webhookServing), 'tls.key': b64('not a key') },
  };
  write('webhook/serving-secret.yaml', yaml(servingSecret));
  // `kubectl get validatingwebhookconfiguration,secret … -o yaml`: one List, both objects.
  write(
    'webhook/list-stale.yaml',
    yaml({
      apiVersion: 'v1',
      kind: 'List',
      items: [vwc(regeneratedCa), servingSecret],
      metadata: { resourceVersion: '' },
    }),
  );
  write(
    'webhook/list.yaml',
    yaml({
      apiVersion: 'v1',
      kind: 'List',
      items: [vwc(webhookCa), servingSecret],
      metadata: { resourceVersion: '' },
    }),
  );

  // cert-manager: two webhooks on one Service, the caBundle injected from a Certificate.
  const mwc = {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'MutatingWebhookConfiguration',
    metadata: {
      name: 'demo-operator-mutating',
      annotations: { 'cert-manager.io/inject-ca-from': 'demo/demo-operator-serving' },
    },
    webhooks: ['mpod.demo.example.com', 'mdeploy.demo.example.com'].map((name) => ({
      name,
      admissionReviewVersions: ['v1'],
      sideEffects: 'None',
      clientConfig: {
        caBundle: b64(webhookCa),
        service: { name: 'demo-operator-webhook', namespace: 'demo', path: `/mutate-${name}` },
      },
    })),
  };
  write('webhook/mutatingwebhookconfiguration.yaml', yaml(mwc));
  const demoServing = await pem(
    leafSpec(
      'CN=demo-operator-webhook',
      issuer,
      '26',
      serviceNames('demo-operator-webhook', 'demo'),
    ),
    await generateKeyPair(),
    webhookCaKey,
  );
  write('webhook/demo-operator-serving.crt', demoServing);
  // `kubectl get validatingwebhookconfigurations,mutatingwebhookconfigurations,secrets -A -o yaml`:
  // two configurations, two serving Secrets; --webhook picks one, its Secret by the name dialled.
  write(
    'webhook/inventory-list.yaml',
    yaml({
      apiVersion: 'v1',
      kind: 'List',
      items: [
        vwc(webhookCa),
        mwc,
        servingSecret,
        {
          apiVersion: 'v1',
          kind: 'Secret',
          metadata: { name: 'demo-operator-serving', namespace: 'demo' },
          type: 'kubernetes.io/tls',
          data: {
            'ca.crt': b64(webhookCa),
            'tls.crt': b64(demoServing),
            'tls.key': b64('not a key'),
          },
        },
      ],
      metadata: { resourceVersion: '' },
    }),
  );

  // CRD conversion webhook (apiextensions.k8s.io/v1), with the webhook's own CA.
  write(
    'webhook/crd-conversion.yaml',
    yaml({
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'widgets.demo.example.com' },
      spec: {
        group: 'demo.example.com',
        names: { kind: 'Widget', plural: 'widgets' },
        scope: 'Namespaced',
        conversion: {
          strategy: 'Webhook',
          webhook: {
            conversionReviewVersions: ['v1'],
            clientConfig: {
              caBundle: b64(webhookCa),
              service: { name: 'demo-operator-webhook', namespace: 'demo', path: '/convert' },
            },
          },
        },
      },
    }),
  );

  // --- The aggregation layer: metrics-server's APIService. ---
  const metricsCaKey = await generateKeyPair();
  const metricsCa = await pem(caSpec('CN=metrics-server-ca', '30'), metricsCaKey);
  const metricsStaleCa = await pem(caSpec('CN=metrics-server-ca', '31'), await generateKeyPair());
  write('apiservice/ca.crt', metricsCa);
  write(
    'apiservice/serving.crt',
    await pem(
      leafSpec(
        'CN=metrics-server',
        'CN=metrics-server-ca',
        '32',
        serviceNames('metrics-server', 'kube-system'),
      ),
      await generateKeyPair(),
      metricsCaKey,
    ),
  );
  const apiservice = (spec: Record<string, unknown>): object => ({
    apiVersion: 'apiregistration.k8s.io/v1',
    kind: 'APIService',
    metadata: { name: 'v1beta1.metrics.k8s.io' },
    spec: {
      group: 'metrics.k8s.io',
      version: 'v1beta1',
      groupPriorityMinimum: 100,
      versionPriority: 100,
      service: { name: 'metrics-server', namespace: 'kube-system', port: 443 },
      ...spec,
    },
  });
  write('apiservice/apiservice.yaml', yaml(apiservice({ caBundle: b64(metricsCa) })));
  write('apiservice/apiservice-stale.yaml', yaml(apiservice({ caBundle: b64(metricsStaleCa) })));
  // metrics-server's own manifest: no caBundle, verification off.
  write('apiservice/apiservice-insecure.yaml', yaml(apiservice({ insecureSkipTLSVerify: true })));
  write(
    'apiservice/apiservice-local.yaml',
    yaml({
      apiVersion: 'apiregistration.k8s.io/v1',
      kind: 'APIService',
      metadata: { name: 'v1.apps' },
      spec: { group: 'apps', version: 'v1', groupPriorityMinimum: 17800, versionPriority: 15 },
    }),
  );

  // --- kubeadm: /etc/kubernetes with pki/ and the kubeconfigs beside it. ---
  const clusterCaKey = await generateKeyPair();
  const clusterCa = await pem(caSpec('CN=kubernetes', '40', KUBEADM_CA_END), clusterCaKey);
  const frontProxyCaKey = await generateKeyPair();
  const etcdCaKey = await generateKeyPair();
  const kubeadmLeaf = (
    subject: string,
    issuerDn: string,
    serial: string,
    names: string[],
    usage: 'serverAuth' | 'clientAuth' | 'both',
    signer: KeyPair,
  ): Promise<string> =>
    generateKeyPair().then((key) =>
      pem(
        leafSpec(subject, issuerDn, serial, names, { usage, notAfter: KUBEADM_LEAF_END }),
        key,
        signer,
      ),
    );
  const apiserverNames = [
    'cp1',
    'kubernetes',
    'kubernetes.default',
    'kubernetes.default.svc',
    'kubernetes.default.svc.cluster.local',
    '10.96.0.1',
    '192.168.56.10',
  ];
  const pki: Record<string, string> = {
    'ca.crt': clusterCa,
    'apiserver.crt': await kubeadmLeaf(
      'CN=kube-apiserver',
      'CN=kubernetes',
      '41',
      apiserverNames,
      'serverAuth',
      clusterCaKey,
    ),
    'apiserver-kubelet-client.crt': await kubeadmLeaf(
      'O=kubeadm:cluster-admins,CN=kube-apiserver-kubelet-client',
      'CN=kubernetes',
      '42',
      [],
      'clientAuth',
      clusterCaKey,
    ),
    'front-proxy-ca.crt': await pem(
      caSpec('CN=front-proxy-ca', '43', KUBEADM_CA_END),
      frontProxyCaKey,
    ),
    'front-proxy-client.crt': await kubeadmLeaf(
      'CN=front-proxy-client',
      'CN=front-proxy-ca',
      '44',
      [],
      'clientAuth',
      frontProxyCaKey,
    ),
    'etcd/ca.crt': await pem(caSpec('CN=etcd-ca', '45', KUBEADM_CA_END), etcdCaKey),
    'etcd/server.crt': await kubeadmLeaf(
      'CN=cp1',
      'CN=etcd-ca',
      '46',
      ['cp1', 'localhost', '192.168.56.10', '127.0.0.1'],
      'both',
      etcdCaKey,
    ),
    'etcd/peer.crt': await kubeadmLeaf(
      'CN=cp1',
      'CN=etcd-ca',
      '47',
      ['cp1', 'localhost', '192.168.56.10', '127.0.0.1'],
      'both',
      etcdCaKey,
    ),
    'etcd/healthcheck-client.crt': await kubeadmLeaf(
      'CN=kube-etcd-healthcheck-client',
      'CN=etcd-ca',
      '48',
      [],
      'clientAuth',
      etcdCaKey,
    ),
    'apiserver-etcd-client.crt': await kubeadmLeaf(
      'CN=kube-apiserver-etcd-client',
      'CN=etcd-ca',
      '49',
      [],
      'clientAuth',
      etcdCaKey,
    ),
  };
  for (const [path, content] of Object.entries(pki))
    write(`kubeadm/etc-kubernetes/pki/${path}`, content);

  const kubeconfig = (
    user: string,
    caPem: string,
    client: { data: string } | { file: string },
  ): string =>
    yaml({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [
        {
          name: 'kubernetes',
          cluster: {
            'certificate-authority-data': b64(caPem),
            server: 'https://192.168.56.10:6443',
          },
        },
      ],
      contexts: [{ name: `${user}@kubernetes`, context: { cluster: 'kubernetes', user } }],
      'current-context': `${user}@kubernetes`,
      users: [
        {
          name: user,
          user:
            'data' in client
              ? { 'client-certificate-data': b64(client.data), 'client-key-data': b64('not a key') }
              : { 'client-certificate': client.file, 'client-key': client.file },
        },
      ],
    });
  const clientCert = (cn: string, o: string | null, serial: string): Promise<string> =>
    kubeadmLeaf(
      o ? `O=${o},CN=${cn}` : `CN=${cn}`,
      'CN=kubernetes',
      serial,
      [],
      'clientAuth',
      clusterCaKey,
    );
  write(
    'kubeadm/etc-kubernetes/admin.conf',
    kubeconfig('kubernetes-admin', clusterCa, {
      data: await clientCert('kubernetes-admin', 'kubeadm:cluster-admins', '50'),
    }),
  );
  write(
    'kubeadm/etc-kubernetes/controller-manager.conf',
    kubeconfig('system:kube-controller-manager', clusterCa, {
      data: await clientCert('system:kube-controller-manager', null, '51'),
    }),
  );
  write(
    'kubeadm/etc-kubernetes/scheduler.conf',
    kubeconfig('system:kube-scheduler', clusterCa, {
      data: await clientCert('system:kube-scheduler', null, '52'),
    }),
  );
  write(
    'kubeadm/etc-kubernetes/kubelet.conf',
    kubeconfig('system:node:cp1', clusterCa, {
      file: '/var/lib/kubelet/pki/kubelet-client-current.pem',
    }),
  );
  // `kubeadm reset` then `kubeadm init`: a new CA named kubernetes; ~/.kube/config still the old admin.conf.
  const resetCaKey = await generateKeyPair();
  const resetCa = await pem(caSpec('CN=kubernetes', '60', KUBEADM_CA_END), resetCaKey);
  write('kubeadm-reset/etc-kubernetes/pki/ca.crt', resetCa);
  write(
    'kubeadm-reset/etc-kubernetes/pki/apiserver.crt',
    await kubeadmLeaf(
      'CN=kube-apiserver',
      'CN=kubernetes',
      '61',
      apiserverNames,
      'serverAuth',
      resetCaKey,
    ),
  );
  write(
    'kubeadm-reset/etc-kubernetes/admin.conf',
    kubeconfig('kubernetes-admin', clusterCa, {
      data: await clientCert('kubernetes-admin', 'kubeadm:cluster-admins', '62'),
    }),
  );
  write(
    'kubeadm-reset/kubeconfig-home.yaml',
    kubeconfig('kubernetes-admin', clusterCa, {
      data: await clientCert('kubernetes-admin', 'kubeadm:cluster-admins', '63'),
    }),
  );

  // --- The pods' CA: kube-root-ca.crt, before and after a CA rotation. ---
  const rootCm = (namespace: string, caPem: string): object => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'kube-root-ca.crt', namespace },
    data: { 'ca.crt': caPem },
  });
  write('configmap/kube-root-ca.crt.yaml', yaml(rootCm('default', clusterCa)));
  write(
    'configmap/kube-root-ca.crt.json',
    `${JSON.stringify(rootCm('default', clusterCa), null, 4)}\n`,
  );
  // After the CA was rotated (the reset CA), a namespace still holds the old one.
  write('configmap/kube-root-ca.crt-old.yaml', yaml(rootCm('monitoring', resetCa)));
  write(
    'configmap/configmaps-list-mixed.yaml',
    yaml({
      apiVersion: 'v1',
      kind: 'List',
      items: [
        rootCm('default', clusterCa),
        rootCm('monitoring', resetCa),
        {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'coredns', namespace: 'kube-system' },
          data: { Corefile: '.:53 {}' },
        },
      ],
      metadata: { resourceVersion: '' },
    }),
  );
  write(
    'configmap/configmap-no-ca.yaml',
    yaml({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'coredns', namespace: 'kube-system' },
      data: { Corefile: '.:53 {}' },
    }),
  );
  write('logs.json', `${JSON.stringify(LOG_LINES, null, 2)}\n`);
  console.log(`wrote ${dir}`);
}

/**
 * Log lines in the formats the components print them (each `source` names the code that
 * formats the line), with the reason code and component `diagnose explain` must find.
 */
export const LOG_LINES: readonly {
  readonly line: string;
  readonly code: string | null;
  readonly component: string | null;
  readonly source: string;
}[] = [
  {
    line: 'E1207 10:00:00.000000       1 dispatcher.go:214] failed calling webhook "validate.nginx.ingress.kubernetes.io": failed to call webhook: Post "https://ingress-nginx-controller-admission.ingress-nginx.svc:443/networking/v1/ingresses?timeout=10s": tls: failed to verify certificate: x509: certificate signed by unknown authority',
    code: 'unknown-authority',
    component: 'webhook',
    source: 'kube-apiserver ≥ 1.27 (Go ≥ 1.20), k8s.io/apiserver pkg/admission/plugin/webhook',
  },
  {
    line: 'Error from server (InternalError): error when creating "ingress.yaml": Internal error occurred: failed calling webhook "validate.nginx.ingress.kubernetes.io": Post https://ingress-nginx-controller-admission.ingress-nginx.svc:443/networking/v1beta1/ingresses?timeout=10s: x509: certificate signed by unknown authority',
    code: 'unknown-authority',
    component: 'webhook',
    source: 'kubectl showing a kube-apiserver built with Go < 1.14 (url.Error without quotes)',
  },
  {
    line: 'Internal error occurred: failed calling webhook "mpod.demo.example.com": failed to call webhook: Post "https://demo-operator-webhook.demo.svc:443/mutate?timeout=10s": x509: certificate relies on legacy Common Name field, use SANs or temporarily enable Common Name matching with GODEBUG=x509ignoreCN=0',
    code: 'legacy-common-name',
    component: 'webhook',
    source: 'kube-apiserver 1.19–1.22 (Go 1.15–1.16)',
  },
  {
    line: 'failed calling webhook "vwidget.demo.example.com": failed to call webhook: Post "https://demo-operator-webhook.demo.svc:443/validate?timeout=5s": tls: failed to verify certificate: x509: certificate is valid for demo-operator-webhook.default.svc, not demo-operator-webhook.demo.svc',
    code: 'name-not-in-sans',
    component: 'webhook',
    source: 'kube-apiserver ≥ 1.27',
  },
  {
    line: 'E1207 10:00:00.000000       1 scraper.go:140] "Failed to scrape node" err="Get \\"https://192.168.56.11:10250/metrics/resource\\": tls: failed to verify certificate: x509: cannot validate certificate for 192.168.56.11 because it doesn\'t contain any IP SANs" node="node1"',
    code: 'no-ip-sans',
    component: 'kubelet',
    source: 'metrics-server ≥ 0.6 (structured logging, Go ≥ 1.20)',
  },
  {
    line: 'E1207 10:00:00.000000       1 manager.go:111] unable to fully collect metrics: unable to fully scrape metrics from source kubelet_summary:node1: unable to fetch metrics from Kubelet node1 (192.168.56.11): Get https://192.168.56.11:10250/stats/summary?only_cpu_and_memory=true: x509: certificate signed by unknown authority',
    code: 'unknown-authority',
    component: 'kubelet',
    source: 'metrics-server v0.3',
  },
  {
    line: 'E1207 10:00:00.000000       1 available_controller.go:524] v1beta1.metrics.k8s.io failed with: failing or missing response from https://10.96.12.34:443/apis/metrics.k8s.io/v1beta1: Get "https://10.96.12.34:443/apis/metrics.k8s.io/v1beta1": x509: certificate signed by unknown authority',
    code: 'unknown-authority',
    component: 'aggregated-apiserver',
    source: 'kube-aggregator available_controller.go',
  },
  {
    line: 'Unable to connect to the server: x509: certificate signed by unknown authority (possibly because of "crypto/rsa: verification error" while trying to verify candidate authority certificate "kubernetes")',
    code: 'unknown-authority',
    component: 'kubeconfig-client',
    source: 'kubectl with a kubeconfig from before kubeadm reset',
  },
  {
    line: 'E1207 10:00:00.000000    1234 controller.go:145] "Failed to ensure lease exists, will retry" err="Get \\"https://192.168.56.10:6443/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/node1?timeout=10s\\": tls: failed to verify certificate: x509: certificate has expired or is not yet valid: current time 2025-06-01T00:00:00Z is after 2025-01-01T00:00:00Z" interval="7s"',
    code: 'expired',
    component: 'kube-apiserver',
    source: 'kubelet ≥ 1.27 talking to an apiserver with an expired kubeadm certificate',
  },
  {
    line: 'W1207 10:00:00.000000       1 reflector.go:535] k8s.io/client-go/informers/factory.go:159: failed to list *v1.Pod: Get "https://10.96.0.1:443/api/v1/pods?limit=500&resourceVersion=0": x509: certificate is valid for 10.0.0.1, 192.168.56.10, not 10.96.0.1',
    code: 'ip-not-in-sans',
    component: 'kube-apiserver',
    source: 'client-go reflector in a controller',
  },
  {
    line: '{"level":"warn","ts":"2025-06-01T00:00:00.000Z","caller":"embed/config_logging.go:160","msg":"rejected connection","remote-addr":"127.0.0.1:50000","server-name":"","error":"tls: failed to verify client certificate: x509: certificate has expired or is not yet valid: current time 2025-06-01T00:00:00Z is after 2025-01-01T00:00:00Z"}',
    code: 'expired',
    component: 'etcd',
    source: 'etcd 3.5 rejecting the apiserver-etcd-client certificate',
  },
  {
    line: 'curl: (60) SSL certificate problem: unable to get local issuer certificate',
    code: 'unknown-authority',
    component: null,
    source: 'curl with OpenSSL',
  },
  {
    line: "requests.exceptions.SSLError: HTTPSConnectionPool(host='10.96.0.1', port=443): Max retries exceeded with url: /api (Caused by SSLError(SSLCertVerificationError(1, \"[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: IP address mismatch, certificate is not valid for '10.96.0.1'. (_ssl.c:1006)\")))",
    code: 'ip-not-in-sans',
    component: null,
    source: 'Python requests (OpenSSL X509_V_ERR_IP_ADDRESS_MISMATCH)',
  },
  {
    line: "Error: unable to verify the first certificate\n    at TLSSocket.onConnectSecure (node:_tls_wrap:1659:34) {\n  code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE'\n}",
    code: 'unknown-authority',
    component: null,
    source: 'Node tls.connect',
  },
  {
    line: "Error [ERR_TLS_CERT_ALTNAME_INVALID]: Hostname/IP does not match certificate's altnames: Host: kubernetes.default.svc.cluster.local. is not in the cert's altnames: DNS:kubernetes, DNS:kubernetes.default",
    code: 'name-not-in-sans',
    component: null,
    source: 'Node checkServerIdentity',
  },
  {
    line: 'x509: certificate signed by unknown authority (possibly because of "x509: cannot verify signature: insecure algorithm SHA1-RSA (temporarily override with GODEBUG=x509sha1=1)" while trying to verify candidate authority certificate "kubernetes")',
    code: 'unknown-authority',
    component: null,
    source: 'Go 1.18+ with a SHA-1 signed CA',
  },
  {
    line: '2025/06/01 00:00:00 http: TLS handshake error from 10.244.0.1:51234: remote error: tls: bad certificate',
    code: null,
    component: null,
    source: "a webhook server's log when the kube-apiserver refused its certificate",
  },
];
