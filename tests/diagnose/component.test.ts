/**
 * Component recognition, its era, the deciding client, the default names and the Service
 * IP, and the fixes per component: over the bundled fixtures, made by the project's
 * generator in the shapes kubeadm, k3s, the kubelet, webhooks and the 2015 apiserver give.
 */
import { readFileSync } from 'node:fs';
import { readCertificates } from '../../src/facts/certificate.js';
import type { CertFacts } from '../../src/facts/types.js';
import { defaultClientValues } from '../../src/diagnose/clients.js';
import { eraOf, recognizeComponent } from '../../src/diagnose/component.js';
import { adviceFor, distroOf, foreignIssuer } from '../../src/diagnose/fixes.js';
import { loggedLine } from '../../src/diagnose/logged.js';
import { planJudgement } from '../../src/diagnose/plan.js';
import { chooseServiceIp } from '../../src/names/defaults.js';

async function chain(path: string): Promise<CertFacts[]> {
  return (await readCertificates(new Uint8Array(readFileSync(path)), path)).map((c) => c.facts);
}

async function component(path: string, extra: { ports?: number[] } = {}): Promise<string> {
  const [leaf, ...rest] = await chain(path);
  if (!leaf) throw new Error('no certificate');
  return recognizeComponent({ leaf, chain: rest, ...extra }).id;
}

describe('recognition', () => {
  test.each([
    ['fixtures/seed/apiserver.crt', 'kube-apiserver'],
    ['fixtures/missing-service-ip-san/apiserver.crt', 'kube-apiserver'],
    ['fixtures/kubeadm-apiserver/apiserver.crt', 'kube-apiserver'],
    ['fixtures/k3s-apiserver/apiserver.crt', 'kube-apiserver'],
    ['fixtures/webhook-cn-only/apiserver.crt', 'webhook'],
    ['fixtures/kubelet-self-signed/apiserver.crt', 'kubelet'],
    ['fixtures/kubelet-https/apiserver.crt', 'kubelet'],
    ['fixtures/kubeadm-apiserver/ca.crt', 'ca'],
    ['fixtures/cn-only/apiserver.crt', 'other'],
  ])('%s is %s', async (path, id) => {
    expect(await component(path)).toBe(id);
  });

  test('the port dialled names the component, and --component wins over everything', async () => {
    expect(await component('fixtures/cn-only/apiserver.crt', { ports: [10250] })).toBe('kubelet');
    expect(await component('fixtures/cn-only/apiserver.crt', { ports: [2379] })).toBe('etcd');
    expect(await component('fixtures/cn-only/apiserver.crt', { ports: [10259] })).toBe(
      'kube-scheduler',
    );
    const [leaf] = await chain('fixtures/kubeadm-apiserver/apiserver.crt');
    if (!leaf) throw new Error('no certificate');
    const given = recognizeComponent({ leaf, chain: [], override: 'etcd', ports: [6443] });
    expect(given).toEqual({ id: 'etcd', evidence: ['given with --component etcd'] });
    expect(recognizeComponent({ leaf, chain: [], fromKubeconfig: true }).id).toBe(
      'kubeconfig-client',
    );
  });

  test('a webhook configuration given with the certificate names its component unless the certificate says the same', async () => {
    const dialledFor = { id: 'webhook', why: 'the kube-apiserver dials it for a webhook' } as const;
    const [other] = await chain('fixtures/cn-only/apiserver.crt');
    const [webhook] = await chain('fixtures/webhook-cn-only/apiserver.crt');
    if (!other || !webhook) throw new Error('no certificate');
    expect(recognizeComponent({ leaf: other, chain: [], dialledFor })).toEqual({
      id: 'webhook',
      evidence: ['the kube-apiserver dials it for a webhook'],
    });
    const itself = recognizeComponent({ leaf: webhook, chain: [] });
    expect(recognizeComponent({ leaf: webhook, chain: [], dialledFor })).toEqual(itself);
    expect(recognizeComponent({ leaf: other, chain: [], dialledFor, override: 'etcd' }).id).toBe(
      'etcd',
    );
  });

  test('every recognition says why', async () => {
    const [leaf, ...rest] = await chain('fixtures/kubelet-self-signed/apiserver.crt');
    if (!leaf) throw new Error('no certificate');
    const found = recognizeComponent({ leaf, chain: rest });
    expect(found.evidence.join(' ')).toContain('node1-ca@1704067200');
    expect(found.evidence.join(' ')).toContain('only SAN is the host node1');
  });
});

describe('era and deciding client', () => {
  test("an apiserver certificate from Heapster's era is decided by Heapster, a later one by today's Go, both shown", async () => {
    const [seed] = await chain('fixtures/seed/apiserver.crt');
    const [kubeadm] = await chain('fixtures/kubeadm-apiserver/apiserver.crt');
    if (!seed || !kubeadm) throw new Error('no certificate');
    expect(eraOf(seed)).toBe('heapster');
    expect(eraOf(kubeadm)).toBe('today');
    // Today's Go is the newest row checked against a real Go here: Go 1.23.
    expect(defaultClientValues('kube-apiserver', 'heapster')).toEqual(['heapster', 'go1.23']);
    expect(defaultClientValues('kube-apiserver', 'today')).toEqual(['go1.23', 'heapster']);
    for (const id of ['webhook', 'aggregated-apiserver', 'kubeconfig-client', 'etcd'] as const)
      expect(defaultClientValues(id, 'today')).toEqual(['go1.23']);
    expect(defaultClientValues('kubelet', 'today')).toEqual(['go1.23']);
  });

  test('--client still overrides, and `all` is led by the component’s client', async () => {
    const [leaf] = await chain('fixtures/webhook-cn-only/apiserver.crt');
    if (!leaf) throw new Error('no certificate');
    const base = { leaf, chain: [], names: null, nameOptions: {} };
    expect(planJudgement({ ...base, clientValues: ['heapster'] }).clients.ids).toEqual(['go1.8']);
    expect(planJudgement({ ...base, clientValues: ['all'] }).clients.ids[0]).toBe('go1.23');
    expect(planJudgement({ ...base, clientValues: [] }).names.map((n) => n.host)).toEqual([
      'my-webhook.my-ns.svc',
    ]);
  });
});

describe('the Service IP', () => {
  test.each([
    [['10.96.0.1', '192.168.1.10'], '10.96.0.1', 'inferred', '10.96.0.0/12'],
    [['10.43.0.1', '127.0.0.1'], '10.43.0.1', 'inferred', '10.43.0.0/16'],
    [['10.100.0.1'], '10.100.0.1', 'inferred', '10.100.0.0/16'],
    [['172.20.0.1'], '172.20.0.1', 'inferred', '172.20.0.0/16'],
    [['10.10.56.65', '10.0.0.1'], '10.0.0.1', 'default', '10.0.0.0/24'],
  ])('IP SANs %j give %s (%s, %s)', (ipSans, address, source, range) => {
    expect(chooseServiceIp({ ipSans })).toMatchObject({ address, source, range });
  });

  test('unknown rather than a guess, naming the flag; given values always win', () => {
    const unknown = chooseServiceIp({ ipSans: ['192.168.1.10'] });
    expect(unknown.address).toBeNull();
    expect(unknown.note).toContain('--service-ip');
    expect(chooseServiceIp({ ipSans: [], heapsterEra: true }).address).toBe('10.0.0.1');
    expect(chooseServiceIp({ ipSans: ['10.96.0.1'], serviceCidr: '10.32.0.0/24' })).toMatchObject({
      address: '10.32.0.1',
      source: 'cidr',
    });
    expect(chooseServiceIp({ ipSans: ['10.96.0.1'], serviceHostEnv: '10.99.0.1' }).source).toBe(
      'env',
    );
  });
});

describe('fixes per component × era × cause', () => {
  const today = { era: 'today' as const, caSigned: true };
  test.each([
    ['kube-apiserver', 'kubeadm', 'expired', 'kubeadm certs renew apiserver'],
    ['kube-apiserver', 'kubeadm', 'ip-not-in-sans', 'apiServer.certSANs'],
    ['kube-apiserver', 'k3s', 'name-not-in-sans', '--tls-san'],
    ['kube-apiserver', 'kubeadm', 'unknown-authority', 'kube-root-ca.crt'],
    ['kubelet', 'generated', 'no-ip-sans', 'serverTLSBootstrap'],
    ['kubelet', 'generated', 'unknown-authority', 'kubectl certificate approve'],
    ['webhook', null, 'legacy-common-name', '<service>.<namespace>.svc'],
    ['webhook', null, 'unknown-authority', 'cert-manager.io/inject-ca-from'],
    ['aggregated-apiserver', null, 'unknown-authority', 'spec.caBundle'],
    ['kubeconfig-client', 'kubeadm', 'unknown-authority', '/etc/kubernetes/admin.conf'],
    ['etcd', 'kubeadm', 'expired', 'kubeadm certs renew etcd-server'],
    ['kube-scheduler', null, 'no-ip-sans', '--bind-address'],
    ['ingress', null, 'name-not-in-sans', 'SNI'],
    ['ingress', null, 'sni-dependent', '--default-ssl-certificate'],
    ['kube-apiserver', 'kubeadm', 'name-not-in-sans', '--apiserver-cert-extra-sans'],
    ['kubelet', 'kubeadm', 'no-ip-sans', '--node-ip'],
    ['kubelet', 'kubeadm', 'ip-not-in-sans', 'kubernetes.io/kubelet-serving CSR'],
  ] as const)('%s (%s) %s: %s', (id, distro, code, knob) => {
    expect(adviceFor(code, { component: id, distro, ...today })?.fix).toContain(knob);
  });

  test('expiry of a CA-signed certificate is renewal, never a new CA; token Secrets only in their era', () => {
    const fix = adviceFor('expired', { component: 'kube-apiserver', distro: 'kubeadm', ...today });
    expect(fix?.fix).toContain('the CA does not change');
    expect(fix?.fix).not.toMatch(/token secret/i);
    const trust = adviceFor('unknown-authority', {
      component: 'kube-apiserver',
      distro: 'kubeadm',
      ...today,
    });
    expect(trust?.fix).toContain('no token Secrets are created');
    // Heapster's era keeps the story's fix.
    expect(
      adviceFor('unknown-authority', {
        component: 'kube-apiserver',
        distro: 'generated',
        era: 'heapster',
        caSigned: false,
      }),
    ).toBeNull();
  });

  test('a chain from a CA that is not the cluster’s: the proxy is named, for pods and for kubectl', () => {
    const foreign = { ...today, distro: null, foreignIssuer: 'Corp Proxy Root CA' } as const;
    const pods = adviceFor('unknown-authority', { component: 'kube-apiserver', ...foreign });
    expect(pods?.fix).toContain('issued by Corp Proxy Root CA');
    expect(pods?.fix).toMatch(/NO_PROXY.*\.svc/);
    expect(pods?.fix).toContain('in the pods’ env');
    const kubectl = adviceFor('closest-miss', { component: 'kubeconfig-client', ...foreign });
    expect(kubectl?.fix).toContain('proxy-url');
    expect(kubectl?.fix).not.toContain('kubeadm reset');
    // Without a foreign issuer the cluster's own answers stay.
    const own = { ...today, distro: 'kubeadm', foreignIssuer: null } as const;
    expect(adviceFor('unknown-authority', { component: 'kube-apiserver', ...own })?.fix).toContain(
      'kube-root-ca.crt',
    );
    expect(
      adviceFor('unknown-authority', { component: 'kubeconfig-client', ...own })?.fix,
    ).toContain('admin.conf');
    // Names are not trust: a foreign issuer changes nothing there.
    expect(
      adviceFor('name-not-in-sans', { component: 'kube-apiserver', ...foreign })?.fix,
    ).toContain('apiServer.certSANs');
  });

  test('a foreign issuer is one no trusted CA names and no Kubernetes CA has', async () => {
    const proxied = await chain('fixtures/proxy-intercepted/apiserver.crt');
    const cluster = await chain('fixtures/proxy-intercepted/ca.crt');
    expect(foreignIssuer(proxied, cluster)).toBe('Corp Proxy Root CA');
    // Not checked against a CA: nothing to be foreign to.
    expect(foreignIssuer(proxied, null)).toBeNull();
    // The proxy's CA trusted on purpose: the chain is no longer foreign.
    expect(foreignIssuer(proxied, [...cluster, ...proxied.slice(1)])).toBeNull();
    // A stale kubeconfig: the same CA name, another key — the cluster's, not a proxy's.
    const stale = await chain('fixtures/stale-kubeconfig/apiserver.crt');
    expect(foreignIssuer(stale, await chain('fixtures/stale-kubeconfig/ca.crt'))).toBeNull();
    // client-go's self-signing (<host>-ca@<time>) is a Kubernetes CA, whoever is trusted.
    const kubelet = await chain('fixtures/kubelet-self-signed/apiserver.crt');
    expect(foreignIssuer(kubelet, cluster)).toBeNull();
    // A hand-made CA that no one trusts is named: the fix says what to do if it is the server's.
    const ingress = await chain('fixtures/ingress-fake-certificate/apiserver.crt');
    expect(foreignIssuer(ingress, cluster)).toBe('Kubernetes Ingress Controller Fake Certificate');
  });

  test('--kubelet-insecure-tls is named as insecure, not suggested; no read-only port', () => {
    const fix = adviceFor('no-ip-sans', { component: 'kubelet', distro: 'generated', ...today });
    expect(fix?.fix).toMatch(/--kubelet-insecure-tls only hides this: it turns verification off/);
    expect(fix?.fix).not.toContain('10255');
  });

  test('the installer is read from the issuer', () => {
    expect(distroOf('k3s-server-ca@1704067200', 'k3s', false)).toBe('k3s');
    expect(distroOf('rke2-server-ca@1704067200', 'kube-apiserver', false)).toBe('rke2');
    expect(distroOf('kubernetes', 'kube-apiserver', false)).toBe('kubeadm');
  });
});

describe('logged', () => {
  const message = 'x509: certificate relies on legacy Common Name field, use SANs instead';
  test('today’s Go wraps, in the component’s own line; other clients log the bare message', () => {
    expect(loggedLine('webhook', 'go', 'a.b.svc', message)).toBe(
      `failed calling webhook "<webhook name>": failed to call webhook: Post "https://a.b.svc:443/<path>?timeout=10s": tls: failed to verify certificate: ${message}`,
    );
    expect(loggedLine('kubeconfig-client', 'go', 'x', message)).toBe(
      `Unable to connect to the server: tls: failed to verify certificate: ${message}`,
    );
    expect(loggedLine('kubelet', 'go', '10.0.0.5', message)).toMatch(
      /^"Failed to scrape node" err="Get \\"https:\/\/10\.0\.0\.5:10250\/metrics\/resource\\": tls: failed to verify certificate: /,
    );
    expect(loggedLine('webhook', 'go1.8', 'a.b.svc', message)).toBe(message);
    expect(loggedLine('webhook', 'openssl', 'a.b.svc', 'hostname mismatch')).toBe(
      'hostname mismatch',
    );
    expect(loggedLine('webhook', 'go', 'a.b.svc', null)).toBeNull();
    // The port the name was dialled at, when given; the component's usual one otherwise.
    expect(loggedLine('kube-apiserver', 'go', 'lb.example.com', message, 6443)).toBe(
      `Get "https://lb.example.com:6443/api?timeout=32s": tls: failed to verify certificate: ${message}`,
    );
    expect(loggedLine('kube-apiserver', 'go', '10.96.0.1', message)).toContain(
      'https://10.96.0.1:443/',
    );
    // Every Go row from Go 1.20 on wraps.
    for (const client of ['go1.21', 'go1.23', 'go1.24'] as const)
      expect(loggedLine('kubeconfig-client', client, 'x', message)).toContain(
        `tls: failed to verify certificate: ${message}`,
      );
  });

  test('a webhook configuration given: its webhook’s name, the URL it calls and its timeout', () => {
    const call = {
      webhook: 'check.demo.io',
      url: 'https://w.demo.svc:8443/check',
      timeoutSeconds: 5,
    };
    expect(loggedLine('webhook', 'go1.23', 'w.demo.svc', message, undefined, call)).toBe(
      `failed calling webhook "check.demo.io": failed to call webhook: Post "https://w.demo.svc:8443/check?timeout=5s": tls: failed to verify certificate: ${message}`,
    );
  });
});
