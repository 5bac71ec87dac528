/** Recognising and reading each input form (src/inputs), without the CLI. */
import { readFileSync } from 'node:fs';
import { InputError, UsageError } from '../../src/base/errors.js';
import { parseEndpoint } from '../../src/inputs/endpoint.js';
import { tokenClaims, tokenText } from '../../src/inputs/jwt.js';
import { openBytes } from '../../src/inputs/open.js';
import { readServiceAccountDir } from '../../src/inputs/serviceaccount.js';
import type { InputReader } from '../../src/inputs/types.js';

const bytes = (text: string): Uint8Array => new Uint8Array(Buffer.from(text));
const fixture = (name: string): Uint8Array =>
  new Uint8Array(readFileSync(`fixtures/inputs/${name}`));

describe('openBytes recognises content, not names', () => {
  test.each([
    ['apiserver.crt', 'certificate'],
    ['secret-tls.yaml', 'secret'],
    ['secret-token.json', 'secret'],
    ['secrets-list.yaml', 'secret-list'],
    ['kubeconfig-data.yaml', 'kubeconfig'],
  ])('%s → %s', async (name, form) => {
    expect((await openBytes(fixture(name), 'x', undefined)).form).toBe(form);
  });

  test('a Secret: ca.crt and tls.crt decoded, other keys named only', async () => {
    const opened = await openBytes(fixture('secret-tls.yaml'), 's.yaml', undefined);
    if (opened.form !== 'secret') throw new Error(opened.form);
    const [secret] = opened.secrets;
    expect(secret?.name).toBe('kube-system/apiserver-tls');
    expect(Buffer.from(secret?.ca?.bytes ?? []).toString()).toContain('BEGIN CERTIFICATE');
    expect(secret?.others).toEqual(['tls.key']);
    expect(secret?.tls?.label).toBe('s.yaml: Secret kube-system/apiserver-tls data["tls.crt"]');
  });

  test('stringData values are taken as they are', async () => {
    const pem = readFileSync('fixtures/inputs/root-ca.crt', 'utf8');
    const doc = JSON.stringify({
      kind: 'Secret',
      metadata: { name: 'a' },
      stringData: { 'ca.crt': pem },
    });
    const opened = await openBytes(bytes(doc), 's.json', undefined);
    if (opened.form !== 'secret') throw new Error(opened.form);
    expect(Buffer.from(opened.secrets[0]?.ca?.bytes ?? []).toString()).toBe(pem);
  });

  test('a kubeconfig: context, server, CA, tls-server-name', async () => {
    const opened = await openBytes(
      fixture('kubeconfig-data.yaml'),
      '/home/u/.kube/config',
      'in-cluster-name',
    );
    if (opened.form !== 'kubeconfig') throw new Error(opened.form);
    expect(opened.kubeconfig).toMatchObject({
      context: 'in-cluster-name',
      cluster: 'by-name',
      host: '127.0.0.1',
      port: 6443,
      tlsServerName: 'kubernetes.default',
      insecure: false,
      caFile: null,
    });
    const file = await openBytes(
      fixture('kubeconfig-file.yaml'),
      '/home/u/.kube/config',
      undefined,
    );
    if (file.form !== 'kubeconfig') throw new Error(file.form);
    expect(file.kubeconfig.caFile).toBe('/home/u/.kube/root-ca.crt');
  });

  test('YAML that is none of these, and YAML errors without the offending text', async () => {
    await expect(
      openBytes(bytes('apiVersion: v1\nkind: Pod\n'), 'p.yaml', undefined),
    ).rejects.toThrow(
      new InputError(
        'p.yaml',
        'is a Pod, not a certificate, a Secret, a List of Secrets, a kubeconfig or a trust object (webhook configuration, CRD conversion webhook, APIService, ConfigMap with ca.crt)',
      ),
    );
    try {
      await openBytes(
        bytes('kind: Secret\ndata:\n  token: abc: SECRETVALUE\n'),
        'b.yaml',
        undefined,
      );
      throw new Error('expected an error');
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      expect((error as Error).message).toMatch(
        /^b\.yaml: is not valid YAML \(line 3, column \d+\): /,
      );
      expect((error as Error).message).not.toContain('SECRETVALUE');
    }
  });
});

describe('service-account tokens: only the public claims', () => {
  const part = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  const jwt = `${part({ alg: 'RS256' })}.${part({ iss: 'https://kubernetes.default.svc', sub: 'system:serviceaccount:a:b', exp: 1700000000, secret: 'x' })}.sig`;

  test('iss, sub and exp, nothing else', () => {
    expect(tokenClaims(jwt)).toEqual({
      iss: 'https://kubernetes.default.svc',
      sub: 'system:serviceaccount:a:b',
      exp: 1700000000,
    });
    expect(tokenText(jwt)).toBe(
      'token present (JWT iss=https://kubernetes.default.svc, sub=system:serviceaccount:a:b, exp=2023-11-14T22:13:20.000Z)',
    );
    expect(tokenText('opaque-token-value')).toBe('token present (not a JWT)');
  });
});

describe('readServiceAccountDir', () => {
  const reader = (files: Record<string, string>): InputReader => ({
    read: (path) => Promise.resolve(bytes(files[path] ?? '')),
    pathKind: (path) =>
      Promise.resolve(
        files[path] !== undefined
          ? 'file'
          : Object.keys(files).some((f) => f.startsWith(`${path}/`))
            ? 'directory'
            : 'missing',
      ),
  });

  test('a missing token is InClusterConfig’s open error; the namespace is read', async () => {
    const view = await readServiceAccountDir(
      'sa',
      reader({
        'sa/ca.crt': readFileSync('fixtures/inputs/root-ca.crt', 'utf8'),
        'sa/namespace': 'kube-system\n',
      }),
    );
    expect(view.tokenError).toBe('open sa/token: no such file or directory');
    expect(view.namespace).toBe('kube-system');
    expect(view.ca?.label).toBe('sa/ca.crt');
  });

  test('a directory without any of the files is refused', async () => {
    await expect(readServiceAccountDir('d', reader({ 'd/other': 'x' }))).rejects.toThrow(
      'd: holds none of ca.crt, token, namespace: not a service-account directory',
    );
  });
});

describe('parseEndpoint', () => {
  test.each([
    ['https://10.0.0.1', { host: '10.0.0.1', port: 443, explicit: true }],
    [
      'https://kubernetes.default:6443/api',
      { host: 'kubernetes.default', port: 6443, explicit: true },
    ],
    ['https://[fd00::1]:6443', { host: 'fd00::1', port: 6443, explicit: true }],
    ['[fd00::1]:443', { host: 'fd00::1', port: 443, explicit: true }],
    ['apiserver:6443', { host: 'apiserver', port: 6443, explicit: false }],
    ['apiserver.crt', null],
    ['-', null],
  ])('%s', (text, expected) => {
    expect(parseEndpoint(text)).toEqual(expected);
  });

  test('http:// and bad ports are usage errors', () => {
    expect(() => parseEndpoint('http://x')).toThrow(UsageError);
    expect(() => parseEndpoint('x:70000')).toThrow('x:70000: the port must be 1–65535');
  });
});
