/** Manifests → items: Secrets, Lists, kubeconfigs; certificates only, never keys or tokens. */
import { stringify } from 'yaml';
import { itemsOf } from '../../src/batch/containers.js';
import { makeCorpus } from '../../bench/generate.js';

const corpus = makeCorpus();
// ECDSA signatures are randomised: make each certificate once.
const PEM0 = corpus.pem(0);
const PEM1 = corpus.pem(1);
const PEM3 = corpus.pem(3);
const b64 = (text: string): string => Buffer.from(text).toString('base64');
const bytes = (text: string): Uint8Array => new Uint8Array(Buffer.from(text));
const KEY = '-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n';

function secret(namespace: string, name: string, data: Record<string, string>): object {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { namespace, name },
    type: 'kubernetes.io/tls',
    data,
  };
}

describe('itemsOf', () => {
  test('kubectl get secrets -A -o json: one item per certificate value, with namespace/name/key', () => {
    const list = {
      apiVersion: 'v1',
      kind: 'List',
      items: [
        secret('kube-system', 'apiserver', { 'tls.crt': b64(PEM0), 'tls.key': b64(KEY) }),
        secret('default', 'token', { 'ca.crt': b64(corpus.caPem), token: b64('eyJhbGciOi') }),
        {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'x' },
          data: { 'a.crt': corpus.caPem },
        },
      ],
    };
    const { items, manifest } = itemsOf(bytes(JSON.stringify(list)), 'secrets.json');
    expect(manifest).toBe(true);
    expect(items.map((item) => item.source)).toEqual([
      {
        kind: 'secret',
        file: 'secrets.json',
        namespace: 'kube-system',
        name: 'apiserver',
        key: 'tls.crt',
      },
      { kind: 'secret', file: 'secrets.json', namespace: 'default', name: 'token', key: 'ca.crt' },
    ]);
    expect(Buffer.from(items[0]?.bytes ?? []).toString()).toBe(PEM0);
  });

  test('a YAML Secret manifest (stringData too) and a kubeconfig', () => {
    const yaml = stringify({ ...secret('ns', 's', {}), stringData: { 'ca.crt': corpus.caPem } });
    expect(itemsOf(bytes(yaml), 's.yaml').items.map((item) => item.source)).toEqual([
      { kind: 'secret', file: 's.yaml', namespace: 'ns', name: 's', key: 'ca.crt' },
    ]);
    const kubeconfig = stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [
        {
          name: 'prod',
          cluster: { server: 'https://x', 'certificate-authority-data': b64(corpus.caPem) },
        },
      ],
      users: [
        {
          name: 'admin',
          user: { 'client-certificate-data': b64(PEM1), 'client-key-data': b64(KEY) },
        },
      ],
    });
    expect(itemsOf(bytes(kubeconfig), 'config').items.map((item) => item.source)).toEqual([
      {
        kind: 'kubeconfig',
        file: 'config',
        entry: 'cluster prod',
        key: 'certificate-authority-data',
      },
      { kind: 'kubeconfig', file: 'config', entry: 'user admin', key: 'client-certificate-data' },
    ]);
  });

  test('PEM and DER files are one item each; other JSON is an error only when named', () => {
    expect(itemsOf(bytes(PEM3), 'a.pem')).toEqual({
      items: [{ source: { kind: 'file', file: 'a.pem' }, bytes: bytes(PEM3) }],
      manifest: false,
    });
    expect(() => itemsOf(bytes('{"kind":"Pod"}'), 'pod.json')).toThrow(
      'pod.json: is JSON of kind "Pod", not a Secret, a List of Secrets or a kubeconfig',
    );
    expect(itemsOf(bytes('{"kind":"Pod"}'), 'pod.json', false).items).toEqual([]);
    expect(() => itemsOf(bytes('{"kind":'), 'broken.json')).toThrow(
      /^broken\.json: is not valid JSON/,
    );
  });
});
