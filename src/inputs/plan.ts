/**
 * From the command line's inputs to what diagnose needs: the served certificates (a file,
 * a Secret's tls.crt, or a live server), the trust anchors (--ca, a Secret's ca.crt, a
 * kubeconfig's CA, the service-account ca.crt, or none), the names and where each came
 * from. File access and the handshake are injected by the CLI; nothing here touches fs or
 * the network itself, and nothing connects unless the user named a server, a kubeconfig to
 * check live, or --in-cluster.
 */
import { ipVersion } from '../base/ip.js';
import type { ConnectionEntry, InputEntry } from '../report/report.js';
import type { InputFinding } from '../report/findings.js';
import { InputError, UsageError } from '../base/errors.js';
import type { HeapsterSourcePlan } from './heapster-source.js';
import type { TlsHandshake } from '../live/types.js';
import type { DialledName } from '../names/defaults.js';
import { captureLive } from './capture.js';
import { classify } from './classify.js';
import { certificatesFrom, type CertificateWithFacts } from './index.js';
import { kubeconfigText } from './kubeconfig.js';
import { openInput } from './open.js';
import {
  kubeconfigAnchors,
  kubeconfigLive,
  named,
  openKubeconfig,
  resolvePlan,
  type Target,
  type Trail,
} from './resolve.js';
import { secretText } from './secret.js';
import { DEFAULT_SERVICEACCOUNT_DIR, serviceAccountText } from './serviceaccount.js';
import { serviceAccountDir, serviceAccountFindings } from './in-cluster.js';
import { trustFrom } from './trust.js';
import type { Anchors, FoundBytes, InputReader } from './types.js';

export interface GatherOptions {
  /** The positional argument: a file, `-`, a directory or an endpoint. */
  readonly certificate: string | undefined;
  readonly kubeconfig: string | undefined;
  readonly context: string | undefined;
  readonly cas: readonly string[];
  /** --serviceaccount-dir when given explicitly. */
  readonly serviceAccountDir: string | undefined;
  readonly inCluster: boolean;
  readonly heapsterSource: HeapsterSourcePlan | null;
  /** --sni: a name, or '' for none. */
  readonly sni: string | undefined;
  readonly timeoutMs: number;
  /** --name values, or null when the user named none. */
  readonly userNames: readonly DialledName[] | null;
  /** The names in-cluster clients dial (src/names/defaults.ts). */
  readonly defaultNames: readonly DialledName[];
  readonly env: Readonly<Record<string, string | undefined>>;
  /** --webhook: the webhook (or trust object) to take from a webhook configuration. */
  readonly webhook: string | undefined;
  /** The moment certificates are judged at (a kubeadm inventory's expiry). */
  readonly now: Date;
}

export interface GatherDeps {
  readonly reader: InputReader;
  readonly handshake: TlsHandshake;
}

export interface Gathered {
  /** For the report header: the file, endpoint or server. */
  readonly source: string;
  readonly certificates: CertificateWithFacts[];
  /** null: the served certificate trusts itself; []: the system roots (none modelled). */
  readonly roots: CertificateWithFacts[] | null;
  readonly names: readonly DialledName[];
  readonly findings: InputFinding[];
  readonly inputs: InputEntry[];
  readonly connection: ConnectionEntry | null;
}

export async function gatherInputs(options: GatherOptions, deps: GatherDeps): Promise<Gathered> {
  const { reader } = deps;
  const trail: Trail = { findings: [], inputs: [] };
  const { findings, inputs } = trail;
  const planned = await resolvePlan(classify(options), options, reader, trail);
  const beside = await withKubeconfigBeside(planned, options, reader, trail);
  const target = await withHeapsterSource(beside, options, reader, trail);
  const { live, implicit } = target;

  // Names a trust object given with --ca implies (a webhook's <svc>.<ns>.svc).
  const implied: DialledName[] = [];
  const anchors = await anchorsFrom(options, reader, findings, inputs, implicit, implied);
  const names =
    options.userNames ??
    target.names ??
    (implied.length > 0 ? implied : null) ??
    live?.names ??
    options.defaultNames;

  const trustForms = new Set(['webhook-configuration', 'crd-conversion', 'apiservice']);
  if (options.webhook !== undefined && !inputs.some((entry) => trustForms.has(entry.form)))
    throw new UsageError(
      '--webhook picks a webhook of a webhook configuration, CRD or APIService: give one (as the argument beside its Secret, or with --ca)',
    );

  let connection: ConnectionEntry | null = null;
  let certificates: CertificateWithFacts[];
  let source: string;
  if (live) {
    ({ certificates, connection } = await captureLive(
      live,
      names,
      options,
      deps.handshake,
      findings,
    ));
    source = live.source;
  } else {
    const { served } = target;
    certificates = await certificatesFrom(served.bytes, served.label);
    source = target.source;
  }

  const roots = await anchorCertificates(anchors);
  return { source, certificates, roots, names, findings, inputs, connection };
}

/** The anchors' certificates: null for self-trust, [] for the system roots (none modelled). */
export async function anchorCertificates(anchors: Anchors): Promise<CertificateWithFacts[] | null> {
  if (anchors === null) return null;
  if (anchors === 'system') return [];
  const roots: CertificateWithFacts[] = [];
  for (const found of anchors.bytes)
    roots.push(...(await certificatesFrom(found.bytes, found.label)));
  return roots;
}

/** A certificate file beside --kubeconfig: the kubeconfig's CA and server name, no connection. */
async function withKubeconfigBeside(
  target: Target,
  options: GatherOptions,
  reader: InputReader,
  trail: Trail,
): Promise<Target> {
  if (target.live || options.kubeconfig === undefined) return target;
  const fromKubeconfig = await kubeconfigLive(
    await openKubeconfig(options.kubeconfig, reader, options.context, '--kubeconfig'),
    options.kubeconfig,
    reader,
    trail.findings,
    trail.inputs,
    'ca',
  );
  return {
    ...target,
    implicit: target.implicit ?? fromKubeconfig.anchors,
    names: fromKubeconfig.live.names,
  };
}

/** Heapster's --source decides the name (and for in-cluster checks, the host dialled). */
async function withHeapsterSource(
  target: Target,
  options: GatherOptions,
  reader: InputReader,
  trail: Trail,
): Promise<Target> {
  const heapster = options.heapsterSource;
  if (!heapster) return target;
  trail.findings.push(...heapster.findings);
  const heapsterAnchors = await heapsterCa(heapster, options, reader, trail.findings, trail.inputs);
  const implicit = target.implicit ?? heapsterAnchors.anchors;
  const host = heapster.host || heapsterAnchors.kubeconfigHost || '';
  if (host === '') return { ...target, implicit };
  const base = { ...target, implicit, names: [named(host, heapster.why)] };
  const { live } = target;
  if (live && options.inCluster && live.host !== host)
    return {
      ...base,
      served: null,
      live: { ...live, host, port: heapster.port, servername: ipVersion(host) ? null : host },
    };
  return base;
}

/** The CA Heapster's --source implies, when nothing more specific was given. */
async function heapsterCa(
  plan: HeapsterSourcePlan,
  options: GatherOptions,
  reader: InputReader,
  findings: InputFinding[],
  inputs: InputEntry[],
): Promise<{ anchors: Anchors; kubeconfigHost: string | null }> {
  inputs.push({ role: 'names', form: 'heapster-source', source: plan.value, detail: plan.why });
  if (plan.ca === 'system') {
    findings.push({
      code: 'system-roots',
      severity: 'warning',
      note: `Heapster --source=${plan.value}: inClusterConfig=false without auth, so no CA: the system roots.`,
    });
    return { anchors: 'system', kubeconfigHost: null };
  }
  if (plan.ca === 'kubeconfig' && plan.auth) {
    const view = await openKubeconfig(plan.auth, reader, undefined, '--source auth=');
    inputs.push({
      role: 'ca',
      form: 'kubeconfig',
      source: plan.auth,
      detail: kubeconfigText(view),
    });
    if (view.insecure)
      findings.push({
        code: 'insecure-skip-tls-verify',
        severity: 'warning',
        note: `${plan.auth}: insecure-skip-tls-verify: true — Heapster accepts any certificate.`,
      });
    return {
      anchors: await kubeconfigAnchors(view, plan.auth, reader, findings),
      kubeconfigHost: view.host,
    };
  }
  if (plan.ca === 'serviceaccount' && options.cas.length === 0 && !options.inCluster) {
    const dir = options.serviceAccountDir ?? DEFAULT_SERVICEACCOUNT_DIR;
    if (options.serviceAccountDir !== undefined || (await reader.pathKind(dir)) === 'directory') {
      const view = await serviceAccountDir(dir, reader);
      inputs.push({
        role: 'ca',
        form: 'serviceaccount-dir',
        source: dir,
        detail: serviceAccountText(view),
      });
      serviceAccountFindings(view, findings);
      return { anchors: view.ca ? { bytes: [view.ca] } : 'system', kubeconfigHost: null };
    }
  }
  return { anchors: null, kubeconfigHost: null };
}

/** --ca wins; then what came with the certificate's input; then --serviceaccount-dir; else self-trust. */
async function anchorsFrom(
  options: GatherOptions,
  reader: InputReader,
  findings: InputFinding[],
  inputs: InputEntry[],
  implicit: Anchors,
  implied: DialledName[],
): Promise<Anchors> {
  if (options.cas.length > 0) {
    const bytes: FoundBytes[] = [];
    let system = false;
    for (const ca of options.cas) {
      const found = await caFrom(ca, options, reader, findings, inputs, implied);
      if (found === 'system') system = true;
      else bytes.push(...found);
    }
    return bytes.length === 0 && system ? 'system' : { bytes };
  }
  if (implicit !== null) return implicit;
  if (options.serviceAccountDir !== undefined && !options.inCluster) {
    const view = await serviceAccountDir(options.serviceAccountDir, reader);
    inputs.push({
      role: 'ca',
      form: 'serviceaccount-dir',
      source: view.dir,
      detail: serviceAccountText(view),
    });
    serviceAccountFindings(view, findings);
    return view.ca ? { bytes: [view.ca] } : 'system';
  }
  return null;
}

async function caFrom(
  source: string,
  options: GatherOptions,
  reader: InputReader,
  findings: InputFinding[],
  inputs: InputEntry[],
  implied: DialledName[],
): Promise<FoundBytes[] | 'system'> {
  const opened = await openInput(source, reader, options.context);
  switch (opened.form) {
    case 'trust': {
      const found = trustFrom(opened, options.webhook, 'ca', { findings, inputs });
      for (const name of found.names)
        if (!implied.some((other) => other.host === name.host)) implied.push(name);
      return found.anchors === 'system' || found.anchors === null
        ? 'system'
        : [...found.anchors.bytes];
    }
    case 'kubeadm-pki': {
      const view = opened.kubeadm;
      inputs.push({
        role: 'ca',
        form: 'kubeadm-pki',
        source,
        detail: `${view.pki}/ca.crt: cluster CA`,
        component: 'ca',
      });
      return [view.ca];
    }
    case 'certificate':
      return [opened.bytes];
    case 'secret':
    case 'secret-list': {
      const withCa = opened.secrets.filter((secret) => secret.ca !== null);
      const distinct = new Map(
        withCa.map((secret) => [Buffer.from(secret.ca?.bytes ?? []).toString('hex'), secret]),
      );
      if (distinct.size === 0)
        throw new InputError(
          source,
          `has no ca.crt in ${opened.secrets.length === 1 ? 'its Secret' : `any of its ${opened.secrets.length} Secrets`}`,
        );
      if (distinct.size > 1) {
        const groups = [...distinct.keys()].map((key) =>
          withCa
            .filter((secret) => Buffer.from(secret.ca?.bytes ?? []).toString('hex') === key)
            .map((secret) => secret.name)
            .join(', '),
        );
        throw new InputError(
          source,
          `holds ${distinct.size} different ca.crt values (${groups.map((group) => `[${group}]`).join(' vs ')}): some Secrets carry a stale CA; pass one Secret to check what its pods trust`,
        );
      }
      const [secret] = distinct.values();
      const names = withCa.map((entry) => entry.name);
      inputs.push({
        role: 'ca',
        form: opened.form,
        source,
        detail:
          withCa.length === 1 && secret
            ? secretText(secret, ['ca.crt'])
            : `ca.crt of ${withCa.length} Secrets, all identical (${names.slice(0, 5).join(', ')}${names.length > 5 ? ', …' : ''})`,
      });
      return [secret?.ca as FoundBytes];
    }
    case 'kubeconfig': {
      inputs.push({
        role: 'ca',
        form: 'kubeconfig',
        source,
        detail: kubeconfigText(opened.kubeconfig),
      });
      const anchors = await kubeconfigAnchors(opened.kubeconfig, source, reader, findings);
      return anchors === 'system' || anchors === null ? 'system' : [...anchors.bytes];
    }
    case 'serviceaccount-dir': {
      const view = opened.serviceAccount;
      inputs.push({
        role: 'ca',
        form: 'serviceaccount-dir',
        source,
        detail: serviceAccountText(view),
      });
      serviceAccountFindings(view, findings);
      return view.ca ? [view.ca] : 'system';
    }
  }
}
