/**
 * One command-line input, recognised by what it is rather than by its name: a directory
 * is a kubeadm pki directory (ca.crt and apiserver.crt, or pki/ holding them) or a
 * service-account mount; a file is a kubeconfig, a Secret (or a List of them), a trust
 * object — webhook configuration, CRD conversion webhook, APIService, ConfigMap with
 * ca.crt (src/inputs/trust-objects.ts), alone, in a List or beside the serving Secret —
 * when it is YAML/JSON of that shape, and otherwise certificates (PEM, DER or base64: src/load).
 */
import { InputError } from '../base/errors.js';
import { kubeadmPkiDir, readKubeadm, type KubeadmView } from './kubeadm.js';
import { isKubeconfigDocument, kubeconfigFrom, type KubeconfigView } from './kubeconfig.js';
import { isSecretDocument, secretsFrom, type SecretView } from './secret.js';
import { readServiceAccountDir, type ServiceAccountView } from './serviceaccount.js';
import { isRecord, looksStructured, parseStructured } from './structured.js';
import {
  isTrustObject,
  trustEntries,
  unusableTrustObject,
  type TrustEntry,
} from './trust-objects.js';
import type { FoundBytes, InputReader } from './types.js';

export type Opened =
  | { readonly form: 'certificate'; readonly source: string; readonly bytes: FoundBytes }
  | {
      readonly form: 'secret' | 'secret-list';
      readonly source: string;
      readonly secrets: readonly SecretView[];
    }
  | { readonly form: 'kubeconfig'; readonly source: string; readonly kubeconfig: KubeconfigView }
  | {
      readonly form: 'serviceaccount-dir';
      readonly source: string;
      readonly serviceAccount: ServiceAccountView;
    }
  /** Trust objects, and the Secrets found beside them (a serving Secret in the same List). */
  | {
      readonly form: 'trust';
      readonly source: string;
      readonly entries: readonly TrustEntry[];
      readonly secrets: readonly SecretView[];
    }
  | { readonly form: 'kubeadm-pki'; readonly source: string; readonly kubeadm: KubeadmView };

export async function openInput(
  source: string,
  reader: InputReader,
  context: string | undefined,
): Promise<Opened> {
  if (source !== '-' && (await reader.pathKind(source)) === 'directory') {
    const pki = await kubeadmPkiDir(source, reader);
    if (pki) return { form: 'kubeadm-pki', source, kubeadm: await readKubeadm(pki, reader) };
    return {
      form: 'serviceaccount-dir',
      source,
      serviceAccount: await readServiceAccountDir(source, reader),
    };
  }
  const bytes = await reader.read(source);
  return openBytes(bytes, source, context);
}

export async function openBytes(
  bytes: Uint8Array,
  source: string,
  context: string | undefined,
): Promise<Opened> {
  const text = Buffer.from(bytes).toString('utf8');
  if (bytes.length === 0 || !looksStructured(text))
    return { form: 'certificate', source, bytes: { bytes, label: source } };
  const documents = await parseStructured(text, source);
  const first = documents[0] ?? {};
  if (documents.length === 1 && isKubeconfigDocument(first))
    return { form: 'kubeconfig', source, kubeconfig: kubeconfigFrom(first, source, context) };
  const items = documents.flatMap(listItems);
  if (items.some(isTrustObject)) {
    const secrets = items
      .filter((item) => item['kind'] === 'Secret')
      .flatMap((item) => secretsFrom(item, source));
    const entries = items.filter(isTrustObject).flatMap((item) => trustEntries(item, source));
    return { form: 'trust', source, entries, secrets };
  }
  if (documents.every(isSecretDocument)) {
    const secrets = documents.flatMap((document) => secretsFrom(document, source));
    const list = documents.length > 1 || first['kind'] !== 'Secret';
    return { form: list ? 'secret-list' : 'secret', source, secrets };
  }
  const unusable = documents.length === 1 ? unusableTrustObject(first) : null;
  if (unusable) throw new InputError(source, unusable);
  const kind = typeof first['kind'] === 'string' ? `a ${first['kind']}` : 'YAML';
  throw new InputError(
    source,
    `is ${kind}, not a certificate, a Secret, a List of Secrets, a kubeconfig or a trust object (webhook configuration, CRD conversion webhook, APIService, ConfigMap with ca.crt)`,
  );
}

/** A `List` (or `<Kind>List`) stands for its items; any other document for itself. */
function listItems(doc: Record<string, unknown>): Record<string, unknown>[] {
  const kind = doc['kind'];
  if (typeof kind === 'string' && kind.endsWith('List') && Array.isArray(doc['items']))
    return (doc['items'] as unknown[]).filter(isRecord).flatMap(listItems);
  return [doc];
}
