/**
 * One command-line input, recognised by what it is rather than by its name: a directory
 * is a service-account mount; a file is a kubeconfig, a Secret (or a List of them) when it
 * is YAML/JSON of that shape, and otherwise certificates (PEM, DER or base64: src/load).
 */
import { InputError } from '../base/errors.js';
import { isKubeconfigDocument, kubeconfigFrom, type KubeconfigView } from './kubeconfig.js';
import { isSecretDocument, secretsFrom, type SecretView } from './secret.js';
import { readServiceAccountDir, type ServiceAccountView } from './serviceaccount.js';
import { looksStructured, parseStructured } from './structured.js';
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
    };

export async function openInput(
  source: string,
  reader: InputReader,
  context: string | undefined,
): Promise<Opened> {
  if (source !== '-' && (await reader.pathKind(source)) === 'directory')
    return {
      form: 'serviceaccount-dir',
      source,
      serviceAccount: await readServiceAccountDir(source, reader),
    };
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
  if (documents.every(isSecretDocument)) {
    const secrets = documents.flatMap((document) => secretsFrom(document, source));
    const list = documents.length > 1 || first['kind'] !== 'Secret';
    return { form: list ? 'secret-list' : 'secret', source, secrets };
  }
  const kind = typeof first['kind'] === 'string' ? `a ${first['kind']}` : 'YAML';
  throw new InputError(
    source,
    `is ${kind}, not a certificate, a Secret, a List of Secrets or a kubeconfig`,
  );
}
