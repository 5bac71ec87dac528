/**
 * A kubeadm control plane's certificates as kubeadm lays them out (kubernetes.io/docs
 * "PKI certificates and requirements"; kubeadm cmd/kubeadm/app/constants/constants.go):
 * `/etc/kubernetes/pki` with the cluster CA, the apiserver's serving and client
 * certificates, the front-proxy pair and etcd's own CA and certificates, and beside it the
 * kubeconfigs kubeadm writes (admin.conf, super-admin.conf since 1.29, kubelet.conf,
 * controller-manager.conf, scheduler.conf) with the cluster CA and a client certificate
 * embedded. Which certificate is which is fixed by its path, so each is named by its role,
 * the component using it, the CA that should have issued it and the `kubeadm certs renew`
 * argument that renews it. Private keys (`*.key`, `client-key-data`) are never read.
 */
import { dirname, join } from 'node:path';
import { InputError } from '../base/errors.js';
import type { InputFinding } from '../report/findings.js';
import type { InputComponent, InputEntry } from '../report/inputs.js';
import { decodeStdBase64 } from './base64.js';
import { certificatesFrom } from './index.js';
import { isRecord, parseStructured, stringField } from './structured.js';
import type { FoundBytes, InputReader } from './types.js';

interface PkiFile {
  /** Relative to the pki directory. */
  readonly path: string;
  readonly role: string;
  readonly component: InputComponent;
  /** The CA file (relative to pki/) that issues it; null for a CA. */
  readonly issuer: string | null;
  /** `kubeadm certs renew <argument>`; null for the CAs (not renewed by kubeadm). */
  readonly renew: string | null;
}

/** The certificates of kubeadm's pki directory (kubeadm cmd/kubeadm/app/phases/certs/certlist.go). */
export const KUBEADM_PKI: readonly PkiFile[] = [
  { path: 'ca.crt', role: 'cluster CA', component: 'ca', issuer: null, renew: null },
  {
    path: 'apiserver.crt',
    role: 'kube-apiserver serving certificate',
    component: 'kube-apiserver',
    issuer: 'ca.crt',
    renew: 'apiserver',
  },
  {
    path: 'apiserver-kubelet-client.crt',
    role: 'kube-apiserver client certificate for the kubelets',
    component: 'kube-apiserver',
    issuer: 'ca.crt',
    renew: 'apiserver-kubelet-client',
  },
  {
    path: 'front-proxy-ca.crt',
    role: 'front-proxy CA',
    component: 'ca',
    issuer: null,
    renew: null,
  },
  {
    path: 'front-proxy-client.crt',
    role: 'kube-apiserver client certificate for aggregated APIs',
    component: 'kube-apiserver',
    issuer: 'front-proxy-ca.crt',
    renew: 'front-proxy-client',
  },
  {
    path: 'apiserver-etcd-client.crt',
    role: 'kube-apiserver client certificate for etcd',
    component: 'kube-apiserver',
    issuer: 'etcd/ca.crt',
    renew: 'apiserver-etcd-client',
  },
  { path: 'etcd/ca.crt', role: 'etcd CA', component: 'ca', issuer: null, renew: null },
  {
    path: 'etcd/server.crt',
    role: 'etcd serving certificate',
    component: 'etcd',
    issuer: 'etcd/ca.crt',
    renew: 'etcd-server',
  },
  {
    path: 'etcd/peer.crt',
    role: 'etcd peer certificate',
    component: 'etcd',
    issuer: 'etcd/ca.crt',
    renew: 'etcd-peer',
  },
  {
    path: 'etcd/healthcheck-client.crt',
    role: 'etcd health-check client certificate',
    component: 'etcd',
    issuer: 'etcd/ca.crt',
    renew: 'etcd-healthcheck-client',
  },
];

/** The kubeconfigs kubeadm writes beside pki/ (kubeadm phases/kubeconfig), with their users. */
export const KUBEADM_KUBECONFIGS: readonly {
  readonly file: string;
  readonly component: InputComponent;
  /** null: kubelet.conf's client certificate is rotated by the kubelet, not by kubeadm. */
  readonly renew: string | null;
}[] = [
  { file: 'admin.conf', component: 'kubeconfig-client', renew: 'admin.conf' },
  { file: 'super-admin.conf', component: 'kubeconfig-client', renew: 'super-admin.conf' },
  {
    file: 'controller-manager.conf',
    component: 'kube-controller-manager',
    renew: 'controller-manager.conf',
  },
  { file: 'scheduler.conf', component: 'kube-scheduler', renew: 'scheduler.conf' },
  { file: 'kubelet.conf', component: 'kubelet', renew: null },
];

export interface KubeadmView {
  /** The pki directory and the directory holding the kubeconfigs (its parent). */
  readonly pki: string;
  readonly base: string;
  readonly ca: FoundBytes;
  readonly apiserver: FoundBytes | null;
  readonly files: readonly { readonly spec: PkiFile; readonly bytes: FoundBytes }[];
  readonly kubeconfigs: readonly {
    readonly file: string;
    readonly component: InputComponent;
    readonly renew: string | null;
    /** certificate-authority-data of every cluster. */
    readonly cas: readonly FoundBytes[];
    /** client-certificate-data of every user (a certificate, never the key). */
    readonly clients: readonly FoundBytes[];
    /** A user whose client certificate is a file, not embedded (kubelet.conf's rotation). */
    readonly clientFiles: readonly string[];
  }[];
}

/** The pki directory of `dir` when it is kubeadm's (ca.crt and apiserver.crt), or its pki/ subdirectory. */
export async function kubeadmPkiDir(dir: string, reader: InputReader): Promise<string | null> {
  for (const candidate of [dir, join(dir, 'pki')]) {
    if (
      (await reader.pathKind(join(candidate, 'ca.crt'))) === 'file' &&
      (await reader.pathKind(join(candidate, 'apiserver.crt'))) === 'file'
    )
      return candidate;
  }
  return null;
}

export async function readKubeadm(pki: string, reader: InputReader): Promise<KubeadmView> {
  const files: { spec: PkiFile; bytes: FoundBytes }[] = [];
  for (const spec of KUBEADM_PKI) {
    const path = join(pki, spec.path);
    if ((await reader.pathKind(path)) !== 'file') continue;
    files.push({ spec, bytes: { bytes: await reader.read(path), label: path } });
  }
  const find = (path: string): FoundBytes | null =>
    files.find((file) => file.spec.path === path)?.bytes ?? null;
  const ca = find('ca.crt');
  if (!ca) throw new InputError(pki, 'is a kubeadm pki directory without ca.crt');
  const base = dirname(pki);
  const kubeconfigs: KubeadmView['kubeconfigs'][number][] = [];
  for (const entry of KUBEADM_KUBECONFIGS) {
    const path = join(base, entry.file);
    if ((await reader.pathKind(path)) !== 'file') continue;
    const text = Buffer.from(await reader.read(path)).toString('utf8');
    const [doc] = await parseStructured(text, path);
    kubeconfigs.push({ ...entry, file: path, ...embedded(doc ?? {}, path) });
  }
  return { pki, base, ca, apiserver: find('apiserver.crt'), files, kubeconfigs };
}

/** The CAs and client certificates a kubeconfig embeds; client-key-data is never read. */
function embedded(
  doc: Record<string, unknown>,
  path: string,
): { cas: FoundBytes[]; clients: FoundBytes[]; clientFiles: string[] } {
  const cas: FoundBytes[] = [];
  const clients: FoundBytes[] = [];
  const clientFiles: string[] = [];
  const decode = (value: string, label: string): FoundBytes => {
    const bytes = decodeStdBase64(value);
    if (!bytes) throw new InputError(path, `${label} is not valid base64`);
    return { bytes, label: `${path}: ${label}` };
  };
  for (const item of Array.isArray(doc['clusters']) ? doc['clusters'] : []) {
    if (!isRecord(item) || !isRecord(item['cluster'])) continue;
    const data = stringField(item['cluster'], 'certificate-authority-data');
    const name = stringField(item, 'name') ?? '';
    if (data) cas.push(decode(data, `cluster ${name} certificate-authority-data`));
  }
  for (const item of Array.isArray(doc['users']) ? doc['users'] : []) {
    if (!isRecord(item) || !isRecord(item['user'])) continue;
    const name = stringField(item, 'name') ?? '';
    const data = stringField(item['user'], 'client-certificate-data');
    const file = stringField(item['user'], 'client-certificate');
    if (data) clients.push(decode(data, `user ${name} client-certificate-data`));
    else if (file) clientFiles.push(file);
  }
  return { cas, clients, clientFiles };
}

export interface KubeadmInventory {
  readonly entries: InputEntry[];
  readonly findings: InputFinding[];
}

/**
 * Which certificate is which, when it expires, whether its expected CA issued it (by issuer
 * name and key identifier), and whether each kubeconfig embeds pki/ca.crt — at `now`.
 */
export async function kubeadmInventory(
  view: KubeadmView,
  source: string,
  now: Date,
): Promise<KubeadmInventory> {
  const entries: InputEntry[] = [];
  const findings: InputFinding[] = [];
  const facts = new Map<string, Awaited<ReturnType<typeof certificatesFrom>>[number]['facts']>();
  for (const file of view.files) {
    const [first] = await certificatesFrom(file.bytes.bytes, file.bytes.label);
    if (first) facts.set(file.spec.path, first.facts);
  }
  const ca = facts.get('ca.crt');
  const expiredNotes: string[] = [];
  const day = (date: Date): string => date.toISOString().slice(0, 10);
  for (const file of view.files) {
    const cert = facts.get(file.spec.path);
    if (!cert) continue;
    const issuer = file.spec.issuer ? facts.get(file.spec.issuer) : undefined;
    const issued =
      file.spec.issuer === null
        ? 'self-signed CA'
        : issuer
          ? issuedBy(cert, issuer)
            ? `issued by ${file.spec.issuer}`
            : `NOT issued by ${file.spec.issuer} (issuer ${cert.issuer.dn})`
          : `issuer ${cert.issuer.dn} (${file.spec.issuer} absent)`;
    const expired = cert.notAfter.getTime() < now.getTime();
    entries.push({
      role:
        file.spec.path === 'apiserver.crt'
          ? 'certificate'
          : file.spec.path === 'ca.crt'
            ? 'ca'
            : 'inventory',
      form: 'kubeadm-pki',
      source,
      detail: `pki/${file.spec.path}: ${file.spec.role}, ${cert.subject.dn}, ${issued}, ${expired ? 'EXPIRED' : 'expires'} ${day(cert.notAfter)}`,
      component: file.spec.component,
    });
    if (expired)
      expiredNotes.push(
        `${join(view.pki, file.spec.path)} (${file.spec.role}, ${cert.subject.dn}) on ${day(cert.notAfter)}: ${file.spec.renew ? `kubeadm certs renew ${file.spec.renew}` : 'a CA: renewing it is a CA rotation (kubeadm does not renew CAs)'}`,
      );
  }
  for (const kubeconfig of view.kubeconfigs) {
    const name = kubeconfig.file.slice(view.base === '.' ? 0 : view.base.length + 1);
    const parts: string[] = [];
    for (const found of kubeconfig.cas) {
      const same = Buffer.from(found.bytes).equals(Buffer.from(view.ca.bytes));
      const [embeddedCa] = await certificatesFrom(found.bytes, found.label);
      const sameByDer =
        same ||
        (embeddedCa !== undefined &&
          ca !== undefined &&
          embeddedCa.facts.fingerprintSha256 === ca.fingerprintSha256);
      parts.push(sameByDer ? 'CA = pki/ca.crt' : 'CA is NOT pki/ca.crt');
      if (!sameByDer)
        findings.push({
          code: 'kubeconfig-ca-mismatch',
          severity: 'error',
          note: `${kubeconfig.file} embeds a CA (${embeddedCa?.facts.subject.dn ?? 'unreadable'}${embeddedCa && ca && embeddedCa.facts.subject.dn === ca.subject.dn ? ', same name as pki/ca.crt, another key' : ''}) that is not pki/ca.crt: it was written for an earlier cluster (kubeadm reset and init make a new CA)${kubeconfig.component === 'kubeconfig-client' ? '; copy the new /etc/kubernetes/admin.conf to ~/.kube/config' : `; regenerate it (kubeadm init phase kubeconfig ${name.replace(/\.conf$/, '')})`}.`,
        });
    }
    for (const found of kubeconfig.clients) {
      const [client] = await certificatesFrom(found.bytes, found.label);
      if (!client) continue;
      const cert = client.facts;
      const expired = cert.notAfter.getTime() < now.getTime();
      const byCa = ca ? issuedBy(cert, ca) : false;
      parts.push(
        `client ${cert.subject.dn}, ${byCa ? 'issued by pki/ca.crt' : 'NOT issued by pki/ca.crt'}, ${expired ? 'EXPIRED' : 'expires'} ${day(cert.notAfter)}`,
      );
      if (expired)
        expiredNotes.push(
          `${kubeconfig.file}: client certificate ${cert.subject.dn} on ${day(cert.notAfter)}: ${kubeconfig.renew ? `kubeadm certs renew ${kubeconfig.renew}${kubeconfig.file.endsWith('admin.conf') ? ', then copy it to ~/.kube/config again' : ''}` : 'rotated by the kubelet itself (rotateCertificates); a kubelet stopped for longer than its lifetime needs a new bootstrap'}`,
        );
    }
    for (const file of kubeconfig.clientFiles) parts.push(`client certificate file ${file}`);
    entries.push({
      role: 'inventory',
      form: 'kubeadm-pki',
      source,
      detail: `${name}: ${parts.join('; ') || 'no embedded CA or client certificate'}`,
      component: kubeconfig.component,
    });
  }
  if (expiredNotes.length > 0)
    findings.unshift({
      code: 'kubeadm-certificate-expired',
      severity: 'error',
      note: `Expired at ${now.toISOString()}: ${expiredNotes.join('; ')}. Restart the static pods after renewing.`,
    });
  return { entries, findings };
}

/** Issued by `ca`: issuer name equals its subject and, where both are present, AKID = SKID. */
function issuedBy(
  cert: { readonly issuer: { readonly dn: string }; readonly authorityKeyId: string | null },
  ca: { readonly subject: { readonly dn: string }; readonly subjectKeyId: string | null },
): boolean {
  if (cert.issuer.dn !== ca.subject.dn) return false;
  return (
    cert.authorityKeyId === null ||
    ca.subjectKeyId === null ||
    cert.authorityKeyId === ca.subjectKeyId
  );
}
