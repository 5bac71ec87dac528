/** Heapster's --source, release by release (src/inputs/heapster-source.ts). */
import { UsageError } from '../../src/base/errors.js';
import { planHeapsterSource, type HeapsterSourceInput } from '../../src/inputs/heapster-source.js';

const plan = (value: string, version: string, env: Partial<HeapsterSourceInput> = {}) =>
  planHeapsterSource({
    value,
    version,
    serviceHost: undefined,
    servicePort: undefined,
    fallbackServiceIp: '10.0.0.1',
    ...env,
  });
const codes = (value: string, version: string): string[] =>
  plan(value, version).findings.map((finding) => finding.code);

describe('planHeapsterSource', () => {
  const URL_SOURCE = 'kubernetes:https://kubernetes.default?inClusterConfig=true';

  test('v0.17+ dials the URL host with the pod ca.crt', () => {
    expect(plan(URL_SOURCE, 'v0.19')).toMatchObject({
      host: 'kubernetes.default',
      port: 443,
      ca: 'serviceaccount',
      inClusterConfig: true,
    });
    expect(plan('kubernetes:https://kubernetes:8443', 'v0.17')).toMatchObject({
      host: 'kubernetes',
      port: 8443,
    });
  });

  test('before v0.17 the URL is ignored: KUBERNETES_SERVICE_HOST is dialled', () => {
    const p = plan(URL_SOURCE, 'v0.16', { serviceHost: '10.96.0.1', servicePort: '443' });
    expect(p).toMatchObject({ host: '10.96.0.1', port: 443 });
    expect(p.findings.map((finding) => finding.code)).toEqual(['heapster-url-ignored']);
    expect(plan(URL_SOURCE, 'v0.15').host).toBe('10.0.0.1');
  });

  test("no URL (--source=kubernetes, kubernetes:''): the Service IP, in every release", () => {
    for (const value of [
      'kubernetes',
      "kubernetes:''",
      'kubernetes:?inClusterConfig=true',
      '--source=kubernetes',
    ])
      expect(plan(value, 'v1.6')).toMatchObject({ host: '10.0.0.1', findings: [] });
  });

  test('insecure=true: honoured from v0.19 (CA cleared), ignored before with inClusterConfig', () => {
    const value = `${URL_SOURCE}&insecure=true`;
    expect(codes(value, 'v0.18')).toEqual(['heapster-insecure-ignored']);
    expect(plan(value, 'v0.18').ca).toBe('serviceaccount');
    expect(codes(value, 'v0.19')).toEqual(['insecure-skip-tls-verify']);
    expect(plan(value, 'v0.19').ca).toBe('none');
  });

  test('inClusterConfig=false: the URL with the auth kubeconfig CA, or the system roots', () => {
    expect(
      plan('kubernetes:https://master:6443?inClusterConfig=false&auth=/etc/kc', 'v1.6'),
    ).toMatchObject({
      host: 'master',
      port: 6443,
      ca: 'kubeconfig',
      auth: '/etc/kc',
    });
    expect(plan('kubernetes:https://master?inClusterConfig=false', 'v1.6').ca).toBe('system');
    expect(() => plan('kubernetes:?inClusterConfig=false', 'v1.6')).toThrow(
      /invalid kubernetes master url/,
    );
  });

  test('bad values stop Heapster, and the tool says so', () => {
    expect(() => plan('kubernetes:https://x?insecure=yes', 'v1.6')).toThrow(
      new UsageError(
        '--source: insecure=yes: Heapster stops with strconv.ParseBool: parsing "yes": invalid syntax',
      ),
    );
    expect(() => plan('kubernetes:http://kubernetes-ro', 'v1.6')).toThrow(/not https/);
    expect(() => plan('influxdb:http://x', 'v1.6')).toThrow(/not a kubernetes source/);
    expect(() => plan(URL_SOURCE, 'v0.14')).toThrow(/predates inClusterConfig/);
  });
});
