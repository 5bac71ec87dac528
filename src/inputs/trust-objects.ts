/**
 * The objects in which Kubernetes records whom a TLS client trusts and what it dials, as
 * `kubectl get … -o yaml|json` prints them:
 * - Validating/MutatingWebhookConfiguration (admissionregistration.k8s.io/v1): per webhook,
 *   `clientConfig.caBundle` is the CA the kube-apiserver trusts, and `clientConfig.service`
 *   or `clientConfig.url` what it dials. For a Service the apiserver verifies the name
 *   `<name>.<namespace>.svc` (k8s.io/apiserver pkg/util/webhook/client.go: the TLS
 *   ServerName is `svc.Name + "." + svc.Namespace + ".svc"`), on `port` (default 443).
 * - A CustomResourceDefinition's conversion webhook (apiextensions.k8s.io/v1
 *   `spec.conversion.webhook.clientConfig`; v1beta1 `spec.conversion.webhookClientConfig`),
 *   called by the same client code.
 * - An APIService (apiregistration.k8s.io/v1 `spec.caBundle`, `spec.service`,
 *   `spec.insecureSkipTLSVerify`): the kube-aggregator proxies to
 *   `<service>.<namespace>.svc` (kube-aggregator pkg/apiserver/handler_proxy.go sets that
 *   ServerName). Without `spec.service` the group is served locally: no TLS.
 * - A ConfigMap with `ca.crt`: `kube-root-ca.crt`, published in every namespace by the
 *   kube-controller-manager's root-ca-cert-publisher (beta 1.20, GA 1.21) and mounted by
 *   every pod's projected service-account volume — the CA pods trust for the apiserver.
 * cert-manager's `cert-manager.io/inject-ca-from: <namespace>/<Certificate>` annotation says
 * the caBundle is copied by its cainjector from that Certificate's Secret (`ca.crt`).
 * Only certificates are read from these objects; nothing else in them is secret.
 */
import { InputError } from '../base/errors.js';
import type { InputComponent, InputForm } from '../report/inputs.js';
import { decodeStdBase64 } from './base64.js';
import { isRecord, stringField } from './structured.js';
import type { FoundBytes } from './types.js';

export const WEBHOOK_KINDS = [
  'ValidatingWebhookConfiguration',
  'MutatingWebhookConfiguration',
] as const;

/** cert-manager's cainjector annotation (cert-manager pkg/apis/certmanager: WantInjectAnnotation). */
export const INJECT_CA_FROM = 'cert-manager.io/inject-ca-from';

/** What a TLS client dials, as the object says. */
export interface Dialled {
  /** The name the client verifies: `<svc>.<ns>.svc`, or the URL's host. */
  readonly host: string;
  readonly port: number;
  /** `service ns/name` or `url https://…`: where the object said it. */
  readonly via: string;
  /** The URL the kube-apiserver logs for this call, e.g. `https://svc.ns.svc:443/validate`. */
  readonly url: string;
}

/** One trust relation from one object: a webhook, a conversion webhook, an APIService, a CA. */
export interface TrustEntry {
  readonly form: Exclude<InputForm, 'certificate' | 'secret' | 'secret-list' | 'kubeconfig'>;
  /** e.g. `ValidatingWebhookConfiguration ingress-nginx-admission`. */
  readonly object: string;
  /** The webhook's name (webhook configurations), the object name otherwise. */
  readonly name: string;
  /** The CA the dialling client trusts; null: none given (the system roots). */
  readonly ca: FoundBytes | null;
  readonly dialled: Dialled | null;
  /** APIService `insecureSkipTLSVerify: true`. */
  readonly insecure: boolean;
  /**
   * An admission webhook's `timeoutSeconds`: 10 by default in admissionregistration.k8s.io/v1,
   * 30 in v1beta1 (k8s.io/api admissionregistration types).
   */
  readonly timeoutSeconds?: number;
  /** cert-manager's `cert-manager.io/inject-ca-from` value, when annotated. */
  readonly injectFrom: string | null;
  /** The component serving what is dialled (for the report's provenance). */
  readonly component: InputComponent;
  /** Why there is nothing to dial, when there is not (a local APIService). */
  readonly note: string | null;
}

export function isTrustObject(doc: Record<string, unknown>): boolean {
  const kind = doc['kind'];
  if (kind === 'APIService') return true;
  if ((WEBHOOK_KINDS as readonly unknown[]).includes(kind)) return true;
  if (kind === 'CustomResourceDefinition') return conversionClientConfig(doc) !== null;
  if (kind === 'ConfigMap') {
    const data = doc['data'];
    return isRecord(data) && typeof data['ca.crt'] === 'string';
  }
  return false;
}

/** Why a single object of a trust kind cannot be used, or null when it can. */
export function unusableTrustObject(doc: Record<string, unknown>): string | null {
  const id = objectId(doc);
  if (doc['kind'] === 'CustomResourceDefinition' && conversionClientConfig(doc) === null)
    return `CustomResourceDefinition ${id} has no conversion webhook (spec.conversion.strategy is not Webhook)`;
  if (doc['kind'] === 'ConfigMap' && !isTrustObject(doc)) return `ConfigMap ${id} has no ca.crt`;
  return null;
}

/** The trust entries of one object (a webhook configuration has one per webhook). */
export function trustEntries(doc: Record<string, unknown>, source: string): TrustEntry[] {
  const kind = String(doc['kind']);
  const id = objectId(doc);
  const object = `${kind} ${id}`;
  const metadata = isRecord(doc['metadata']) ? doc['metadata'] : {};
  const annotations = isRecord(metadata['annotations']) ? metadata['annotations'] : {};
  const injectFrom = stringField(annotations, INJECT_CA_FROM) ?? null;
  const caBundle = (value: unknown, field: string): FoundBytes | null => {
    if (value === undefined || value === null || value === '') return null;
    if (typeof value !== 'string')
      throw new InputError(source, `${object}: ${field} is not a string`);
    const bytes = decodeStdBase64(value);
    if (!bytes) throw new InputError(source, `${object}: ${field} is not valid base64`);
    return { bytes, label: `${source}: ${object} ${field}` };
  };

  if ((WEBHOOK_KINDS as readonly string[]).includes(kind)) {
    const webhooks = Array.isArray(doc['webhooks']) ? doc['webhooks'] : [];
    return webhooks.filter(isRecord).map((webhook, index) => {
      const name = stringField(webhook, 'name') ?? `webhooks[${index}]`;
      const config = isRecord(webhook['clientConfig']) ? webhook['clientConfig'] : {};
      const field = `webhook ${JSON.stringify(name)} clientConfig.caBundle`;
      return {
        form: 'webhook-configuration',
        object,
        name,
        ca: caBundle(config['caBundle'], field),
        dialled: dialledBy(config, source, `${object} webhook ${JSON.stringify(name)}`),
        insecure: false,
        timeoutSeconds:
          typeof webhook['timeoutSeconds'] === 'number'
            ? webhook['timeoutSeconds']
            : String(doc['apiVersion']).endsWith('/v1beta1')
              ? 30
              : 10,
        injectFrom,
        component: 'webhook',
        note: null,
      };
    });
  }
  if (kind === 'CustomResourceDefinition') {
    const config = conversionClientConfig(doc) ?? {};
    return [
      {
        form: 'crd-conversion',
        object,
        name: id,
        ca: caBundle(config['caBundle'], 'conversion webhook clientConfig.caBundle'),
        dialled: dialledBy(config, source, `${object} conversion webhook`),
        insecure: false,
        injectFrom,
        component: 'webhook',
        note: null,
      },
    ];
  }
  if (kind === 'APIService') {
    const spec = isRecord(doc['spec']) ? doc['spec'] : {};
    const service = isRecord(spec['service']) ? spec['service'] : null;
    return [
      {
        form: 'apiservice',
        object,
        name: id,
        ca: caBundle(spec['caBundle'], 'spec.caBundle'),
        dialled: service ? serviceDialled(service, '', object, source) : null,
        insecure: spec['insecureSkipTLSVerify'] === true,
        injectFrom,
        component: 'aggregated-apiserver',
        note: service
          ? null
          : `${object} has no spec.service: the kube-apiserver serves this group itself, no TLS call is made`,
      },
    ];
  }
  // A ConfigMap: its ca.crt is PEM text (ConfigMap data is not base64).
  const data = isRecord(doc['data']) ? doc['data'] : {};
  const text = stringField(data, 'ca.crt') ?? '';
  return [
    {
      form: 'configmap',
      object,
      name: id,
      ca: {
        bytes: new Uint8Array(Buffer.from(text)),
        label: `${source}: ${object} data["ca.crt"]`,
      },
      dialled: null,
      insecure: false,
      injectFrom,
      // The pods trust it to verify the kube-apiserver (kubernetes.default, the Service IP).
      component: 'kube-apiserver',
      note: null,
    },
  ];
}

/** `--webhook NAME`: the entries named so (a webhook, or an object name), else every one. */
export function selectEntries(
  entries: readonly TrustEntry[],
  wanted: string | undefined,
  source: string,
): TrustEntry[] {
  if (wanted === undefined) return [...entries];
  const picked = entries.filter(
    (entry) => entry.name === wanted || entry.object.endsWith(` ${wanted}`),
  );
  if (picked.length === 0)
    throw new InputError(
      source,
      `has no webhook ${JSON.stringify(wanted)} (webhooks: ${entries.map((entry) => entry.name).join(', ') || 'none'})`,
    );
  return picked;
}

/** "ValidatingWebhookConfiguration x, webhook "y": caBundle; dials service ns/svc → svc.ns.svc:443". */
export function trustEntryText(entry: TrustEntry): string {
  const what =
    entry.form === 'webhook-configuration'
      ? `${entry.object}, webhook ${JSON.stringify(entry.name)}`
      : entry.form === 'crd-conversion'
        ? `${entry.object}, conversion webhook`
        : entry.object;
  const ca =
    entry.form === 'configmap'
      ? 'ca.crt (the CA pods trust for the kube-apiserver)'
      : entry.ca
        ? 'caBundle'
        : 'no caBundle (the system roots)';
  const parts = [ca];
  if (entry.injectFrom)
    parts.push(`caBundle injected by cert-manager from Certificate ${entry.injectFrom}`);
  if (entry.dialled) parts.push(`dials ${entry.dialled.url} (${entry.dialled.via})`);
  if (entry.insecure) parts.push('insecureSkipTLSVerify: true');
  if (entry.note) parts.push(entry.note);
  return `${what}: ${parts.join('; ')}`;
}

function objectId(doc: Record<string, unknown>): string {
  const metadata = isRecord(doc['metadata']) ? doc['metadata'] : {};
  const name = stringField(metadata, 'name') ?? '(unnamed)';
  const namespace = stringField(metadata, 'namespace');
  return namespace ? `${namespace}/${name}` : name;
}

function conversionClientConfig(doc: Record<string, unknown>): Record<string, unknown> | null {
  const spec = isRecord(doc['spec']) ? doc['spec'] : {};
  const conversion = isRecord(spec['conversion']) ? spec['conversion'] : null;
  if (!conversion || conversion['strategy'] !== 'Webhook') return null;
  const webhook = isRecord(conversion['webhook']) ? conversion['webhook'] : {};
  if (isRecord(webhook['clientConfig'])) return webhook['clientConfig'];
  // apiextensions.k8s.io/v1beta1 (until Kubernetes 1.22).
  if (isRecord(conversion['webhookClientConfig'])) return conversion['webhookClientConfig'];
  return null;
}

function dialledBy(config: Record<string, unknown>, source: string, where: string): Dialled | null {
  const service = isRecord(config['service']) ? config['service'] : null;
  if (service) return serviceDialled(service, stringField(service, 'path') ?? '', where, source);
  const url = stringField(config, 'url');
  if (url === undefined) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InputError(source, `${where}: url ${JSON.stringify(url)} is not a URL`);
  }
  if (parsed.protocol !== 'https:')
    throw new InputError(source, `${where}: url ${url} is not https (webhooks require https)`);
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  return {
    host,
    port: parsed.port === '' ? 443 : Number(parsed.port),
    via: `url ${url}`,
    url,
  };
}

function serviceDialled(
  service: Record<string, unknown>,
  path: string,
  where: string,
  source: string,
): Dialled {
  const name = stringField(service, 'name');
  const namespace = stringField(service, 'namespace');
  if (!name || !namespace)
    throw new InputError(source, `${where}: service has no name or namespace`);
  const port = typeof service['port'] === 'number' ? service['port'] : 443;
  const host = `${name}.${namespace}.svc`;
  return {
    host,
    port,
    via: `service ${namespace}/${name}`,
    url: `https://${host}:${port}${path}`,
  };
}
