/**
 * What a webhook configuration says of the call the kube-apiserver makes (src/inputs/
 * trust-objects.ts, src/inputs/trust.ts): its timeout, admissionregistration's default per
 * API version, and the call each dialled name carries for the log line.
 */
import { trustFrom } from '../../src/inputs/trust.js';
import { trustEntries } from '../../src/inputs/trust-objects.js';

const configuration = (apiVersion: string, timeoutSeconds?: number): Record<string, unknown> => ({
  apiVersion,
  kind: 'ValidatingWebhookConfiguration',
  metadata: { name: 'demo' },
  webhooks: [
    {
      name: 'check.demo.example.com',
      ...(timeoutSeconds === undefined ? {} : { timeoutSeconds }),
      clientConfig: { service: { name: 'webhook', namespace: 'demo', path: '/check', port: 8443 } },
    },
  ],
});

test.each([
  ['admissionregistration.k8s.io/v1', undefined, 10],
  ['admissionregistration.k8s.io/v1beta1', undefined, 30],
  ['admissionregistration.k8s.io/v1', 3, 3],
])('%s with timeoutSeconds %s: %s s', (apiVersion, given, expected) => {
  const [entry] = trustEntries(configuration(apiVersion, given), 'demo.yaml');
  expect(entry?.timeoutSeconds).toBe(expected);
});

test('each name a webhook dials carries the call the kube-apiserver logs', () => {
  const entries = trustEntries(configuration('admissionregistration.k8s.io/v1', 5), 'demo.yaml');
  const { names } = trustFrom(
    { form: 'trust', source: 'demo.yaml', entries, secrets: [] },
    undefined,
    'ca',
    { findings: [], inputs: [] },
  );
  expect(names.map((name) => [name.host, name.call])).toEqual([
    [
      'webhook.demo.svc',
      {
        webhook: 'check.demo.example.com',
        url: 'https://webhook.demo.svc:8443/check',
        timeoutSeconds: 5,
      },
    ],
  ]);
});
