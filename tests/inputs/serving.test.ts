/** Which certificate names stand for the Service the kube-apiserver dials (src/inputs/serving.ts). */
import { readFileSync } from 'node:fs';
import { covers, coversShort, serviceNames, servesHost } from '../../src/inputs/serving.js';
import { readCertificates } from '../../src/facts/certificate.js';

const leaf = async (path: string) =>
  (await readCertificates(new Uint8Array(readFileSync(path)), path))[0]!.facts;

describe('covers: a certificate name for the Service host the kube-apiserver dials', () => {
  test.each([
    ['svc.ns.svc', true],
    ['svc.ns.svc.cluster.local', true],
    ['svc.ns.svc.corp.example', true],
    ['*.ns.svc', true],
    ['svc.ns', false],
    ['svc.other.svc', false],
    ['*.svc', false],
    ['*.other.svc', false],
    ['other-svc.ns.svc', false],
    ['svc.ns.svcx', false],
  ])('%s → %s', (name, expected) => {
    expect(covers(name, 'svc.ns.svc')).toBe(expected);
  });
});

describe('coversShort: the Service written without .svc, by a Secret in its namespace', () => {
  test.each([
    ['svc.ns', 'ns', true],
    ['svc.ns', 'other', false],
    ['svc.ns', null, false],
    ['svc', 'ns', false],
    ['svc.other', 'ns', false],
    ['svc.ns.svc', 'ns', false],
  ])('%s in namespace %s → %s', (name, namespace, expected) => {
    expect(coversShort(name, 'svc.ns.svc', namespace)).toBe(expected);
  });

  test('servesHost: in full before short, short only in the namespace', () => {
    expect(servesHost(['svc.ns', 'svc.ns.svc'], 'ns', 'svc.ns.svc')).toBe('full');
    expect(servesHost(['svc.ns'], 'ns', 'svc.ns.svc')).toBe('short');
    expect(servesHost(['svc.ns'], 'default', 'svc.ns.svc')).toBeNull();
  });
});

describe('serviceNames: the names of a leaf that may be a Service’s', () => {
  test('DNS SANs with .svc; the CN only when there are no SANs; nothing for etcd', async () => {
    expect(serviceNames(await leaf('fixtures/trust/webhook/serving.crt'))).toEqual([
      'ingress-nginx-controller-admission.ingress-nginx.svc',
    ]);
    expect(serviceNames(await leaf('fixtures/trust/webhook/serving-cn-only.crt'))).toEqual([
      'ingress-nginx-controller-admission.ingress-nginx.svc',
    ]);
    expect(
      serviceNames(await leaf('fixtures/trust/kubeadm/etc-kubernetes/pki/etcd/server.crt')),
    ).toEqual([]);
  });

  test('with the Secret’s namespace, also <service>.<namespace>; never a bare label', async () => {
    const serving = await leaf('fixtures/trust/webhook/serving.crt');
    expect(serviceNames(serving, 'ingress-nginx')).toEqual([
      'ingress-nginx-controller-admission.ingress-nginx',
      'ingress-nginx-controller-admission.ingress-nginx.svc',
    ]);
    expect(serviceNames(serving, 'default')).toEqual([
      'ingress-nginx-controller-admission.ingress-nginx.svc',
    ]);
  });
});
