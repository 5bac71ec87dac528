/**
 * Writes fixtures/inputs/: the same certificates in every form a cluster hands out —
 * PEM files, Secrets (yaml, json, a List), kubeconfigs, service-account directories —
 * plus broken ones, so tests can demand that every form gives the report the PEM files give.
 *   npm run fixtures -- --inputs-only
 * Keys are throwaway test keys, kept so the live tests can serve the certificates. The token
 * is a made-up unsigned JWT: the tests check that it never reaches any output.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildCertificate,
  generateKeyPair,
  type CertificateSpec,
  type KeyPair,
} from '../../src/generate/certificate.js';

export const INPUTS_DIR = 'fixtures/inputs';
const NOT_BEFORE = new Date('2015-01-01T00:00:00Z');
const NOT_AFTER = new Date('2045-01-01T00:00:00Z');
/** A recognisable fake secret: tests scan every output for it. */
export const FAKE_TOKEN_SIGNATURE = 'c2VjcmV0LXNpZ25hdHVyZS1uZXZlci1wcmludGVk';

const ca = (subject: string, serialHex: string): CertificateSpec => ({
  subject,
  serialHex,
  notBefore: NOT_BEFORE,
  notAfter: NOT_AFTER,
  basicConstraints: { ca: true },
  keyUsage: ['keyCertSign', 'cRLSign', 'digitalSignature'],
  keyIds: true,
});

const serving = (
  subject: string,
  issuer: string,
  serialHex: string,
  names: string[],
): CertificateSpec => ({
  subject,
  issuer,
  serialHex,
  notBefore: NOT_BEFORE,
  notAfter: NOT_AFTER,
  basicConstraints: { ca: false },
  keyUsage: ['digitalSignature', 'keyEncipherment'],
  extKeyUsage: ['serverAuth'],
  keyIds: true,
  san: names.map((name) => (/^[\d.]+$|:/.test(name) ? { ip: name } : { dns: name })),
});

const APISERVER_NAMES = [
  'kubernetes',
  'kubernetes.default',
  'kubernetes.default.svc',
  'kubernetes.default.svc.cluster.local',
  'localhost',
  '10.0.0.1',
  '127.0.0.1',
];

async function pem(spec: CertificateSpec, key: KeyPair, signer?: KeyPair): Promise<string> {
  return `${(await buildCertificate(spec, key, signer)).toString('pem')}\n`;
}

async function keyPem(key: KeyPair): Promise<string> {
  const der = Buffer.from(await crypto.subtle.exportKey('pkcs8', key.privateKey)).toString(
    'base64',
  );
  return `-----BEGIN PRIVATE KEY-----\n${der.replace(/(.{64})/g, '$1\n').replace(/\n$/, '')}\n-----END PRIVATE KEY-----\n`;
}

const b64 = (text: string): string => Buffer.from(text).toString('base64');

function fakeJwt(): string {
  const part = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256', kid: '' })}.${part({
    iss: 'kubernetes/serviceaccount',
    sub: 'system:serviceaccount:kube-system:heapster',
    'kubernetes.io/serviceaccount/namespace': 'kube-system',
  })}.${FAKE_TOKEN_SIGNATURE}`;
}

export async function writeInputFixtures(dir = INPUTS_DIR): Promise<void> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const write = (name: string, content: string): void => {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), content);
  };

  const rootKey = await generateKeyPair();
  const intermediateKey = await generateKeyPair();
  const leafKey = await generateKeyPair();
  const otherKey = await generateKeyPair();
  const root = await pem(ca('CN=cluster-root-ca', '10'), rootKey);
  const intermediate = await pem(
    { ...ca('CN=cluster-intermediate-ca', '11'), issuer: 'CN=cluster-root-ca' },
    intermediateKey,
    rootKey,
  );
  const leaf = await pem(
    serving('CN=kube-apiserver', 'CN=cluster-intermediate-ca', '12', APISERVER_NAMES),
    leafKey,
    intermediateKey,
  );
  // Served for one SNI name only, to show SNI-dependent answers.
  const other = await pem(
    serving('CN=other-apiserver', 'CN=cluster-intermediate-ca', '13', ['other.example']),
    otherKey,
    intermediateKey,
  );
  const stale = await pem(ca('CN=cluster-root-ca', '14'), await generateKeyPair());
  const chain = leaf + intermediate;

  write('root-ca.crt', root);
  write('intermediate-ca.crt', intermediate);
  write('apiserver.crt', leaf);
  write('apiserver-chain.crt', chain);
  write('other.crt', other);
  write('other.key', await keyPem(otherKey));
  write('stale-root-ca.crt', stale);
  write('intermediate-ca.key', await keyPem(intermediateKey));

  const token = fakeJwt();
  const leafKeyPem = await keyPem(leafKey);
  write('apiserver.key', leafKeyPem);
  const tlsSecret = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'apiserver-tls', namespace: 'kube-system' },
    type: 'kubernetes.io/tls',
    data: { 'ca.crt': b64(root), 'tls.crt': b64(chain), 'tls.key': b64(leafKeyPem) },
  };
  const tokenSecret = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'heapster-token-x7k2p', namespace: 'kube-system' },
    type: 'kubernetes.io/service-account-token',
    data: { 'ca.crt': b64(root), namespace: b64('kube-system'), token: b64(token) },
  };
  const staleSecret = {
    ...tokenSecret,
    metadata: { name: 'default-token-old', namespace: 'default' },
    data: { ...tokenSecret.data, 'ca.crt': b64(stale) },
  };
  write('secret-tls.yaml', yaml(tlsSecret));
  write('secret-tls.json', `${JSON.stringify(tlsSecret, null, 4)}\n`);
  write('secret-token.yaml', yaml(tokenSecret));
  write('secret-token.json', `${JSON.stringify(tokenSecret, null, 4)}\n`);
  write(
    'secrets-list.yaml',
    yaml({
      apiVersion: 'v1',
      kind: 'List',
      items: [tokenSecret, tlsSecret],
      metadata: { resourceVersion: '' },
    }),
  );
  write(
    'secrets-list-stale.yaml',
    yaml({
      apiVersion: 'v1',
      kind: 'List',
      items: [tokenSecret, staleSecret],
      metadata: { resourceVersion: '' },
    }),
  );
  write(
    'broken/secret-bad-base64.yaml',
    yaml({ ...tokenSecret, data: { ...tokenSecret.data, 'ca.crt': 'not*base64!' } }),
  );
  write(
    'broken/secret-no-ca.yaml',
    yaml({ ...tokenSecret, data: { namespace: b64('kube-system'), token: b64(token) } }),
  );
  write(
    'broken/secret-syntax.yaml',
    `apiVersion: v1\nkind: Secret\ndata:\n  token: ${b64(token)}\n   ca.crt: : x\n`,
  );

  const cluster = (extra: Record<string, unknown>): Record<string, unknown> => ({
    apiVersion: 'v1',
    kind: 'Config',
    'current-context': 'prod',
    clusters: [{ name: 'prod', cluster: { server: 'https://127.0.0.1:6443', ...extra } }],
    contexts: [
      { name: 'prod', context: { cluster: 'prod', user: 'admin' } },
      { name: 'in-cluster-name', context: { cluster: 'by-name', user: 'admin' } },
    ],
    users: [{ name: 'admin', user: { token: token } }],
  });
  const withByName = (config: Record<string, unknown>): Record<string, unknown> => ({
    ...config,
    clusters: [
      ...(config['clusters'] as unknown[]),
      {
        name: 'by-name',
        cluster: {
          server: 'https://127.0.0.1:6443',
          'tls-server-name': 'kubernetes.default',
          'certificate-authority-data': b64(root),
        },
      },
    ],
  });
  write(
    'kubeconfig-data.yaml',
    yaml(withByName(cluster({ 'certificate-authority-data': b64(root) }))),
  );
  write('kubeconfig-file.yaml', yaml(cluster({ 'certificate-authority': 'root-ca.crt' })));
  write(
    'kubeconfig-insecure.yaml',
    yaml(cluster({ 'insecure-skip-tls-verify': true, 'certificate-authority-data': b64(root) })),
  );
  write('kubeconfig-no-ca.yaml', yaml(cluster({})));
  // A password in the server URL: never shown (src/base/url.ts).
  write(
    'kubeconfig-userinfo.yaml',
    yaml(cluster({ server: 'https://admin:S3cret-userinfo@127.0.0.1:6443' })),
  );
  write(
    'broken/kubeconfig-bad-base64.yaml',
    yaml(cluster({ 'certificate-authority-data': 'LS0tLS1CRUdJTi*' })),
  );
  write(
    'broken/kubeconfig-missing-ca-file.yaml',
    yaml(cluster({ 'certificate-authority': 'nope/ca.crt' })),
  );
  write(
    'broken/kubeconfig-syntax.yaml',
    'apiVersion: v1\nkind: Config\nclusters:\n- name: prod\n  cluster: {server: https://x\n',
  );

  write('serviceaccount/ca.crt', root);
  write('serviceaccount/token', token);
  write('serviceaccount/namespace', 'kube-system');
  write('serviceaccount-no-ca/token', token);
  write('serviceaccount-no-ca/namespace', 'kube-system');
  write('serviceaccount-der-ca/ca.crt', '');
  writeFileSync(
    join(dir, 'serviceaccount-der-ca/ca.crt'),
    Buffer.from(root.replace(/-----[^-]+-----|\s/g, ''), 'base64'),
  );
  write('serviceaccount-der-ca/token', token);
  console.log(`wrote ${dir}`);
}

/** Block YAML as kubectl prints it, for the plain values these fixtures hold. */
export function yaml(value: unknown, indent = ''): string {
  if (Array.isArray(value)) {
    return value
      .map((item) => {
        const body = yaml(item, `${indent}  `).replace(/^\s+/, '');
        return `${indent}- ${body}`;
      })
      .join('');
  }
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value as Record<string, unknown>)
      .map(([key, item]) => {
        if (typeof item === 'object' && item !== null) {
          const empty = Array.isArray(item) ? item.length === 0 : Object.keys(item).length === 0;
          if (empty) return `${indent}${key}: ${Array.isArray(item) ? '[]' : '{}'}\n`;
          return `${indent}${key}:\n${yaml(item, Array.isArray(item) ? indent : `${indent}  `)}`;
        }
        return `${indent}${key}: ${scalar(item)}\n`;
      })
      .join('');
  }
  return `${scalar(value)}\n`;
}

function scalar(value: unknown): string {
  if (typeof value === 'string')
    return /^[\w./:@-]+$/.test(value) && !/^(true|false|null|\d+)$/.test(value)
      ? value
      : JSON.stringify(value);
  return String(value);
}
