/** Which certificate names stand for the Service the kube-apiserver dials (src/batch/serving.ts). */
import { readFileSync } from 'node:fs';
import { covers, serviceNames } from '../../src/batch/serving.js';
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
});
