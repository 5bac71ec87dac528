/**
 * One fixture per root cause of "Heapster cannot verify the apiserver" (docs/causes.md):
 * fixtures/<cause>/ with the served certificate (apiserver.crt, chain after the leaf), its
 * throwaway key (apiserver.key, so the Node oracle can serve it), the pods' ca.crt where the
 * cause needs one, scenario.json (the command lines and the reason codes they must find)
 * and README.md. Called by scripts/fixtures.ts; keys are fresh on every regeneration, so
 * only `npm run fixtures -- --regenerate` rewrites existing fixtures.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { X509Certificate } from '@peculiar/x509';
import {
  buildCertificate,
  generateKeyPair,
  type CertificateSpec,
  type KeyPair,
  type SanEntry,
} from '../src/generate/certificate.js';
import { generateApiserver, type GenerateOptions } from '../src/generate/apiserver.js';
import { clientFlags, keyPem, pem } from './fixture-files.js';

export interface ScenarioRun {
  /** The command line, from the repository root. */
  readonly args: readonly string[];
  readonly exit: 0 | 1 | 4;
  /** The component the report must name, when the case is about one. */
  readonly component?: string;
  /** The client that must decide the verdict. */
  readonly client?: string;
  /** Words every error (or the named finding's) fix must contain: the knob to turn. */
  readonly fix?: { readonly code: string; readonly includes: string };
  /** Finding codes of severity error: exactly these. */
  readonly errors: readonly string[];
  /** Further finding codes that must be present. */
  readonly findings: readonly string[];
}

export interface Scenario {
  /** The cause's number in docs/causes.md. */
  readonly cause: number;
  readonly title: string;
  readonly runs: readonly ScenarioRun[];
}

interface Files {
  /** The served chain: leaf first. */
  readonly served: readonly X509Certificate[];
  readonly key: KeyPair;
  readonly ca?: readonly X509Certificate[];
  readonly extra?: Readonly<Record<string, readonly X509Certificate[]>>;
  /** Further files as text (a kubeconfig). */
  readonly text?: Readonly<Record<string, string>>;
}

interface Recipe {
  readonly name: string;
  readonly scenario: (dir: string) => Scenario;
  readonly readme: string;
  readonly build: () => Promise<Files>;
}

const STORY = '2015-11-04T12:00:00Z';
const WIDE = {
  notBefore: new Date('2015-01-01T00:00:00Z'),
  notAfter: new Date('2045-01-01T00:00:00Z'),
};
const IN_CLUSTER_NAMES = ['kubernetes.default.svc', 'kubernetes.default', 'kubernetes'];

async function kube(
  options: Omit<GenerateOptions, 'generatedAt'> & { at: string },
): Promise<Files> {
  const made = await generateApiserver({ ...options, generatedAt: new Date(options.at) });
  return { served: [made.serving, ...(made.ca ? [made.ca] : [])], key: made.servingKey };
}

async function ca(
  subject: string,
  key?: KeyPair,
): Promise<{ cert: X509Certificate; key: KeyPair }> {
  const caKey = key ?? (await generateKeyPair());
  const cert = await buildCertificate(
    {
      subject,
      serialHex: '01',
      ...WIDE,
      basicConstraints: { ca: true },
      keyUsage: ['keyCertSign', 'cRLSign', 'digitalSignature'],
      keyIds: true,
    },
    caKey,
  );
  return { cert, key: caKey };
}

async function leaf(
  spec: Partial<CertificateSpec> & { subject: string },
  issuer: { cert: X509Certificate; key: KeyPair },
): Promise<{ cert: X509Certificate; key: KeyPair }> {
  const key = await generateKeyPair();
  const cert = await buildCertificate(
    {
      serialHex: '1001',
      ...WIDE,
      issuer: issuer.cert.subject,
      basicConstraints: { ca: false },
      keyUsage: ['digitalSignature', 'keyEncipherment'],
      extKeyUsage: ['serverAuth'],
      ...spec,
    },
    key,
    issuer.key,
  );
  return { cert, key };
}

const apiserverSans = (extra: { dns?: string[]; ip?: string[] } = {}): readonly SanEntry[] => [
  ...[...(extra.dns ?? []), ...IN_CLUSTER_NAMES].map((dns) => ({ dns })),
  ...['10.0.0.1', ...(extra.ip ?? [])].map((ip) => ({ ip })),
];

/** A leaf its CA signed: the leaf served alone, its key, and the CA as the clients' ca.crt. */
function servedBy(
  root: { cert: X509Certificate },
  served: { cert: X509Certificate; key: KeyPair },
): Files {
  return { served: [served.cert], key: served.key, ca: [root.cert] };
}

/** A serving certificate signed by a fresh cluster CA, which the pods' ca.crt holds. */
async function servedByClusterCa(
  spec: Partial<CertificateSpec> & { subject: string },
): Promise<Files> {
  const root = await ca('CN=cluster-ca');
  const served = await leaf(spec, root);
  return servedBy(root, served);
}

const f = (dir: string, file: string): string => `${dir}/${file}`;

/** The fixture's served chain checked against its ca.crt, as the pods hold it. */
const servedWithCaCrt = (dir: string): string[] => [
  f(dir, 'apiserver.crt'),
  '--ca',
  f(dir, 'ca.crt'),
];

export const RECIPES: readonly Recipe[] = [
  {
    name: 'wrong-root-ca',
    readme:
      'The apiserver was started without `--tls-cert-file`, so it signed its own certificate (Kubernetes v1.1, row D), while the controller-manager hands the pods a separate CA (`--root-ca-file=ca.crt`). That CA never signed what the apiserver serves (kubernetes-retired/heapster#435).',
    scenario: (dir) => ({
      cause: 3,
      title: '--root-ca-file is not the issuer of the served certificate',
      runs: [
        {
          args: [
            ...servedWithCaCrt(dir),
            ...clientFlags('go', 'heapster', 'openssl', 'node'),
            '--at',
            STORY,
          ],
          exit: 1,
          errors: ['unknown-authority'],
          findings: ['self-signed-untrusted', 'kube-generated-cn'],
        },
      ],
    }),
    build: async () => {
      const served = await kube({
        row: 'D',
        host: '192.168.3.1',
        serviceIp: '10.0.0.1',
        at: '2015-11-04T04:45:45Z',
      });
      return { ...served, ca: [(await ca('CN=kubernetes-ca')).cert] };
    },
  },
  {
    name: 'same-subject-ca',
    readme:
      'The cluster CA was regenerated with the same name and a new key. The pods still hold the old `ca.crt`: the issuer name matches, the signature does not (kubernetes/dns#244).',
    scenario: (dir) => ({
      cause: 5,
      title: 'A CA with the same subject but a different key',
      runs: [
        {
          args: [...servedWithCaCrt(dir), ...clientFlags('go', 'openssl', 'node'), '--at', STORY],
          exit: 1,
          errors: ['unknown-authority'],
          findings: ['signature-invalid'],
        },
      ],
    }),
    build: async () => {
      const current = await ca('CN=cluster-ca');
      const old = await ca('CN=cluster-ca');
      const served = await leaf({ subject: 'CN=kube-apiserver', san: apiserverSans() }, current);
      return { served: [served.cert], key: served.key, ca: [old.cert] };
    },
  },
  {
    name: 'self-signed-not-ca',
    readme:
      "A Kubernetes v1.0.x apiserver signed its own certificate with CA:FALSE and no keyCertSign (row C). The pods' `ca.crt` is a byte-for-byte copy, yet Heapster up to v1.3 (Go 1.4–1.7) refuses it: the anchor may not sign. Go 1.8+ (Heapster v1.4+) accepts it; Kubernetes v1.1 made the certificate a CA (kubernetes/kubernetes#11285).",
    scenario: (dir) => ({
      cause: 6,
      title: 'Self-signed non-CA apiserver certificate with Heapster ≤ v1.3',
      runs: [
        {
          args: [
            f(dir, 'apiserver.crt'),
            '--ca',
            f(dir, 'apiserver.crt'),
            '--heapster-version',
            'v0.18',
            ...clientFlags('heapster', 'go'),
            '--name',
            'kubernetes.default',
            '--name',
            '10.0.0.1',
            '--at',
            STORY,
          ],
          exit: 1,
          errors: ['self-signed-not-ca'],
          findings: ['kube-generated-cn'],
        },
        {
          args: [
            f(dir, 'apiserver.crt'),
            '--ca',
            f(dir, 'apiserver.crt'),
            '--heapster-version',
            'v1.4',
            '--name',
            'kubernetes.default',
            '--name',
            '10.0.0.1',
            '--at',
            STORY,
          ],
          exit: 0,
          errors: [],
          findings: ['kube-generated-cn'],
        },
      ],
    }),
    build: () =>
      kube({ row: 'C', host: '10.10.56.65', serviceIp: '10.0.0.1', at: '2015-11-04T04:45:45Z' }),
  },
  {
    name: 'ha-masters',
    readme:
      "Three masters, each signing its own certificate, behind the `kubernetes` Service. `ca.crt` holds master A's certificate, so a pod succeeds or fails depending on which endpoint answers (kubernetes/kubernetes#24604). apiserver.crt is master B's; master-a.crt is master A's.",
    scenario: (dir) => ({
      cause: 7,
      title: 'HA masters with their own self-signed certificates',
      runs: [
        {
          args: [...servedWithCaCrt(dir), ...clientFlags('go', 'openssl', 'node'), '--at', STORY],
          exit: 1,
          errors: ['unknown-authority'],
          findings: ['kube-generated-cn'],
        },
        {
          args: [
            f(dir, 'master-a.crt'),
            '--ca',
            f(dir, 'ca.crt'),
            ...clientFlags('go'),
            '--at',
            STORY,
          ],
          exit: 0,
          errors: [],
          findings: ['kube-generated-cn'],
        },
      ],
    }),
    build: async () => {
      const a = await kube({
        row: 'D',
        host: '10.240.0.11',
        serviceIp: '10.0.0.1',
        at: '2015-11-04T04:45:45Z',
      });
      const b = await kube({
        row: 'D',
        host: '10.240.0.12',
        serviceIp: '10.0.0.1',
        at: '2015-11-04T04:46:02Z',
      });
      return { ...b, ca: a.served, extra: { 'master-a.crt': a.served } };
    },
  },
  {
    name: 'controller-manager-ca-flip',
    readme:
      "Two controller-managers with different `--root-ca-file` keep rewriting `ca.crt` in the token secrets (kubernetes/kubernetes#35849). The apiserver's certificate is signed by CA A (ca-a.crt); the secret currently holds CA B (ca.crt), so newly started pods fail until the other controller-manager flips it back.",
    scenario: (dir) => ({
      cause: 8,
      title: 'Controller-managers with different --root-ca-file',
      runs: [
        {
          args: [...servedWithCaCrt(dir), ...clientFlags('go', 'openssl', 'node'), '--at', STORY],
          exit: 1,
          errors: ['unknown-authority'],
          findings: [],
        },
        {
          args: [
            f(dir, 'apiserver.crt'),
            '--ca',
            f(dir, 'ca-a.crt'),
            ...clientFlags('go'),
            '--at',
            STORY,
          ],
          exit: 0,
          errors: [],
          findings: [],
        },
      ],
    }),
    build: async () => {
      const a = await ca('CN=cluster-ca-a');
      const b = await ca('CN=cluster-ca-b');
      const served = await leaf({ subject: 'CN=kube-apiserver', san: apiserverSans() }, a);
      return {
        served: [served.cert],
        key: served.key,
        ca: [b.cert],
        extra: { 'ca-a.crt': [a.cert] },
      };
    },
  },
  {
    name: 'missing-service-ip-san',
    readme:
      'A Kubernetes v0.x apiserver (row A) signed its certificate for its host name only. In-cluster clients dial the kubernetes Service IP (KUBERNETES_SERVICE_HOST), which is not an IP SAN — there are none (kubernetes/kubernetes#12186). Go checks the name before the chain, so Heapster v0.16 (Go 1.4) prints the IP SAN error, although its certificate (CA:FALSE, trusted as itself) would fail trust as well.',
    scenario: (dir) => ({
      cause: 9,
      title: 'No IP SAN for the Service IP',
      runs: [
        {
          args: [
            f(dir, 'apiserver.crt'),
            '--name',
            'https://10.0.0.1:443',
            '--heapster-version',
            'v0.16',
            ...clientFlags('heapster', 'go', 'openssl', 'node'),
            '--at',
            STORY,
          ],
          exit: 1,
          errors: ['no-ip-sans', 'self-signed-not-ca'],
          findings: ['kube-generated-cn'],
        },
      ],
    }),
    build: () =>
      kube({ row: 'A', host: 'kube-master', serviceIp: '10.0.0.1', at: '2015-06-10T08:00:00Z' }),
  },
  {
    name: 'ip-as-dns-san',
    readme:
      'A hand-made certificate lists the Service IP as `DNS:10.0.0.1` instead of `IP:10.0.0.1`. No client matches an IP against DNS SANs.',
    scenario: (dir) => ({
      cause: 9,
      title: 'The Service IP written as a DNS SAN',
      runs: [
        {
          args: [
            ...servedWithCaCrt(dir),
            '--name',
            '10.0.0.1',
            ...clientFlags('go', 'openssl', 'node'),
            '--at',
            STORY,
          ],
          exit: 1,
          errors: ['no-ip-sans'],
          findings: ['ip-in-dns-san'],
        },
      ],
    }),
    build: () =>
      servedByClusterCa({
        subject: 'CN=kube-apiserver',
        san: [...IN_CLUSTER_NAMES, '10.0.0.1'].map((dns) => ({ dns })),
      }),
  },
  {
    name: 'service-ip-changed',
    readme:
      "--service-cluster-ip-range was changed to 10.100.0.0/16 after the `kubernetes` Service had been created with 10.0.0.1. The apiserver's self-signed certificate now names 10.100.0.1, but the Service (and every pod's KUBERNETES_SERVICE_HOST) keeps 10.0.0.1: the apiserver never changes an existing Service's ClusterIP.",
    scenario: (dir) => ({
      cause: 10,
      title: 'Service IP changed after the kubernetes Service was created',
      runs: [
        {
          args: [
            f(dir, 'apiserver.crt'),
            '--service-ip',
            '10.0.0.1',
            ...clientFlags('go', 'openssl', 'node'),
            '--at',
            '2026-09-02T00:00:00Z',
          ],
          exit: 1,
          errors: ['ip-not-in-sans'],
          findings: ['kube-generated-cn'],
        },
      ],
    }),
    build: () =>
      kube({
        row: 'H',
        host: '192.168.10.5',
        serviceIp: '10.100.0.1',
        at: '2026-09-01T00:00:00Z',
        goKeyIds: true,
      }),
  },
  {
    name: 'dns-name-missing',
    readme:
      "The apiserver certificate was made for the master's own name (master4.example.com). Heapster v0.19+ dials https://kubernetes.default, which it does not cover (kubernetes-retired/heapster#571, kubernetes/kubernetes#64594).",
    scenario: (dir) => ({
      cause: 11,
      title: "DNS SAN missing for the name in Heapster's URL",
      runs: [
        {
          args: [
            ...servedWithCaCrt(dir),
            '--name',
            'https://kubernetes.default',
            ...clientFlags('heapster', 'go', 'openssl', 'node'),
            '--at',
            STORY,
          ],
          exit: 1,
          errors: ['name-not-in-sans'],
          findings: [],
        },
      ],
    }),
    build: () =>
      servedByClusterCa({
        subject: 'CN=master4.example.com',
        san: [{ dns: 'master4.example.com' }, { ip: '10.0.0.1' }],
      }),
  },
  {
    name: 'row-a-ip-host',
    readme:
      'A Kubernetes v0.x apiserver (row A) whose public address is an IP: its certificate has one IP SAN and no DNS SANs. Old Go (Heapster) then compares kubernetes.default with the CN `10.240.0.5@…`, which can never match; Go 1.10+ says the certificate is not valid for any names.',
    scenario: (dir) => ({
      cause: 11,
      title: 'No DNS SANs at all: the CN host@time is compared',
      runs: [
        {
          args: [
            f(dir, 'apiserver.crt'),
            '--name',
            'kubernetes.default',
            '--heapster-version',
            'v0.19',
            ...clientFlags('heapster', 'go'),
            '--at',
            STORY,
          ],
          exit: 1,
          errors: ['cn-mismatch', 'self-signed-not-ca'],
          findings: ['no-names', 'kube-generated-cn'],
        },
      ],
    }),
    build: () =>
      kube({ row: 'A', host: '10.240.0.5', serviceIp: '10.0.0.1', at: '2015-06-10T08:00:00Z' }),
  },
  {
    name: 'cn-only',
    readme:
      'A hand-made certificate with the name only in the Common Name and no subjectAltName extension. Heapster (Go ≤ 1.9) still accepts it for DNS names; Go 1.15+ (client-go, kubectl) refuses it, and no client accepts it for an IP.',
    scenario: (dir) => ({
      cause: 12,
      title: 'The certificate relies on the Common Name only',
      runs: [
        {
          args: [
            ...servedWithCaCrt(dir),
            '--name',
            'kubernetes.default',
            ...clientFlags('go', 'heapster', 'openssl', 'node'),
            '--at',
            STORY,
          ],
          exit: 1,
          errors: ['legacy-common-name'],
          findings: ['no-san-extension'],
        },
      ],
    }),
    build: () => servedByClusterCa({ subject: 'CN=kubernetes.default' }),
  },
  {
    name: 'wildcard-go-rejects',
    readme:
      'The certificate covers the service names with a partial wildcard, `kube*.default.svc`. OpenSSL and Node accept partial wildcards; Go never did (only a whole left-most `*` label), so Go clients fail where `openssl s_client` and Node succeed.',
    scenario: (dir) => ({
      cause: 13,
      title: 'A wildcard SAN that Go rejects',
      runs: [
        {
          args: [
            ...servedWithCaCrt(dir),
            '--name',
            'kubernetes.default.svc',
            ...clientFlags('go', 'heapster', 'openssl', 'node'),
            '--at',
            STORY,
          ],
          exit: 1,
          errors: ['name-not-in-sans'],
          findings: [],
        },
      ],
    }),
    build: () =>
      servedByClusterCa({
        subject: 'CN=kube-apiserver',
        san: [{ dns: 'kube*.default.svc' }, { ip: '10.0.0.1' }],
      }),
  },
  {
    name: 'expired',
    readme:
      'A Kubernetes 1.3 apiserver generated its certificate once (since 1.3 it keeps existing files) and ran for more than a year. Self-signed certificates live exactly 365 days.',
    scenario: (dir) => ({
      cause: 14,
      title: 'Expired certificate',
      runs: [
        {
          args: [
            f(dir, 'apiserver.crt'),
            '--heapster-version',
            'v1.2',
            ...clientFlags('heapster', 'go', 'openssl', 'node'),
            '--at',
            '2017-08-01T00:00:00Z',
          ],
          exit: 1,
          errors: ['expired'],
          findings: ['kube-generated-cn'],
        },
      ],
    }),
    build: () =>
      kube({ row: 'D', host: '10.240.0.5', serviceIp: '10.0.0.1', at: '2016-07-15T09:00:00Z' }),
  },
  {
    name: 'not-yet-valid',
    readme:
      "A Kubernetes 1.8 apiserver restarted and generated a certificate valid from that second (no back-dating before 1.12). A node whose clock is two minutes behind the master's rejects it until its clock catches up.",
    scenario: (dir) => ({
      cause: 15,
      title: 'Not yet valid: clock skew right after a restart',
      runs: [
        {
          args: [
            f(dir, 'apiserver.crt'),
            '--heapster-version',
            'v1.5',
            ...clientFlags('heapster', 'go', 'openssl', 'node'),
            '--at',
            '2017-10-01T11:58:00Z',
          ],
          exit: 1,
          errors: ['not-yet-valid'],
          findings: ['kube-generated-cn'],
        },
      ],
    }),
    build: () =>
      kube({ row: 'E', host: '10.240.0.5', serviceIp: '10.0.0.1', at: '2017-10-01T12:00:00Z' }),
  },
  {
    name: 'kubelet-https',
    readme:
      "Heapster with `kubeletHttps=true` dials each node's kubelet on port 10250 by IP, with the apiserver's CA. The kubelet signed its own certificate for its host name only (no IP SAN), and not with that CA (kubernetes-retired/heapster#663).",
    scenario: (dir) => ({
      cause: 17,
      title: 'Kubelet HTTPS instead of the apiserver',
      runs: [
        {
          args: [
            ...servedWithCaCrt(dir),
            '--name',
            'https://10.240.0.21:10250',
            '--heapster-version',
            'v1.0',
            ...clientFlags('heapster', 'go', 'openssl', 'node'),
            '--at',
            STORY,
          ],
          exit: 1,
          errors: ['no-ip-sans', 'unknown-authority'],
          findings: ['kube-generated-cn'],
        },
      ],
    }),
    build: async () => {
      const apiserver = await kube({
        row: 'D',
        host: '10.240.0.2',
        serviceIp: '10.0.0.1',
        at: '2015-11-04T04:45:45Z',
      });
      // The kubelet called the same generator with no alternate names (cmd/kubelet/app/server.go).
      const key = await generateKeyPair();
      const kubelet = await buildCertificate(
        {
          subject: 'CN=node-1@1446612400',
          serialHex: '01',
          notBefore: new Date(1446612400 * 1000),
          notAfter: new Date(1446612400 * 1000 + 365 * 24 * 3600 * 1000),
          san: [{ dns: 'node-1' }],
          basicConstraints: { ca: true },
          keyUsage: ['keyEncipherment', 'digitalSignature', 'keyCertSign'],
          extKeyUsage: ['serverAuth'],
        },
        key,
      );
      return { served: [kubelet], key, ca: apiserver.served };
    },
  },
  {
    name: 'eku-client-only',
    readme:
      'A client certificate (extendedKeyUsage clientAuth only) was installed as the apiserver serving certificate. Every client requires serverAuth when EKUs are listed.',
    scenario: (dir) => ({
      cause: 18,
      title: 'Incompatible extended key usage',
      runs: [
        {
          args: [
            ...servedWithCaCrt(dir),
            ...clientFlags('go', 'heapster', 'openssl', 'node'),
            '--at',
            STORY,
          ],
          exit: 1,
          errors: ['eku-incompatible'],
          findings: [],
        },
      ],
    }),
    build: () =>
      servedByClusterCa({
        subject: 'CN=kube-apiserver',
        san: apiserverSans(),
        extKeyUsage: ['clientAuth'],
      }),
  },
  {
    name: 'intermediate-not-ca',
    readme:
      'The serving certificate was signed by an ordinary certificate (CA:FALSE) that was itself issued by the cluster CA. The apiserver sends both; the middle one may not sign.',
    scenario: (dir) => ({
      cause: 18,
      title: 'A non-CA intermediate in a custom chain',
      runs: [
        {
          args: [
            ...servedWithCaCrt(dir),
            ...clientFlags('go', 'heapster', 'openssl', 'node'),
            '--at',
            STORY,
          ],
          exit: 1,
          // Go words a non-CA parent as the hint of an unknown authority; OpenSSL and Node
          // name it (invalid CA).
          errors: ['unknown-authority'],
          findings: ['intermediate-not-ca'],
        },
      ],
    }),
    build: async () => {
      const root = await ca('CN=cluster-ca');
      const middle = await leaf(
        {
          subject: 'CN=apiserver-signer',
          serialHex: '2001',
          keyIds: true,
          keyUsage: ['digitalSignature', 'keyCertSign'],
        },
        root,
      );
      const served = await leaf({ subject: 'CN=kube-apiserver', san: apiserverSans() }, middle);
      return { served: [served.cert, middle.cert], key: served.key, ca: [root.cert] };
    },
  },
  {
    name: 'sha1-signature',
    readme:
      'The serving certificate is signed with SHA-1 (an old CA script). Heapster (Go ≤ 1.9) accepts it; Go 1.18+ rejects SHA-1 signatures, and OpenSSL 3.0 at security level 1 refuses them during a TLS handshake (Node), though `openssl verify` alone does not.',
    scenario: (dir) => ({
      cause: 19,
      title: 'SHA-1 signature on the serving certificate',
      runs: [
        {
          args: [
            ...servedWithCaCrt(dir),
            ...clientFlags('go', 'heapster', 'openssl', 'node'),
            '--at',
            STORY,
          ],
          exit: 1,
          errors: ['unknown-authority'],
          findings: ['weak-signature-digest'],
        },
      ],
    }),
    build: () =>
      servedByClusterCa({ subject: 'CN=kube-apiserver', san: apiserverSans(), hash: 'SHA-1' }),
  },
];

// Today's clusters (issue: know the component, its era and the cluster).
const TODAY = '2024-06-01T00:00:00Z';
const YEAR = 365 * 24 * 3600 * 1000;
const KUBEADM_FROM = new Date('2024-01-01T00:00:00Z');

/** What kubeadm puts into the apiserver certificate of control-plane node cp-1 (192.168.1.10). */
const KUBEADM_APISERVER_SANS: readonly SanEntry[] = [
  { dns: 'cp-1' },
  { dns: 'kubernetes' },
  { dns: 'kubernetes.default' },
  { dns: 'kubernetes.default.svc' },
  { dns: 'kubernetes.default.svc.cluster.local' },
  { ip: '10.96.0.1' },
  { ip: '192.168.1.10' },
];

/** kubeadm's CA (CN=kubernetes, ten years) and apiserver certificate (one year) for node cp-1. */
async function kubeadmPki(caKey?: KeyPair): Promise<{
  root: { cert: X509Certificate; key: KeyPair };
  served: { cert: X509Certificate; key: KeyPair };
}> {
  const key = caKey ?? (await generateKeyPair());
  const rootCert = await buildCertificate(
    {
      subject: 'CN=kubernetes',
      serialHex: '00',
      notBefore: KUBEADM_FROM,
      notAfter: new Date(KUBEADM_FROM.getTime() + 10 * YEAR),
      san: [{ dns: 'kubernetes' }],
      basicConstraints: { ca: true, critical: true },
      keyUsage: ['digitalSignature', 'keyEncipherment', 'keyCertSign'],
      keyIds: true,
    },
    key,
  );
  const root = { cert: rootCert, key };
  const served = await leaf(
    {
      subject: 'CN=kube-apiserver',
      serialHex: '5a01',
      notBefore: KUBEADM_FROM,
      notAfter: new Date(KUBEADM_FROM.getTime() + YEAR),
      keyIds: true,
      san: KUBEADM_APISERVER_SANS,
    },
    root,
  );
  return { root, served };
}

const caSignedNoCaRecipe: Recipe = {
  name: 'ca-signed-no-ca',
  readme:
    'A kubeadm apiserver certificate (issued by CN=kubernetes) judged without `--ca`. Only a self-signed certificate can be its own trust anchor: for a CA-signed one the names are checked and trust is said to be unchecked — exit 4, never PASS — naming the CA to pass.',
  scenario: (dir) => ({
    cause: 3,
    title: 'A CA-signed certificate without --ca: trust not checked',
    runs: [
      {
        args: [f(dir, 'apiserver.crt'), '--name', 'kubernetes.default', '--at', TODAY],
        exit: 4,
        errors: [],
        findings: ['trust-unchecked'],
        component: 'kube-apiserver',
        client: 'go1.23',
        fix: { code: 'trust-unchecked', includes: '--ca' },
      },
      {
        args: [f(dir, 'apiserver.crt'), '--at', TODAY],
        exit: 4,
        errors: [],
        findings: ['trust-unchecked'],
        component: 'kube-apiserver',
        client: 'go1.23',
      },
    ],
  }),
  build: async () => {
    const { served } = await kubeadmPki();
    return { served: [served.cert], key: served.key };
  },
};

export const MODERN_RECIPES: readonly Recipe[] = [
  {
    name: 'kubeadm-apiserver',
    readme:
      "A healthy kubeadm apiserver certificate: CN=kube-apiserver from the kubeadm CA (CN=kubernetes), the in-cluster names and IP SAN 10.96.0.1, the first IP of kubeadm's default Service range 10.96.0.0/12. Without `--service-cidr` the Service IP is inferred from that SAN, so the default run passes; today's client-go decides, Heapster's Go is shown beside it.",
    scenario: (dir) => ({
      cause: 9,
      title: 'A healthy kubeadm apiserver certificate',
      runs: [
        {
          args: [...servedWithCaCrt(dir), '--at', TODAY],
          exit: 0,
          errors: [],
          findings: [],
          component: 'kube-apiserver',
          client: 'go1.23',
        },
        {
          args: [
            ...servedWithCaCrt(dir),
            '--name',
            'kubernetes.default.svc',
            '--name',
            '10.0.0.1',
            '--at',
            TODAY,
          ],
          exit: 1,
          errors: ['ip-not-in-sans'],
          findings: [],
          component: 'kube-apiserver',
          client: 'go1.23',
          fix: { code: 'ip-not-in-sans', includes: 'apiServer.certSANs' },
        },
      ],
    }),
    build: async () => {
      const { root, served } = await kubeadmPki();
      return servedBy(root, served);
    },
  },
  {
    name: 'k3s-apiserver',
    readme:
      "A healthy k3s apiserver certificate: CN=k3s, O=k3s, issued by the server's own CA `k3s-server-ca@<time>`, with IP SAN 10.43.0.1, the first IP of k3s's default Service range 10.43.0.0/16. The default run infers that Service IP and passes; a missing name is fixed with `--tls-san`.",
    scenario: (dir) => ({
      cause: 9,
      title: 'A healthy k3s apiserver certificate',
      runs: [
        {
          args: [...servedWithCaCrt(dir), '--at', TODAY],
          exit: 0,
          errors: [],
          findings: [],
          component: 'kube-apiserver',
          client: 'go1.23',
        },
        {
          args: [...servedWithCaCrt(dir), '--name', 'k3s.example.com', '--at', TODAY],
          exit: 1,
          errors: ['name-not-in-sans'],
          findings: [],
          component: 'kube-apiserver',
          client: 'go1.23',
          fix: { code: 'name-not-in-sans', includes: '--tls-san' },
        },
      ],
    }),
    build: async () => {
      const rootKey = await generateKeyPair();
      const rootCert = await buildCertificate(
        {
          subject: 'CN=k3s-server-ca@1704067200',
          serialHex: '00',
          notBefore: KUBEADM_FROM,
          notAfter: new Date(KUBEADM_FROM.getTime() + 10 * YEAR),
          basicConstraints: { ca: true, critical: true },
          keyUsage: ['digitalSignature', 'keyEncipherment', 'keyCertSign'],
          keyIds: true,
        },
        rootKey,
      );
      const root = { cert: rootCert, key: rootKey };
      const served = await leaf(
        {
          subject: 'O=k3s, CN=k3s',
          serialHex: '6b01',
          notBefore: KUBEADM_FROM,
          notAfter: new Date(KUBEADM_FROM.getTime() + YEAR),
          keyIds: true,
          san: [
            { dns: 'kubernetes' },
            { dns: 'kubernetes.default' },
            { dns: 'kubernetes.default.svc' },
            { dns: 'kubernetes.default.svc.cluster.local' },
            { dns: 'localhost' },
            { dns: 'server-1' },
            { ip: '10.43.0.1' },
            { ip: '127.0.0.1' },
            { ip: '192.168.1.20' },
          ],
        },
        root,
      );
      return servedBy(root, served);
    },
  },
  {
    name: 'webhook-cn-only',
    readme:
      'An admission webhook serving certificate with only a Common Name, `CN=my-webhook.my-ns.svc`, and no subjectAltName. Heapster-era Go would accept it by the CN; the kube-apiserver that calls the webhook (Go ≥ 1.15) rejects it, and that is the client that decides: "x509: certificate relies on legacy Common Name field, use SANs instead".',
    scenario: (dir) => ({
      cause: 12,
      title: 'A webhook certificate with only a Common Name',
      runs: [
        {
          args: [...servedWithCaCrt(dir), '--at', TODAY],
          exit: 1,
          errors: ['legacy-common-name'],
          findings: ['no-san-extension'],
          component: 'webhook',
          client: 'go1.23',
          fix: { code: 'legacy-common-name', includes: '<service>.<namespace>.svc' },
        },
        {
          args: [...servedWithCaCrt(dir), '--client', 'all', '--at', TODAY],
          exit: 1,
          errors: ['legacy-common-name'],
          findings: ['no-san-extension'],
          component: 'webhook',
          client: 'go1.23',
        },
      ],
    }),
    build: async () => {
      const root = await ca('CN=my-webhook-ca');
      const served = await leaf(
        {
          subject: 'CN=my-webhook.my-ns.svc',
          notBefore: KUBEADM_FROM,
          notAfter: new Date(KUBEADM_FROM.getTime() + YEAR),
        },
        root,
      );
      return servedBy(root, served);
    },
  },
  {
    name: 'kubelet-self-signed',
    readme:
      "A kubelet's own serving certificate (`node1@1704067200` issued by `node1-ca@1704067200`, DNS SAN node1 only: client-go's self-signing, called by the kubelet with no other names), scraped by metrics-server at the node IP on port 10250. The fix is the kubelet's `serverTLSBootstrap: true` and approving its serving CSRs, not `--kubelet-insecure-tls`.",
    scenario: (dir) => ({
      cause: 17,
      title: "A kubelet's self-signed serving certificate scraped by IP",
      runs: [
        {
          args: [f(dir, 'apiserver.crt'), '--name', 'https://10.0.0.5:10250', '--at', TODAY],
          exit: 1,
          errors: ['no-ip-sans'],
          findings: ['kube-generated-cn'],
          component: 'kubelet',
          client: 'go1.23',
          fix: { code: 'no-ip-sans', includes: 'serverTLSBootstrap' },
        },
        {
          args: [f(dir, 'apiserver.crt'), '--at', TODAY],
          exit: 4,
          errors: [],
          findings: ['trust-unchecked', 'kube-generated-cn'],
          component: 'kubelet',
          client: 'go1.23',
          fix: { code: 'kube-generated-cn', includes: 'serverTLSBootstrap' },
        },
      ],
    }),
    build: async () => {
      const at = 1704067200;
      const from = new Date((at - 3600) * 1000);
      const caKey = await generateKeyPair();
      const caCert = await buildCertificate(
        {
          subject: `CN=node1-ca@${at}`,
          serialHex: '01',
          notBefore: from,
          notAfter: new Date(from.getTime() + YEAR),
          basicConstraints: { ca: true },
          keyUsage: ['digitalSignature', 'keyEncipherment', 'keyCertSign'],
          keyIds: true,
        },
        caKey,
      );
      const served = await leaf(
        {
          subject: `CN=node1@${at}`,
          serialHex: '02',
          notBefore: from,
          notAfter: new Date(from.getTime() + YEAR),
          san: [{ dns: 'node1' }],
          keyIds: true,
        },
        { cert: caCert, key: caKey },
      );
      return { served: [served.cert, caCert], key: served.key };
    },
  },
  {
    name: 'expired-kubeadm-apiserver',
    readme:
      'A kubeadm apiserver certificate a month after its one year ran out. It is signed by the cluster CA, which is valid for ten years: the answer is renewal from that CA (`kubeadm certs renew apiserver` and restarting the kube-apiserver), not a new CA.',
    scenario: (dir) => ({
      cause: 14,
      title: 'An expired kubeadm apiserver certificate',
      runs: [
        {
          args: [...servedWithCaCrt(dir), '--at', '2025-02-01T00:00:00Z'],
          exit: 1,
          errors: ['expired'],
          findings: [],
          component: 'kube-apiserver',
          client: 'go1.23',
          fix: { code: 'expired', includes: 'kubeadm certs renew apiserver' },
        },
      ],
    }),
    build: async () => {
      const { root, served } = await kubeadmPki();
      return servedBy(root, served);
    },
  },
  {
    name: 'stale-kubeconfig',
    readme:
      'After `kubeadm reset` and `kubeadm init` the cluster has a new CA with the same name, CN=kubernetes, and another key. `kubeconfig-admin.yaml` is the `admin.conf` from before (its certificate-authority-data is the old CA, also in ca.crt): kubectl fails with unknown authority, and the fix is copying the new /etc/kubernetes/admin.conf.',
    scenario: (dir) => ({
      cause: 5,
      title: 'A stale kubeconfig after kubeadm reset',
      runs: [
        {
          args: [
            ...servedWithCaCrt(dir),
            '--component',
            'kubeconfig-client',
            '--name',
            'https://192.168.1.10:6443',
            '--at',
            TODAY,
          ],
          exit: 1,
          errors: ['unknown-authority'],
          findings: ['closest-miss'],
          component: 'kubeconfig-client',
          client: 'go1.23',
          fix: { code: 'unknown-authority', includes: 'admin.conf' },
        },
        {
          args: [
            f(dir, 'apiserver.crt'),
            '--kubeconfig',
            f(dir, 'kubeconfig-admin.yaml'),
            '--at',
            TODAY,
          ],
          exit: 1,
          errors: ['unknown-authority'],
          findings: [],
          component: 'kubeconfig-client',
          client: 'go1.23',
          fix: { code: 'unknown-authority', includes: 'admin.conf' },
        },
      ],
    }),
    build: async () => {
      const before = await kubeadmPki();
      const now = await kubeadmPki();
      const caPem = pem([before.root.cert]);
      const kubeconfig = [
        'apiVersion: v1',
        'kind: Config',
        'clusters:',
        '- name: kubernetes',
        '  cluster:',
        '    server: https://192.168.1.10:6443',
        `    certificate-authority-data: ${Buffer.from(caPem).toString('base64')}`,
        'contexts:',
        '- name: kubernetes-admin@kubernetes',
        '  context:',
        '    cluster: kubernetes',
        '    user: kubernetes-admin',
        'current-context: kubernetes-admin@kubernetes',
        'users:',
        '- name: kubernetes-admin',
        '  user: {}',
        '',
      ].join('\n');
      return {
        served: [now.served.cert],
        key: now.served.key,
        ca: [before.root.cert],
        text: { 'kubeconfig-admin.yaml': kubeconfig },
      };
    },
  },
  caSignedNoCaRecipe,
  {
    name: 'kubelet-no-ip-san',
    readme:
      "A kubeadm node with `serverTLSBootstrap: true`: its kubelet serving certificate came through a CSR and is signed by the cluster CA (`CN=system:node:node1, O=system:nodes`, issuer `kubernetes`), but it names only the host name node1 — the Node's addresses did not hold its InternalIP when the kubelet asked (no `--node-ip`, a cloud provider that had not set them yet, or the IP changed and the new CSR is still pending). metrics-server scrapes `https://192.168.56.11:10250` with the cluster CA: the trust is right, the name is not.",
    scenario: (dir) => ({
      cause: 28,
      title: 'A CA-signed kubelet serving certificate without the node IP',
      runs: [
        {
          args: [...servedWithCaCrt(dir), '--name', 'https://192.168.56.11:10250', '--at', TODAY],
          exit: 1,
          errors: ['no-ip-sans'],
          findings: [],
          component: 'kubelet',
          client: 'go1.23',
          fix: { code: 'no-ip-sans', includes: '--node-ip' },
        },
        {
          args: [...servedWithCaCrt(dir), '--name', 'https://node1:10250', '--at', TODAY],
          exit: 0,
          errors: [],
          findings: [],
          component: 'kubelet',
          client: 'go1.23',
        },
      ],
    }),
    build: async () => {
      const { root } = await kubeadmPki();
      // kube-controller-manager's kubelet-serving signer: one year (--cluster-signing-duration),
      // the usages and names of the kubelet's CSR (pkg/kubelet/certificate/kubelet.go).
      const served = await leaf(
        {
          subject: 'O=system:nodes, CN=system:node:node1',
          serialHex: '7c01',
          notBefore: KUBEADM_FROM,
          notAfter: new Date(KUBEADM_FROM.getTime() + YEAR),
          keyIds: true,
          san: [{ dns: 'node1' }],
        },
        root,
      );
      return servedBy(root, served);
    },
  },
  {
    name: 'apiserver-lb-name',
    readme:
      "An HA control plane put behind a load balancer after `kubeadm init`: the kubeadm apiserver certificate still names only cp-1, the `kubernetes` Service names, 10.96.0.1 and the node's first address 192.168.1.10. kubectl dials the load balancer's name k8s-api.example.com, and a node whose address changed is dialled at 192.168.1.50; neither is a SAN. `kubeconfig-lb.yaml` is an admin kubeconfig pointed at the load balancer with the right CA.",
    scenario: (dir) => ({
      cause: 31,
      title: 'The apiserver certificate lacks the load balancer name and the new IP',
      runs: [
        {
          args: [
            ...servedWithCaCrt(dir),
            '--name',
            'https://k8s-api.example.com:6443',
            '--name',
            'https://192.168.1.50:6443',
            '--at',
            TODAY,
          ],
          exit: 1,
          errors: ['ip-not-in-sans', 'name-not-in-sans'],
          findings: [],
          component: 'kube-apiserver',
          client: 'go1.23',
          fix: { code: 'name-not-in-sans', includes: '--apiserver-cert-extra-sans' },
        },
        {
          args: [
            f(dir, 'apiserver.crt'),
            '--kubeconfig',
            f(dir, 'kubeconfig-lb.yaml'),
            '--at',
            TODAY,
          ],
          exit: 1,
          errors: ['name-not-in-sans'],
          findings: [],
          component: 'kubeconfig-client',
          client: 'go1.23',
          fix: { code: 'name-not-in-sans', includes: 'apiServer.certSANs' },
        },
      ],
    }),
    build: async () => {
      const { root, served } = await kubeadmPki();
      return {
        served: [served.cert],
        key: served.key,
        ca: [root.cert],
        text: {
          'kubeconfig-lb.yaml': adminKubeconfig('https://k8s-api.example.com:6443', root.cert),
        },
      };
    },
  },
  {
    name: 'proxy-intercepted',
    readme:
      "A TLS-inspecting corporate proxy stands between the client and the apiserver (HTTPS_PROXY set, the apiserver not in NO_PROXY). It answers with a certificate it minted on the fly: the apiserver's names copied, issued by its own `Corp Proxy Root CA` (sent after the leaf). The client trusts only the cluster CA, `kubernetes` (ca.crt, and the kubeconfig's certificate-authority-data), which never signed anything in this chain.",
    scenario: (dir) => ({
      cause: 32,
      title: 'A corporate proxy CA intercepting the apiserver',
      runs: [
        {
          args: [...servedWithCaCrt(dir), '--name', 'https://192.168.1.10:6443', '--at', TODAY],
          exit: 1,
          errors: ['unknown-authority'],
          findings: ['closest-miss'],
          component: 'kube-apiserver',
          client: 'go1.23',
          fix: { code: 'unknown-authority', includes: 'NO_PROXY' },
        },
        {
          args: [...servedWithCaCrt(dir), '--at', TODAY],
          exit: 1,
          errors: ['unknown-authority'],
          findings: ['closest-miss'],
          component: 'kube-apiserver',
          client: 'go1.23',
          fix: { code: 'unknown-authority', includes: '.svc' },
        },
        {
          args: [
            f(dir, 'apiserver.crt'),
            '--kubeconfig',
            f(dir, 'kubeconfig-admin.yaml'),
            '--at',
            TODAY,
          ],
          exit: 1,
          errors: ['unknown-authority'],
          findings: ['closest-miss'],
          component: 'kubeconfig-client',
          client: 'go1.23',
          fix: { code: 'unknown-authority', includes: 'NO_PROXY' },
        },
      ],
    }),
    build: async () => {
      const cluster = await kubeadmPki();
      const proxy = await ca('O=Example Corp, CN=Corp Proxy Root CA');
      // The proxy copies the names of the certificate it got from the apiserver.
      const minted = await leaf(
        {
          subject: 'CN=kube-apiserver',
          serialHex: '3f9a0c11',
          notBefore: new Date('2024-05-31T00:00:00Z'),
          notAfter: new Date('2024-06-30T00:00:00Z'),
          san: KUBEADM_APISERVER_SANS,
          keyIds: true,
        },
        proxy,
      );
      return {
        served: [minted.cert, proxy.cert],
        key: minted.key,
        ca: [cluster.root.cert],
        text: {
          'kubeconfig-admin.yaml': adminKubeconfig('https://192.168.1.10:6443', cluster.root.cert),
        },
      };
    },
  },
  {
    name: 'ingress-fake-certificate',
    readme:
      'What ingress-nginx serves when no Ingress `tls:` entry matches the server name: its default "fake" certificate, made at start (internal/net/ssl/ssl.go: self-signed, `O=Acme Co, CN=Kubernetes Ingress Controller Fake Certificate`, DNS SAN ingress.local, 365 days, CA:FALSE). A client that sends no SNI (dialling the load balancer\'s IP) or asks for a host that has no `tls:` entry gets it instead of shop.example.com\'s certificate (`shop.crt`, signed by `example-ca`, ca.crt; `shop.key` beside it, both throwaway, for the live SNI test).',
    scenario: (dir) => ({
      cause: 33,
      title: "The ingress controller's fake certificate, served without SNI",
      runs: [
        {
          args: [...servedWithCaCrt(dir), '--name', 'https://shop.example.com', '--at', TODAY],
          exit: 1,
          errors: ['name-not-in-sans', 'self-signed-untrusted'],
          findings: [],
          component: 'ingress',
          client: 'openssl',
          fix: { code: 'name-not-in-sans', includes: '--default-ssl-certificate' },
        },
        {
          args: [
            f(dir, 'shop.crt'),
            '--ca',
            f(dir, 'ca.crt'),
            '--name',
            'https://shop.example.com',
            '--at',
            TODAY,
          ],
          exit: 0,
          errors: [],
          findings: [],
        },
      ],
    }),
    build: async () => {
      const at = new Date('2024-05-20T09:14:07Z');
      const key = await generateKeyPair();
      const fake = await buildCertificate(
        {
          subject: 'O=Acme Co, CN=Kubernetes Ingress Controller Fake Certificate',
          serialHex: '9d3e55b0a1c24f7e8b6d2c1f0e9a8b7c',
          notBefore: at,
          notAfter: new Date(at.getTime() + YEAR),
          san: [{ dns: 'ingress.local' }],
          basicConstraints: { ca: false },
          keyUsage: ['keyEncipherment', 'digitalSignature'],
          extKeyUsage: ['serverAuth'],
        },
        key,
      );
      const root = await ca('CN=example-ca');
      const shop = await leaf(
        {
          subject: 'CN=shop.example.com',
          notBefore: KUBEADM_FROM,
          notAfter: new Date(KUBEADM_FROM.getTime() + YEAR),
          san: [{ dns: 'shop.example.com' }],
        },
        root,
      );
      return {
        served: [fake],
        key,
        ca: [root.cert],
        extra: { 'shop.crt': [shop.cert] },
        text: { 'shop.key': await keyPem(shop.key) },
      };
    },
  },
];

/** An admin kubeconfig (kubeadm's admin.conf shape) for `server`, trusting `caCert`. */
function adminKubeconfig(server: string, caCert: X509Certificate): string {
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- name: kubernetes',
    '  cluster:',
    `    server: ${server}`,
    `    certificate-authority-data: ${Buffer.from(pem([caCert])).toString('base64')}`,
    'contexts:',
    '- name: kubernetes-admin@kubernetes',
    '  context:',
    '    cluster: kubernetes',
    '    user: kubernetes-admin',
    'current-context: kubernetes-admin@kubernetes',
    'users:',
    '- name: kubernetes-admin',
    '  user: {}',
    '',
  ].join('\n');
}

function readme(recipe: Recipe, scenario: Scenario): string {
  const runs = scenario.runs
    .map(
      (run) =>
        `    npx diagnose ${run.args.join(' ')}\n\n  exits ${run.exit}${run.errors.length > 0 ? `, errors: ${run.errors.map((code) => `\`${code}\``).join(', ')}` : ''}${run.findings.length > 0 ? `; also finds ${run.findings.map((code) => `\`${code}\``).join(', ')}` : ''}.`,
    )
    .join('\n\n');
  return `# ${scenario.title}\n\nCause ${scenario.cause} of [docs/causes.md](../../docs/causes.md).\n\n${recipe.readme}\n\n${runs}\n\nThe recorded answers of the real Go 1.19, OpenSSL 3.0 and Node 20 are in \`observed/\` (\`npm run fixtures\`). \`apiserver.key\` is a throwaway test key, there so the Node oracle can serve the certificate.\n`;
}

/** The recipes named in `only` (every one when it is null); an unknown name is an error. */
export function selectRecipes(only: readonly string[] | null): readonly Recipe[] {
  const all = [...RECIPES, ...MODERN_RECIPES];
  if (only === null) return all;
  const unknown = only.filter((name) => !all.some((recipe) => recipe.name === name));
  if (unknown.length > 0) throw new Error(`no cause fixture named ${unknown.join(', ')}`);
  return all.filter((recipe) => only.includes(recipe.name));
}

/** Writes every cause fixture that is missing (all with `regenerate`), or only those named. */
export async function writeCauseFixtures(
  regenerate: boolean,
  only: readonly string[] | null = null,
): Promise<string[]> {
  const written: string[] = [];
  for (const recipe of selectRecipes(only)) {
    const dir = join('fixtures', recipe.name);
    const scenario = recipe.scenario(dir);
    mkdirSync(dir, { recursive: true });
    // scenario.json and README.md follow the recipe; certificates only when asked or missing.
    writeFileSync(join(dir, 'scenario.json'), `${JSON.stringify(scenario, null, 2)}\n`);
    writeFileSync(join(dir, 'README.md'), readme(recipe, scenario));
    if (!regenerate && existsSync(join(dir, 'apiserver.crt'))) continue;
    const files = await recipe.build();
    writeFileSync(join(dir, 'apiserver.crt'), pem(files.served));
    writeFileSync(join(dir, 'apiserver.key'), await keyPem(files.key));
    if (files.ca) writeFileSync(join(dir, 'ca.crt'), pem(files.ca));
    for (const [file, certs] of Object.entries(files.extra ?? {}))
      writeFileSync(join(dir, file), pem(certs));
    for (const [file, text] of Object.entries(files.text ?? {}))
      writeFileSync(join(dir, file), text);
    written.push(dir);
  }
  return written;
}
