/**
 * Files → batch items, read by src/inputs as `diagnose <file>` reads them: Secrets,
 * Lists, kubeconfigs; certificates only (tls.crt, ca.crt, the cluster CA), never keys,
 * tokens or user credentials; the same error texts.
 */
import { stringify } from 'yaml';
import { makeCorpus } from '../../bench/generate.js';
import { itemsOf } from '../../src/batch/items.js';
import { openBytes } from '../../src/inputs/open.js';

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

/** The error `diagnose <file>` gives for these bytes. */
async function diagnoseError(input: Uint8Array, file: string): Promise<string> {
  try {
    await openBytes(input, file, undefined);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`${file}: diagnose accepts it`);
}

describe('itemsOf', () => {
  test('kubectl get secrets -A -o json: tls.crt and ca.crt of each Secret, never a key or token', async () => {
    const list = {
      apiVersion: 'v1',
      kind: 'List',
      items: [
        secret('kube-system', 'apiserver', { 'tls.crt': b64(PEM0), 'tls.key': b64(KEY) }),
        secret('default', 'token', { 'ca.crt': b64(corpus.caPem), token: b64('eyJhbGciOi') }),
        secret('default', 'other', { 'cert.pem': b64(PEM1) }),
      ],
    };
    const { items, manifest } = await itemsOf(bytes(JSON.stringify(list)), 'secrets.json');
    expect(manifest).toBe(true);
    expect(items.map((item) => [item.source, item.label])).toEqual([
      [
        {
          kind: 'secret',
          file: 'secrets.json',
          namespace: 'kube-system',
          name: 'apiserver',
          key: 'tls.crt',
        },
        'secrets.json: Secret kube-system/apiserver data["tls.crt"]',
      ],
      [
        {
          kind: 'secret',
          file: 'secrets.json',
          namespace: 'default',
          name: 'token',
          key: 'ca.crt',
        },
        'secrets.json: Secret default/token data["ca.crt"]',
      ],
    ]);
    expect(Buffer.from(items[0]?.bytes ?? []).toString()).toBe(PEM0);
    const everything = items.map((item) => Buffer.from(item.bytes).toString()).join('');
    expect(everything).not.toContain('PRIVATE KEY');
    expect(everything).not.toContain('eyJhbGciOi');
  });

  test('a YAML Secret (stringData too, no namespace) and a kubeconfig’s cluster CA', async () => {
    const yaml = stringify({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 's' },
      stringData: { 'ca.crt': corpus.caPem },
    });
    expect((await itemsOf(bytes(yaml), 's.yaml')).items.map((item) => item.source)).toEqual([
      { kind: 'secret', file: 's.yaml', namespace: null, name: 's', key: 'ca.crt' },
    ]);
    const kubeconfig = stringify({
      apiVersion: 'v1',
      kind: 'Config',
      'current-context': 'prod',
      contexts: [{ name: 'prod', context: { cluster: 'prod', user: 'admin' } }],
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
    const { items } = await itemsOf(bytes(kubeconfig), 'config');
    expect(items.map((item) => [item.source, item.label])).toEqual([
      [
        {
          kind: 'kubeconfig',
          file: 'config',
          entry: 'cluster prod',
          key: 'certificate-authority-data',
        },
        'config: cluster "prod" certificate-authority-data',
      ],
    ]);
    expect(Buffer.from(items[0]?.bytes ?? []).toString()).toBe(corpus.caPem);
  });

  test('PEM and DER files are one item each', async () => {
    expect(await itemsOf(bytes(PEM3), 'a.pem')).toEqual({
      items: [{ source: { kind: 'file', file: 'a.pem' }, bytes: bytes(PEM3) }],
      manifest: false,
    });
  });

  test('problems are worded as diagnose words them; another kind of manifest only when named', async () => {
    const pod = bytes('{"kind":"Pod","apiVersion":"v1"}');
    await expect(itemsOf(pod, 'pod.json')).rejects.toThrow(await diagnoseError(pod, 'pod.json'));
    expect(await diagnoseError(pod, 'pod.json')).toBe(
      'pod.json: is a Pod, not a certificate, a Secret, a List of Secrets, a kubeconfig or a trust object (webhook configuration, CRD conversion webhook, APIService, ConfigMap with ca.crt)',
    );
    expect(await itemsOf(pod, 'pod.json', false)).toEqual({ items: [], manifest: true });

    const broken = bytes('{"kind": "Secret", "data": {');
    await expect(itemsOf(broken, 'broken.json', false)).rejects.toThrow(
      await diagnoseError(broken, 'broken.json'),
    );
    const badBase64 = bytes(JSON.stringify(secret('ns', 'x', { 'tls.crt': 'not base64!' })));
    await expect(itemsOf(badBase64, 'x.json')).rejects.toThrow(
      await diagnoseError(badBase64, 'x.json'),
    );
  });
});
