/**
 * Kubernetes Secrets as `kubectl get secret -o yaml|json` prints them, alone or in a
 * `List` (`kubectl get secrets -A -o yaml`). Only two keys matter here (Kubernetes
 * pkg/api/types.go: ServiceAccountRootCAKey `ca.crt`; kubernetes.io/tls: `tls.crt`):
 * their values are certificates and may be shown. Every other value — `token`, `tls.key`,
 * passwords — is never kept: only its key name, and for a token its public claims.
 */
import { InputError } from '../base/errors.js';
import { decodeStdBase64 } from './base64.js';
import { tokenText } from './jwt.js';
import { isRecord, stringField } from './structured.js';
import type { FoundBytes } from './types.js';

export interface SecretView {
  /** `namespace/name`, or `name` without a namespace. */
  readonly name: string;
  readonly type: string | null;
  readonly ca: FoundBytes | null;
  readonly tls: FoundBytes | null;
  /** The other keys, names only, with a token described by its claims. */
  readonly others: readonly string[];
}

/** The namespace of a Secret's `namespace/name` (neither part can hold a `/`). */
export function secretNamespace(secret: Pick<SecretView, 'name'>): string | null {
  const slash = secret.name.indexOf('/');
  return slash < 0 ? null : secret.name.slice(0, slash);
}

export function isSecretDocument(doc: Record<string, unknown>): boolean {
  return doc['kind'] === 'Secret' || isSecretList(doc);
}

function isSecretList(doc: Record<string, unknown>): boolean {
  return (doc['kind'] === 'List' || doc['kind'] === 'SecretList') && Array.isArray(doc['items']);
}

export function secretsFrom(doc: Record<string, unknown>, source: string): SecretView[] {
  if (!isSecretList(doc)) return [secretFrom(doc, source)];
  const items = doc['items'] as unknown[];
  return items
    .filter((item): item is Record<string, unknown> => isRecord(item) && item['kind'] !== 'Pod')
    .filter((item) => item['kind'] === undefined || item['kind'] === 'Secret')
    .map((item) => secretFrom(item, source));
}

function secretFrom(doc: Record<string, unknown>, source: string): SecretView {
  const metadata = isRecord(doc['metadata']) ? doc['metadata'] : {};
  const name = stringField(metadata, 'name') ?? '(unnamed)';
  const namespace = stringField(metadata, 'namespace');
  const id = namespace ? `${namespace}/${name}` : name;
  const data = isRecord(doc['data']) ? doc['data'] : {};
  const stringData = isRecord(doc['stringData']) ? doc['stringData'] : {};
  const label = (key: string, field: string): string =>
    `${source}: Secret ${id} ${field}[${JSON.stringify(key)}]`;

  const value = (key: string): FoundBytes | null => {
    const plain = stringData[key];
    if (typeof plain === 'string')
      return { bytes: new Uint8Array(Buffer.from(plain)), label: label(key, 'stringData') };
    const encoded = data[key];
    if (encoded === undefined || encoded === null) return null;
    if (typeof encoded !== 'string')
      throw new InputError(source, `Secret ${id}: data[${JSON.stringify(key)}] is not a string`);
    const bytes = decodeStdBase64(encoded);
    if (!bytes)
      throw new InputError(
        source,
        `Secret ${id}: data[${JSON.stringify(key)}] is not valid base64`,
      );
    return { bytes, label: label(key, 'data') };
  };

  const keys = [...new Set([...Object.keys(data), ...Object.keys(stringData)])].sort();
  const others = keys
    .filter((key) => key !== 'ca.crt' && key !== 'tls.crt')
    .map((key) => {
      if (key !== 'token') return key;
      const token = value('token');
      return token ? tokenText(Buffer.from(token.bytes).toString('utf8')) : key;
    });
  return {
    name: id,
    type: stringField(doc, 'type') ?? null,
    ca: value('ca.crt'),
    tls: value('tls.crt'),
    others,
  };
}

/** "Secret ns/name (type): ca.crt, tls.crt; also namespace, token present (…)". */
export function secretText(secret: SecretView, used: readonly ('ca.crt' | 'tls.crt')[]): string {
  const type = secret.type ? ` (${secret.type})` : '';
  const also = secret.others.length > 0 ? `; also ${secret.others.join(', ')}` : '';
  return `Secret ${secret.name}${type}: ${used.join(', ')}${also}`;
}
