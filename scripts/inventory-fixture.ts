/**
 * Writes fixtures/inventory/: a cluster inventory as
 *   kubectl get validatingwebhookconfigurations,mutatingwebhookconfigurations,apiservices,crd,configmaps,secrets -A -o json
 * prints it (cluster.json, and the same objects as YAML in cluster.yaml), for
 * `diagnose batch` to pair every caBundle with the serving Secret it guards:
 * - a webhook and a CRD conversion webhook whose caBundle signs their Secret's certificate,
 *   which expires before its CA (the Secret is first to expire in its chain);
 * - ingress-nginx's admission webhook after `helm upgrade` re-ran the certificate job: the
 *   Secret holds a certificate from a new CA of the same name, the caBundle the old CA;
 * - a policy webhook whose certificate names its Service only as `<service>.<namespace>`,
 *   without `.svc`: paired by that name, and refused;
 * - metrics-server's APIService, whose Secret is not in the List (it keeps its certificate
 *   in memory);
 * - a custom-metrics APIService whose Secret chains through an intermediate that expires
 *   before the leaf;
 * - an APIService the kube-apiserver serves itself, kube-root-ca.crt in two namespaces,
 *   a ConfigMap and a Secret with nothing to check.
 * Keys come from the seeded key pool (src/generate/seeded-key.ts), so a rerun writes the
 * same bytes; the certificate specs are fixtures/trust's (tests/inputs/generate-trust-fixtures.ts). Objects are listed in kubectl's order: the Secrets come last.
 *   npm run fixtures:inventory
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { buildCertificate, type CertificateSpec } from '../src/generate/certificate.js';
import { seededRsaKey } from '../src/generate/seeded-key.js';
import { yaml } from '../tests/inputs/generate-fixtures.js';
import { caSpec, leafSpec, serviceNames } from '../tests/inputs/generate-trust-fixtures.js';

export const INVENTORY_DIR = 'fixtures/inventory';
/** The fixture is judged at this moment (README, docs/kubernetes.md and the tests). */
export const INVENTORY_AT = '2025-06-01T00:00:00Z';

const SEED = 'kube-tls-doctor inventory fixture';
const CA_END = new Date('2034-01-01T00:00:00Z');

const key = (label: string): ReturnType<typeof seededRsaKey> => seededRsaKey(SEED, label);

const b64 = (text: string): string => Buffer.from(text).toString('base64');

export async function writeInventoryFixture(dir = INVENTORY_DIR): Promise<void> {
  const pem = async (spec: CertificateSpec, label: string, signer?: string): Promise<string> =>
    `${(await buildCertificate(spec, await key(label), signer ? await key(signer) : undefined)).toString('pem')}\n`;

  // A webhook and a conversion webhook on one Service; the leaf expires first.
  const demoCa = await pem(caSpec('CN=demo-webhook-ca', '70', CA_END), 'demo-ca');
  const demoLeaf = await pem(
    leafSpec('CN=demo-webhook', 'CN=demo-webhook-ca', '71', serviceNames('demo-webhook', 'demo'), {
      notAfter: new Date('2026-01-01T00:00:00Z'),
    }),
    'demo-leaf',
    'demo-ca',
  );
  // ingress-nginx: the caBundle holds the CA of the first install, the Secret a certificate
  // of the CA `helm upgrade` made next (same name, other key).
  const ingressName = 'O=nil1,CN=ingress-nginx-admission-ca';
  const ingressOldCa = await pem(caSpec(ingressName, '72', CA_END), 'ingress-ca-first');
  const ingressNewCa = await pem(caSpec(ingressName, '73', CA_END), 'ingress-ca-upgrade');
  const ingressLeaf = await pem(
    leafSpec(
      'O=nil2,CN=nil2',
      ingressName,
      '74',
      serviceNames('ingress-nginx-controller-admission', 'ingress-nginx'),
      {
        notAfter: CA_END,
      },
    ),
    'ingress-leaf',
    'ingress-ca-upgrade',
  );
  // metrics-server: its CA in the APIService, no Secret in the cluster.
  const metricsCa = await pem(caSpec('CN=metrics-server-ca', '75', CA_END), 'metrics-ca');
  // custom metrics: root in the caBundle, an intermediate that expires before the leaf.
  const cmRoot = await pem(caSpec('CN=custom-metrics-root', '76', CA_END), 'cm-root');
  const cmIntermediate = await pem(
    caSpec(
      'CN=custom-metrics-intermediate',
      '77',
      new Date('2025-09-01T00:00:00Z'),
      'CN=custom-metrics-root',
    ),
    'cm-intermediate',
    'cm-root',
  );
  const cmLeaf = await pem(
    leafSpec(
      'CN=custom-metrics-apiserver',
      'CN=custom-metrics-intermediate',
      '78',
      serviceNames('custom-metrics-apiserver', 'custom-metrics'),
      {
        notAfter: new Date('2027-01-01T00:00:00Z'),
      },
    ),
    'cm-leaf',
    'cm-intermediate',
  );
  // A policy webhook whose certificate names its Service only as pods dial it, without
  // `.svc` (a certificate request that left it out): the kube-apiserver refuses it.
  const policyCa = await pem(caSpec('CN=policy-webhook-ca', '7a', CA_END), 'policy-ca');
  const policyLeaf = await pem(
    leafSpec(
      'CN=policy-webhook',
      'CN=policy-webhook-ca',
      '7b',
      ['policy-webhook', 'policy-webhook.policy'],
      { notAfter: CA_END },
    ),
    'policy-leaf',
    'policy-ca',
  );
  // The cluster CA every pod trusts (kube-root-ca.crt).
  const clusterCa = await pem(caSpec('CN=kubernetes', '79', CA_END), 'cluster-ca');

  const service = (name: string, namespace: string, path?: string): object => ({
    name,
    namespace,
    ...(path ? { path } : {}),
    port: 443,
  });
  const webhookConfiguration = (
    kind: 'ValidatingWebhookConfiguration' | 'MutatingWebhookConfiguration',
    name: string,
    webhook: string,
    caPem: string,
    svc: object,
  ): object => ({
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind,
    metadata: { name },
    webhooks: [
      {
        name: webhook,
        admissionReviewVersions: ['v1'],
        clientConfig: { caBundle: b64(caPem), service: svc },
        failurePolicy: 'Fail',
        sideEffects: 'None',
      },
    ],
  });
  const apiService = (name: string, spec: Record<string, unknown>): object => ({
    apiVersion: 'apiregistration.k8s.io/v1',
    kind: 'APIService',
    metadata: { name },
    spec: { groupPriorityMinimum: 100, versionPriority: 100, ...spec },
  });
  const tlsSecret = (namespace: string, name: string, tls: string, caPem: string): object => ({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name, namespace },
    type: 'kubernetes.io/tls',
    data: { 'ca.crt': b64(caPem), 'tls.crt': b64(tls), 'tls.key': b64('not a key') },
  });
  const rootCm = (namespace: string): object => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'kube-root-ca.crt', namespace },
    data: { 'ca.crt': clusterCa },
  });

  const items = [
    webhookConfiguration(
      'ValidatingWebhookConfiguration',
      'demo-webhook',
      'validate.demo.example.com',
      demoCa,
      service('demo-webhook', 'demo', '/validate'),
    ),
    webhookConfiguration(
      'ValidatingWebhookConfiguration',
      'ingress-nginx-admission',
      'validate.nginx.ingress.kubernetes.io',
      ingressOldCa,
      service('ingress-nginx-controller-admission', 'ingress-nginx', '/networking/v1/ingresses'),
    ),
    webhookConfiguration(
      'MutatingWebhookConfiguration',
      'policy-webhook',
      'mutate.policy.example.com',
      policyCa,
      service('policy-webhook', 'policy', '/mutate'),
    ),
    apiService('v1.apps', { group: 'apps', version: 'v1' }),
    apiService('v1beta1.custom.metrics.k8s.io', {
      group: 'custom.metrics.k8s.io',
      version: 'v1beta1',
      caBundle: b64(cmRoot),
      service: service('custom-metrics-apiserver', 'custom-metrics'),
    }),
    apiService('v1beta1.metrics.k8s.io', {
      group: 'metrics.k8s.io',
      version: 'v1beta1',
      caBundle: b64(metricsCa),
      service: service('metrics-server', 'kube-system'),
    }),
    {
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
              caBundle: b64(demoCa),
              service: service('demo-webhook', 'demo', '/convert'),
            },
          },
        },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'coredns', namespace: 'kube-system' },
      data: { Corefile: '.:53 {}' },
    },
    rootCm('default'),
    rootCm('kube-system'),
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'db-credentials', namespace: 'demo' },
      type: 'Opaque',
      data: { password: b64('not a password') },
    },
    tlsSecret('custom-metrics', 'cm-adapter-serving-certs', cmLeaf + cmIntermediate, cmRoot),
    tlsSecret('demo', 'demo-webhook-tls', demoLeaf, demoCa),
    tlsSecret('ingress-nginx', 'ingress-nginx-admission', ingressLeaf, ingressNewCa),
    tlsSecret('policy', 'policy-webhook-tls', policyLeaf, policyCa),
  ];
  const list = { apiVersion: 'v1', kind: 'List', items, metadata: { resourceVersion: '' } };
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${dir}/cluster.json`, `${JSON.stringify(list, null, 4)}\n`);
  writeFileSync(`${dir}/cluster.yaml`, yaml(list));
  // The README's short example: ingress-nginx's webhook and Secret alone.
  const ingress = (item: object): boolean => JSON.stringify(item).includes('ingress-nginx');
  writeFileSync(`${dir}/ingress-nginx.yaml`, yaml({ ...list, items: items.filter(ingress) }));
  console.log(`wrote ${dir}`);
}

await writeInventoryFixture();
