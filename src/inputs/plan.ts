/**
 * From the command line's inputs to what diagnose needs: the served certificates (a file,
 * a Secret's tls.crt, or a live server), the trust anchors (--ca, a Secret's ca.crt, a
 * kubeconfig's CA, the service-account ca.crt, or none), the names and where each came
 * from. File access and the handshake are injected by the CLI; nothing here touches fs or
 * the network itself, and nothing connects unless the user named a server, a kubeconfig to
 * check live, or --in-cluster.
 */
import { isIP } from 'node:net';
import type { ConnectionEntry, InputEntry } from '../report/report.js';
import type { InputFinding } from '../report/findings.js';
import { InputError, UsageError } from '../base/errors.js';
import type { HeapsterSourcePlan } from './heapster-source.js';
import { endpointText, type TlsHandshake } from '../live/types.js';
import type { DialledName } from '../names/defaults.js';
import { parseName } from '../names/parse.js';
import { captureLive, firstDns, type Live } from './capture.js';
import { parseEndpoint } from './endpoint.js';
import { certificatesFrom, type CertificateWithFacts } from './index.js';
import { kubeconfigText, type KubeconfigView } from './kubeconfig.js';
import { openInput, type Opened } from './open.js';
import { secretText, type SecretView } from './secret.js';
import { DEFAULT_SERVICEACCOUNT_DIR, serviceAccountText } from './serviceaccount.js';
import {
  inClusterLive,
  requireInClusterEnv,
  serviceAccountDir,
  serviceAccountFindings,
} from './in-cluster.js';
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
  const findings: InputFinding[] = [];
  const inputs: InputEntry[] = [];
  const { reader } = deps;
  let served: FoundBytes | null = null;
  let servedSource = '';
  let live: Live | null = null;
  /** Anchors that came with the certificate's own input (a Secret's ca.crt, a kubeconfig CA). */
  let implicit: Anchors = null;
  let modeNames: readonly DialledName[] | null = null;

  const positional = options.certificate;
  if (positional !== undefined && positional !== '') {
    if (options.inCluster)
      throw new UsageError('--in-cluster dials the apiserver itself: give no certificate argument');
    const endpoint = parseEndpoint(positional);
    if (endpoint && (endpoint.explicit || (await reader.pathKind(positional)) === 'missing')) {
      live = {
        source: positional,
        host: endpoint.host,
        port: endpoint.port,
        servername: null,
        names: [named(endpoint.host, 'the endpoint given on the command line')],
      };
      live = { ...live, servername: firstDns(options.userNames ?? live.names ?? []) };
      inputs.push({
        role: 'endpoint',
        form: 'endpoint',
        source: positional,
        detail: `TLS handshake with ${endpointText(endpoint.host, endpoint.port)}`,
      });
    } else {
      const opened = await openInput(positional, reader, options.context);
      switch (opened.form) {
        case 'certificate':
          served = opened.bytes;
          servedSource = positional;
          break;
        case 'secret':
        case 'secret-list': {
          const secret = servingSecret(opened);
          served = secret.tls;
          servedSource = positional;
          inputs.push({
            role: 'certificate',
            form: opened.form,
            source: positional,
            detail: secretText(secret, secret.ca ? ['tls.crt', 'ca.crt'] : ['tls.crt']),
          });
          if (secret.ca) implicit = { bytes: [secret.ca] };
          break;
        }
        case 'kubeconfig': {
          const fromKubeconfig = await kubeconfigLive(
            opened.kubeconfig,
            positional,
            reader,
            findings,
            inputs,
          );
          live = fromKubeconfig.live;
          implicit = fromKubeconfig.anchors;
          break;
        }
        case 'serviceaccount-dir': {
          const inCluster = inClusterLive(opened.serviceAccount, options, findings, inputs);
          live = inCluster.live;
          implicit = inCluster.anchors;
          break;
        }
      }
    }
  } else if (options.kubeconfig !== undefined) {
    const fromKubeconfig = await kubeconfigLive(
      await openKubeconfig(options.kubeconfig, reader, options.context, '--kubeconfig'),
      options.kubeconfig,
      reader,
      findings,
      inputs,
    );
    live = fromKubeconfig.live;
    implicit = fromKubeconfig.anchors;
  } else if (options.inCluster) {
    const dir = options.serviceAccountDir ?? DEFAULT_SERVICEACCOUNT_DIR;
    requireInClusterEnv(options.env);
    const view = await serviceAccountDir(dir, reader);
    const inCluster = inClusterLive(view, options, findings, inputs);
    live = inCluster.live;
    implicit = inCluster.anchors;
  } else {
    throw new UsageError(
      'nothing to check: give a certificate file (or -), an endpoint (https://host:port), --kubeconfig FILE or --in-cluster',
    );
  }

  // A kubeconfig next to a certificate file: its CA and server name, no connection.
  if (served && options.kubeconfig !== undefined) {
    const fromKubeconfig = await kubeconfigLive(
      await openKubeconfig(options.kubeconfig, reader, options.context, '--kubeconfig'),
      options.kubeconfig,
      reader,
      findings,
      inputs,
      'ca',
    );
    implicit ??= fromKubeconfig.anchors;
    modeNames = fromKubeconfig.live.names;
  }

  // Heapster's --source decides the name (and for in-cluster checks, the host dialled).
  const heapster = options.heapsterSource;
  if (heapster) {
    findings.push(...heapster.findings);
    const heapsterAnchors = await heapsterCa(heapster, options, reader, findings, inputs);
    implicit ??= heapsterAnchors.anchors;
    const host = heapster.host || heapsterAnchors.kubeconfigHost || '';
    if (host !== '') {
      modeNames = [named(host, heapster.why)];
      if (live && options.inCluster && live.host !== host) {
        live = { ...live, host, port: heapster.port, servername: isIP(host) ? null : host };
      }
    }
  }

  const anchors = await anchorsFrom(options, reader, findings, inputs, implicit);
  const names = options.userNames ?? modeNames ?? live?.names ?? options.defaultNames;

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
    certificates = await certificatesFrom(
      (served as FoundBytes).bytes,
      (served as FoundBytes).label,
    );
    source = servedSource;
  }

  let roots: CertificateWithFacts[] | null = null;
  if (anchors === 'system') roots = [];
  else if (anchors) {
    roots = [];
    for (const found of anchors.bytes)
      roots.push(...(await certificatesFrom(found.bytes, found.label)));
  }
  return { source, certificates, roots, names, findings, inputs, connection };
}

function named(host: string, dialledBy: string): DialledName {
  return { ...parseName(host), dialledBy, decisive: true };
}

function formText(opened: Opened): string {
  switch (opened.form) {
    case 'certificate':
      return 'not YAML (a certificate?)';
    case 'secret':
      return 'a Secret';
    case 'secret-list':
      return 'a List of Secrets';
    case 'kubeconfig':
      return 'a kubeconfig';
    case 'serviceaccount-dir':
      return 'a directory';
  }
}

/** Opens a file that must be a kubeconfig; `flag` says in the error where it was named. */
async function openKubeconfig(
  source: string,
  reader: InputReader,
  context: string | undefined,
  flag: string,
): Promise<KubeconfigView> {
  const opened = await openInput(source, reader, context);
  if (opened.form !== 'kubeconfig') {
    throw new InputError(source, `is ${formText(opened)}, not a kubeconfig (${flag})`);
  }
  return opened.kubeconfig;
}

/** The one Secret with tls.crt: the served certificate. */
function servingSecret(opened: Opened & { readonly secrets: readonly SecretView[] }): SecretView {
  const serving = opened.secrets.filter((secret) => secret.tls !== null);
  const distinct = new Map(
    serving.map((secret) => [Buffer.from(secret.tls?.bytes ?? []).toString('hex'), secret]),
  );
  const [only] = distinct.values();
  if (distinct.size === 1 && only) return only;
  if (distinct.size > 1)
    throw new InputError(
      opened.source,
      `holds ${distinct.size} Secrets with different tls.crt (${[...distinct.values()].map((s) => s.name).join(', ')}); pass one of them`,
    );
  const withCa = opened.secrets.some((secret) => secret.ca !== null);
  throw new InputError(
    opened.source,
    opened.secrets.length === 0
      ? 'holds no Secret'
      : `has no tls.crt (a served certificate)${withCa ? '; its ca.crt is a CA: pass it with --ca and give the apiserver certificate or endpoint as the argument' : ''}`,
  );
}

async function kubeconfigLive(
  view: KubeconfigView,
  source: string,
  reader: InputReader,
  findings: InputFinding[],
  inputs: InputEntry[],
  role: InputEntry['role'] = 'endpoint',
): Promise<{ live: Live; anchors: Anchors }> {
  const name = view.tlsServerName ?? view.host;
  inputs.push({ role, form: 'kubeconfig', source, detail: kubeconfigText(view) });
  if (view.insecure)
    findings.push({
      code: 'insecure-skip-tls-verify',
      severity: 'warning',
      note: `${source}, context ${view.context}: insecure-skip-tls-verify: true — kubectl and client-go accept any certificate from ${view.server}.`,
    });
  return {
    live: {
      source: view.server,
      host: view.host,
      port: view.port,
      servername: isIP(name) ? null : name,
      names: [
        named(
          name,
          `kubectl/client-go with ${source}, context ${view.context}${view.tlsServerName ? ' (tls-server-name)' : ''}`,
        ),
      ],
    },
    anchors: await kubeconfigAnchors(view, source, reader, findings),
  };
}

async function kubeconfigAnchors(
  view: KubeconfigView,
  source: string,
  reader: InputReader,
  findings: InputFinding[],
): Promise<Anchors> {
  if (view.caData) return { bytes: [view.caData] };
  if (view.caFile) {
    if ((await reader.pathKind(view.caFile)) === 'missing')
      throw new InputError(
        source,
        `cluster ${view.cluster}: certificate-authority ${view.caFile}: no such file (paths are relative to the kubeconfig)`,
      );
    return { bytes: [{ bytes: await reader.read(view.caFile), label: view.caFile }] };
  }
  findings.push({
    code: 'system-roots',
    severity: 'warning',
    note: `${source}, cluster ${view.cluster}: no certificate-authority(-data), so client-go verifies ${view.server} against the system roots.`,
  });
  return 'system';
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
): Promise<Anchors> {
  if (options.cas.length > 0) {
    const bytes: FoundBytes[] = [];
    let system = false;
    for (const ca of options.cas) {
      const found = await caFrom(ca, options, reader, findings, inputs);
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
): Promise<FoundBytes[] | 'system'> {
  const opened = await openInput(source, reader, options.context);
  switch (opened.form) {
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
