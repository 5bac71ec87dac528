/**
 * Trust objects as inputs (fixtures/trust, written by tests/inputs/generate-trust-fixtures.ts):
 * each gives the report its PEM files plus flags give, and the failure modes they carry —
 * a regenerated webhook CA, a serving certificate for another namespace, a CN-only or
 * expired webhook certificate, a stale APIService caBundle, an old kube-root-ca.crt, expired
 * kubeadm certificates, a kubeconfig from before kubeadm reset — come out as such.
 */
import { run } from '../../src/cli/run.js';
import type { Report } from '../../src/report/report.js';
import { fakeIo, filesUnder } from '../helpers/fake-io.js';
import { METRICS_HOST, WEBHOOK_HOST } from '../inputs/generate-trust-fixtures.js';

const DIR = 'fixtures/trust';
const AT = ['--at', '2024-06-01T00:00:00Z'];

const FILES = filesUnder(DIR);
const f = (name: string): string => `${DIR}/${name}`;
const outputs: string[] = [];

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = fakeIo(FILES);
  const code = await run(args, io);
  outputs.push(io.out(), io.err());
  return { code, out: io.out(), err: io.err() };
}

async function report(args: string[]): Promise<Report> {
  const at = args.includes('--at') ? [] : AT;
  const outcome = await cli([...args, ...at, '--format', 'json', '--client', 'all']);
  expect(outcome.err).toBe('');
  return JSON.parse(outcome.out) as Report;
}

/** What must not depend on the input form (as tests/cli/inputs.test.ts). */
function core(r: Report): unknown {
  return {
    verdict: r.verdict,
    names: r.names.map(({ name, kind, decisive }) => ({ name, kind, decisive })),
    results: r.results,
    findings: r.findings.filter((finding) => finding.code !== 'insecure-skip-tls-verify'),
    certificate: r.certificate,
    chain: r.chain,
    trust: r.trust,
  };
}

describe('each trust object gives the report of the matching PEM files plus flags', () => {
  const webhookPem = [
    f('webhook/serving.crt'),
    '--ca',
    f('webhook/ca.crt'),
    '--name',
    WEBHOOK_HOST,
  ];
  test.each([
    [
      'ValidatingWebhookConfiguration (yaml) with --ca',
      [f('webhook/serving.crt'), '--ca', f('webhook/validatingwebhookconfiguration.yaml')],
      webhookPem,
    ],
    [
      'ValidatingWebhookConfiguration (json) with --ca',
      [f('webhook/serving.crt'), '--ca', f('webhook/validatingwebhookconfiguration.json')],
      webhookPem,
    ],
    [
      'a List holding the webhook configuration and its serving Secret, as the argument',
      [f('webhook/list.yaml')],
      webhookPem,
    ],
    [
      'the serving Secret with the configuration as --ca',
      [f('webhook/serving-secret.yaml'), '--ca', f('webhook/validatingwebhookconfiguration.yaml')],
      webhookPem,
    ],
    [
      'a MutatingWebhookConfiguration with two webhooks on one Service (cert-manager injected)',
      [
        f('webhook/demo-operator-serving.crt'),
        '--ca',
        f('webhook/mutatingwebhookconfiguration.yaml'),
      ],
      [
        f('webhook/demo-operator-serving.crt'),
        '--ca',
        f('webhook/ca.crt'),
        '--name',
        'demo-operator-webhook.demo.svc',
      ],
    ],
    [
      'a CRD conversion webhook',
      [f('webhook/demo-operator-serving.crt'), '--ca', f('webhook/crd-conversion.yaml')],
      [
        f('webhook/demo-operator-serving.crt'),
        '--ca',
        f('webhook/ca.crt'),
        '--name',
        'demo-operator-webhook.demo.svc',
      ],
    ],
    [
      'an APIService',
      [f('apiservice/serving.crt'), '--ca', f('apiservice/apiservice.yaml')],
      [f('apiservice/serving.crt'), '--ca', f('apiservice/ca.crt'), '--name', METRICS_HOST],
    ],
    [
      'the kube-root-ca.crt ConfigMap (yaml)',
      [f('kubeadm/etc-kubernetes/pki/apiserver.crt'), '--ca', f('configmap/kube-root-ca.crt.yaml')],
      [
        f('kubeadm/etc-kubernetes/pki/apiserver.crt'),
        '--ca',
        f('kubeadm/etc-kubernetes/pki/ca.crt'),
      ],
    ],
    [
      'the kube-root-ca.crt ConfigMap (json)',
      [f('kubeadm/etc-kubernetes/pki/apiserver.crt'), '--ca', f('configmap/kube-root-ca.crt.json')],
      [
        f('kubeadm/etc-kubernetes/pki/apiserver.crt'),
        '--ca',
        f('kubeadm/etc-kubernetes/pki/ca.crt'),
      ],
    ],
    [
      'a kubeadm /etc/kubernetes directory',
      [f('kubeadm/etc-kubernetes')],
      [
        f('kubeadm/etc-kubernetes/pki/apiserver.crt'),
        '--ca',
        f('kubeadm/etc-kubernetes/pki/ca.crt'),
      ],
    ],
    [
      'a kubeadm pki directory',
      [f('kubeadm/etc-kubernetes/pki')],
      [
        f('kubeadm/etc-kubernetes/pki/apiserver.crt'),
        '--ca',
        f('kubeadm/etc-kubernetes/pki/ca.crt'),
      ],
    ],
    [
      'a kubeadm pki directory as --ca',
      [f('kubeadm/etc-kubernetes/pki/apiserver.crt'), '--ca', f('kubeadm/etc-kubernetes/pki')],
      [
        f('kubeadm/etc-kubernetes/pki/apiserver.crt'),
        '--ca',
        f('kubeadm/etc-kubernetes/pki/ca.crt'),
      ],
    ],
  ])('%s', async (_label, args, pem) => {
    const r = await report(args);
    expect(core(r)).toEqual(core(await report(pem)));
    expect(r.inputs?.length).toBeGreaterThan(0);
  });

  test('the names are the ones the kube-apiserver dials, and provenance names the component', async () => {
    const r = await report([f('webhook/list.yaml')]);
    expect(r.names.map((name) => name.name)).toEqual([WEBHOOK_HOST]);
    expect(r.names[0]?.dialledBy).toContain(
      'kube-apiserver calling webhook "validate.nginx.ingress.kubernetes.io" (https://ingress-nginx-controller-admission.ingress-nginx.svc:443/networking/v1/ingresses)',
    );
    expect(r.verdict).toBe('pass');
    expect(r.inputs?.find((entry) => entry.role === 'ca')).toMatchObject({
      form: 'webhook-configuration',
      component: 'webhook',
    });
    const api = await report([
      f('apiservice/serving.crt'),
      '--ca',
      f('apiservice/apiservice.yaml'),
    ]);
    expect(api.inputs?.[0]).toMatchObject({
      form: 'apiservice',
      component: 'aggregated-apiserver',
    });
  });

  test('in a List of many configurations and Secrets, --webhook picks the webhook and its Secret by the name it dials', async () => {
    const demo = await report([
      f('webhook/inventory-list.yaml'),
      '--webhook',
      'mpod.demo.example.com',
    ]);
    expect(core(demo)).toEqual(
      core(
        await report([
          f('webhook/demo-operator-serving.crt'),
          '--ca',
          f('webhook/ca.crt'),
          '--name',
          'demo-operator-webhook.demo.svc',
        ]),
      ),
    );
    expect(demo.inputs?.[0]?.detail).toMatch(/^Secret demo\/demo-operator-serving /);
    const nginx = await report([
      f('webhook/inventory-list.yaml'),
      '--webhook',
      'validate.nginx.ingress.kubernetes.io',
    ]);
    expect(nginx.inputs?.[0]?.detail).toMatch(/^Secret ingress-nginx\/ingress-nginx-admission /);
    const all = await cli([f('webhook/inventory-list.yaml')]);
    expect(all.code).toBe(2);
    expect(all.err).toMatch(
      /holds 2 Secrets whose tls\.crt names .*; pick one webhook with --webhook NAME\n$/,
    );
  });

  test('--webhook picks one webhook; an unknown name lists the webhooks', async () => {
    const one = await report([
      f('webhook/demo-operator-serving.crt'),
      '--ca',
      f('webhook/mutatingwebhookconfiguration.yaml'),
      '--webhook',
      'mpod.demo.example.com',
    ]);
    expect(one.inputs?.map((entry) => entry.detail)).toEqual([
      expect.stringContaining('webhook "mpod.demo.example.com"'),
    ]);
    const all = await report([
      f('webhook/demo-operator-serving.crt'),
      '--ca',
      f('webhook/mutatingwebhookconfiguration.yaml'),
    ]);
    expect(all.inputs).toHaveLength(2);
    expect(all.inputs?.[0]?.detail).toContain(
      'caBundle injected by cert-manager from Certificate demo/demo-operator-serving',
    );
    const alone = await cli([f('webhook/serving.crt'), '--webhook', 'x']);
    expect(alone.code).toBe(2);
    expect(alone.err).toMatch(/^diagnose: --webhook picks a webhook of a webhook configuration/);
    const wrong = await cli([
      f('webhook/demo-operator-serving.crt'),
      '--ca',
      f('webhook/mutatingwebhookconfiguration.yaml'),
      '--webhook',
      'nope',
    ]);
    expect(wrong.code).toBe(2);
    expect(wrong.err).toBe(
      'diagnose: fixtures/trust/webhook/mutatingwebhookconfiguration.yaml: has no webhook "nope" (webhooks: mpod.demo.example.com, mdeploy.demo.example.com)\n',
    );
  });
});

describe('the failure modes the trust objects show', () => {
  test('webhook caBundle from before the CA was regenerated (helm upgrade): unknown authority, same name', async () => {
    for (const args of [
      [f('webhook/list-stale.yaml')],
      [f('webhook/serving.crt'), '--ca', f('webhook/validatingwebhookconfiguration-stale.yaml')],
    ]) {
      const r = await report(args);
      expect(r.verdict).toBe('fail');
      const go = r.results.find((result) => result.client === 'go');
      expect(go?.message).toBe(
        'x509: certificate signed by unknown authority (possibly because of "crypto/rsa: verification error" while trying to verify candidate authority certificate "ingress-nginx-admission-ca")',
      );
    }
  });

  test('serving certificate for another namespace: the dialled name is not in its SANs', async () => {
    const r = await report([
      f('webhook/serving-other-namespace.crt'),
      '--ca',
      f('webhook/validatingwebhookconfiguration.yaml'),
    ]);
    expect(r.verdict).toBe('fail');
    expect(r.results.find((result) => result.client === 'go')?.message).toBe(
      `x509: certificate is valid for ingress-nginx-controller-admission, ingress-nginx-controller-admission.default, ingress-nginx-controller-admission.default.svc, not ${WEBHOOK_HOST}`,
    );
  });

  test('CN-only webhook certificate: rejected by every Go >= 1.15 kube-apiserver', async () => {
    const r = await report([
      f('webhook/serving-cn-only.crt'),
      '--ca',
      f('webhook/validatingwebhookconfiguration.yaml'),
    ]);
    const byClient = new Map(r.results.map((result) => [result.client, result]));
    expect(byClient.get('go')?.message).toBe(
      'x509: certificate relies on legacy Common Name field, use SANs instead',
    );
    expect(byClient.get('go1.14')?.ok).toBe(true);
  });

  test('expired webhook certificate', async () => {
    const r = await report([
      f('webhook/serving-expired.crt'),
      '--ca',
      f('webhook/validatingwebhookconfiguration.yaml'),
    ]);
    expect(r.results.find((result) => result.client === 'go')?.code).toBe('expired');
  });

  test('a webhook without caBundle (cert-manager has not injected it): the system roots', async () => {
    const r = await report([
      f('webhook/serving.crt'),
      '--ca',
      f('webhook/validatingwebhookconfiguration-no-cabundle.yaml'),
    ]);
    expect(r.verdict).toBe('fail');
    const missing = r.findings.find((finding) => finding.code === 'webhook-ca-missing');
    expect((missing?.detail as { note: string }).note).toContain(
      'cert-manager.io/inject-ca-from: ingress-nginx/ingress-nginx-admission',
    );
  });

  test('APIService with a stale caBundle (v1beta1.metrics.k8s.io) fails; insecureSkipTLSVerify is a finding; a local one has no TLS', async () => {
    const stale = await report([
      f('apiservice/serving.crt'),
      '--ca',
      f('apiservice/apiservice-stale.yaml'),
    ]);
    expect(stale.verdict).toBe('fail');
    expect(stale.results.find((result) => result.client === 'go')?.code).toBe('unknown-authority');
    const insecure = await report([
      f('apiservice/serving.crt'),
      '--ca',
      f('apiservice/apiservice-insecure.yaml'),
    ]);
    const codes = insecure.findings.map((finding) => finding.code);
    expect(codes).toContain('insecure-skip-tls-verify');
    expect(codes).not.toContain('webhook-ca-missing');
    const local = await cli([
      f('apiservice/serving.crt'),
      '--ca',
      f('apiservice/apiservice-local.yaml'),
    ]);
    expect(local.code).toBe(2);
    expect(local.err).toBe(
      'diagnose: fixtures/trust/apiservice/apiservice-local.yaml: APIService v1.apps has no spec.service: the kube-apiserver serves this group itself, no TLS call is made\n',
    );
  });

  test('pods with an old kube-root-ca.crt after a CA rotation; a List with both names the namespaces', async () => {
    const apiserver = f('kubeadm/etc-kubernetes/pki/apiserver.crt');
    const old = await report([apiserver, '--ca', f('configmap/kube-root-ca.crt-old.yaml')]);
    expect(old.verdict).toBe('fail');
    expect(old.results.find((result) => result.client === 'go')?.message).toContain(
      'candidate authority certificate "kubernetes"',
    );
    const mixed = await cli([apiserver, '--ca', f('configmap/configmaps-list-mixed.yaml')]);
    expect(mixed.code).toBe(2);
    expect(mixed.err).toMatch(
      /holds 2 different ca\.crt values \(\[ConfigMap default\/kube-root-ca\.crt\] vs \[ConfigMap monitoring\/kube-root-ca\.crt\]\): some namespaces still publish an old CA/,
    );
  });

  test("kubeadm certificates expired, also the kubeconfigs' client certificates, with the renew command", async () => {
    const r = await report([f('kubeadm/etc-kubernetes'), '--at', '2025-06-01T00:00:00Z']);
    expect(r.verdict).toBe('fail');
    const expired = r.findings.find((finding) => finding.code === 'kubeadm-certificate-expired');
    const note = (expired?.detail as { note: string }).note;
    for (const renew of [
      'apiserver',
      'etcd-server',
      'front-proxy-client',
      'admin.conf',
      'scheduler.conf',
    ])
      expect(note).toContain(`kubeadm certs renew ${renew}`);
    const healthy = await report([f('kubeadm/etc-kubernetes')]);
    expect(healthy.findings.map((finding) => finding.code)).not.toContain(
      'kubeadm-certificate-expired',
    );
    expect(healthy.inputs?.filter((entry) => entry.role === 'inventory')).toHaveLength(12);
  });

  test('stale kubeconfig after kubeadm reset: named in the inventory, and kubectl with it fails', async () => {
    const r = await report([f('kubeadm-reset/etc-kubernetes')]);
    expect(r.findings.map((finding) => finding.code)).toContain('kubeconfig-ca-mismatch');
    const kubectl = await report([
      f('kubeadm-reset/etc-kubernetes/pki/apiserver.crt'),
      '--ca',
      f('kubeadm-reset/kubeconfig-home.yaml'),
    ]);
    expect(kubectl.verdict).toBe('fail');
    expect(kubectl.results.find((result) => result.client === 'go')?.message).toContain(
      'candidate authority certificate "kubernetes"',
    );
  });

  test('a trust object alone as the argument, or a CRD without a conversion webhook, is one clear line', async () => {
    const alone = await cli([f('webhook/validatingwebhookconfiguration.yaml')]);
    expect(alone.code).toBe(2);
    expect(alone.err).toMatch(
      /^diagnose: fixtures\/trust\/webhook\/validatingwebhookconfiguration\.yaml: is a ValidatingWebhookConfiguration: the CA a client trusts and the names it dials, not a served certificate; give the serving certificate \(or its Secret\) as the argument and this with --ca\n$/,
    );
    const noCa = await cli([
      f('kubeadm/etc-kubernetes/pki/apiserver.crt'),
      '--ca',
      f('configmap/configmap-no-ca.yaml'),
    ]);
    expect(noCa.err).toBe(
      'diagnose: fixtures/trust/configmap/configmap-no-ca.yaml: ConfigMap kube-system/coredns has no ca.crt\n',
    );
  });

  test('no output holds a key', () => {
    for (const output of outputs)
      expect(output).not.toContain(Buffer.from('not a key').toString('base64'));
  });
});
