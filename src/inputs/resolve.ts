/**
 * Reading or dialling what the plan (src/inputs/classify.ts) names: one step per kind, each
 * returning the target — the served certificate's bytes or the server to dial, the trust
 * anchors that came with it — and recording provenance and findings in the trail.
 */
import { ipVersion } from '../base/ip.js';
import { InputError } from '../base/errors.js';
import { endpointText } from '../live/types.js';
import type { DialledName } from '../names/defaults.js';
import { parseName } from '../names/parse.js';
import type { InputFinding } from '../report/findings.js';
import type { InputEntry } from '../report/report.js';
import { firstDns, type Live } from './capture.js';
import { certificatesFrom } from './index.js';
import type { Plan } from './classify.js';
import { inClusterLive, requireInClusterEnv, serviceAccountDir } from './in-cluster.js';
import { kubeconfigText, type KubeconfigView } from './kubeconfig.js';
import { openInput, type Opened } from './open.js';
import { kubeadmInventory } from './kubeadm.js';
import { secretNamespace, secretText, type SecretView } from './secret.js';
import { serviceNames, servesHost } from './serving.js';
import { trustFrom } from './trust.js';
import type { Anchors, FoundBytes, InputReader } from './types.js';

/** Where the report's provenance and the inputs' findings are collected, in the order found. */
export interface Trail {
  readonly findings: InputFinding[];
  readonly inputs: InputEntry[];
}

interface TargetCommon {
  /** For the report header: the file named, or the server dialled. */
  readonly source: string;
  /** Anchors that came with the target's own input (a Secret's ca.crt, a kubeconfig CA). */
  readonly implicit: Anchors;
  /** The names this way of checking implies (a kubeconfig's server, Heapster's host), if any. */
  readonly names: readonly DialledName[] | null;
}

/** What to judge: certificate bytes read from an input, or a server to dial. */
export type Target = TargetCommon &
  (
    | { readonly served: FoundBytes; readonly live: null }
    | { readonly served: null; readonly live: Live }
  );

export interface ResolveOptions {
  readonly context: string | undefined;
  readonly userNames: readonly DialledName[] | null;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** --webhook: the webhook (or trust object) to take from a webhook configuration. */
  readonly webhook: string | undefined;
  /** The moment certificates are judged at (a kubeadm inventory's expiry). */
  readonly now: Date;
}

export async function resolvePlan(
  plan: Plan,
  options: ResolveOptions,
  reader: InputReader,
  trail: Trail,
): Promise<Target> {
  switch (plan.kind) {
    case 'endpoint':
      return resolveEndpoint(plan.argument, plan.endpoint, options, trail);
    case 'endpoint-or-file':
      return (await reader.pathKind(plan.argument)) === 'missing'
        ? resolveEndpoint(plan.argument, plan.endpoint, options, trail)
        : resolveFile(plan.argument, options, reader, trail);
    case 'file':
      return resolveFile(plan.argument, options, reader, trail);
    case 'kubeconfig':
      return liveTarget(
        await kubeconfigLive(
          await openKubeconfig(plan.path, reader, options.context, '--kubeconfig'),
          plan.path,
          reader,
          trail.findings,
          trail.inputs,
        ),
      );
    case 'in-cluster': {
      requireInClusterEnv(options.env);
      const view = await serviceAccountDir(plan.serviceAccountDir, reader);
      return liveTarget(inClusterLive(view, options, trail.findings, trail.inputs));
    }
  }
}

function liveTarget(found: { live: Live; anchors: Anchors }): Target {
  return {
    source: found.live.source,
    served: null,
    live: found.live,
    implicit: found.anchors,
    names: null,
  };
}

function resolveEndpoint(
  argument: string,
  endpoint: { readonly host: string; readonly port: number },
  options: ResolveOptions,
  trail: Trail,
): Target {
  const names = [named(endpoint.host, 'the endpoint given on the command line')];
  const live: Live = {
    source: argument,
    host: endpoint.host,
    port: endpoint.port,
    servername: firstDns(options.userNames ?? names),
    names,
  };
  trail.inputs.push({
    role: 'endpoint',
    form: 'endpoint',
    source: argument,
    detail: `TLS handshake with ${endpointText(endpoint.host, endpoint.port)}`,
  });
  return { source: argument, served: null, live, implicit: null, names: null };
}

async function resolveFile(
  argument: string,
  options: ResolveOptions,
  reader: InputReader,
  trail: Trail,
): Promise<Target> {
  const opened = await openInput(argument, reader, options.context);
  switch (opened.form) {
    case 'certificate':
      return { source: argument, served: opened.bytes, live: null, implicit: null, names: null };
    case 'secret':
    case 'secret-list': {
      const secret = servingSecret(opened);
      trail.inputs.push({
        role: 'certificate',
        form: opened.form,
        source: argument,
        detail: secretText(secret, secret.ca ? ['tls.crt', 'ca.crt'] : ['tls.crt']),
      });
      return {
        source: argument,
        served: secret.tls as FoundBytes,
        live: null,
        implicit: secret.ca ? { bytes: [secret.ca] } : null,
        names: null,
      };
    }
    case 'kubeconfig':
      return liveTarget(
        await kubeconfigLive(opened.kubeconfig, argument, reader, trail.findings, trail.inputs),
      );
    case 'serviceaccount-dir':
      return liveTarget(
        inClusterLive(opened.serviceAccount, options, trail.findings, trail.inputs),
      );
    case 'trust':
      return trustTarget(opened, options.webhook, trail);
    case 'kubeadm-pki': {
      // The apiserver's serving certificate against the cluster CA, with every other
      // certificate and kubeconfig listed by role, expiry and issuer.
      const view = opened.kubeadm;
      if (!view.apiserver) throw new InputError(argument, 'has no pki/apiserver.crt');
      const inventory = await kubeadmInventory(view, argument, options.now);
      trail.inputs.push(...inventory.entries);
      trail.findings.push(...inventory.findings);
      return {
        source: argument,
        served: view.apiserver,
        live: null,
        implicit: { bytes: [view.ca] },
        names: null,
      };
    }
  }
}

/**
 * A serving Secret beside trust objects: the whole diagnosis from one input — the Secret's
 * tls.crt against the CA the selected entries trust, for the names they dial. `diagnose`
 * reaches it through a file; `diagnose batch` pairs a webhook or APIService with its Secret
 * found anywhere in the input and comes here too, so both judge a pair the same way.
 */
export async function trustTarget(
  opened: Opened & { readonly form: 'trust' },
  webhook: string | undefined,
  trail: Trail,
): Promise<Target & { readonly served: FoundBytes }> {
  const argument = opened.source;
  if (!opened.secrets.some((secret) => secret.tls !== null))
    throw new InputError(
      argument,
      `is ${formText(opened)}: the CA a client trusts and the names it dials, not a served certificate; give the serving certificate (or its Secret) as the argument and this with --ca`,
    );
  const found = trustFrom(opened, webhook, 'ca', trail);
  const secret = await secretForNames(opened, found.names);
  trail.inputs.push({
    role: 'certificate',
    form: 'secret',
    source: argument,
    detail: secretText(secret, ['tls.crt']),
  });
  // The Secret's entry first: the served certificate, then what trusts it.
  trail.inputs.unshift(...trail.inputs.splice(trail.inputs.length - 1, 1));
  return {
    source: argument,
    served: secret.tls as FoundBytes,
    live: null,
    implicit: found.anchors,
    names: found.names.length > 0 ? found.names : null,
  };
}

/**
 * The serving Secret beside trust objects: the only one with a tls.crt, or — in a List of
 * many (`kubectl get validatingwebhookconfigurations,secrets -A -o yaml`) — the one whose
 * certificate is for the host the selected webhook dials: a DNS SAN that is the host;
 * failing that, a name that stands for its Service (under the cluster domain,
 * `*.<namespace>.svc`, the CN of a certificate without SANs; src/inputs/serving.ts), as the
 * batch inventory pairs them; failing that, one in the Service's namespace that names it
 * without `.svc`: a certificate made for the wrong name, which the judge then refuses.
 */
async function secretForNames(
  opened: Opened & { readonly form: 'trust' },
  names: readonly DialledName[],
): Promise<SecretView> {
  const serving = opened.secrets.filter((secret) => secret.tls !== null);
  if (serving.length <= 1 || names.length === 0) return servingSecret(opened);
  const hosts = [...new Set(names.map((name) => name.host.toLowerCase()))];
  const tiers: Record<'exact' | 'full' | 'short', SecretView[]> = {
    exact: [],
    full: [],
    short: [],
  };
  for (const secret of serving) {
    const [leaf] = await certificatesFrom((secret.tls as FoundBytes).bytes, secret.name);
    if (!leaf) continue;
    const sans = (leaf.facts.san?.dns ?? []).map((dns) => dns.toLowerCase());
    const namespace = secretNamespace(secret);
    const service = serviceNames(leaf.facts, namespace);
    const how = hosts.map((host) =>
      sans.includes(host) ? 'exact' : servesHost(service, namespace, host),
    );
    const best = (['exact', 'full', 'short'] as const).find((tier) => how.includes(tier));
    if (best) tiers[best].push(secret);
  }
  const matching = [tiers.exact, tiers.full, tiers.short].find((tier) => tier.length > 0) ?? [];
  if (matching.length === 1 && matching[0]) return matching[0];
  throw new InputError(
    opened.source,
    matching.length === 0
      ? `holds ${serving.length} Secrets with a tls.crt, none for ${hosts.join(', ')}; pass the serving Secret with the configuration as --ca`
      : `holds ${matching.length} Secrets whose tls.crt names ${hosts.join(', ')} (${matching.map((secret) => secret.name).join(', ')}); pick one webhook with --webhook NAME`,
  );
}

export function named(host: string, dialledBy: string): DialledName {
  return { ...parseName(host), dialledBy, decisive: true };
}

export function formText(opened: Opened): string {
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
    case 'kubeadm-pki':
      return 'a kubeadm pki directory';
    case 'trust':
      return [...new Set(opened.entries.map((entry) => entry.object.split(' ')[0]))]
        .map((kind) => `a ${kind}`)
        .join(' and ');
  }
}

/** Opens a file that must be a kubeconfig; `flag` says in the error where it was named. */
export async function openKubeconfig(
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
export function servingSecret(
  opened: Opened & { readonly secrets: readonly SecretView[] },
): SecretView {
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

export async function kubeconfigLive(
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
      servername: ipVersion(name) ? null : name,
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

export async function kubeconfigAnchors(
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
