/**
 * What one input file holds, as batch items: certificate files (PEM, DER, base64) are
 * one item; Kubernetes Secret manifests, `List`s of them (`kubectl get secrets -A -o
 * json`) and kubeconfigs yield one item per value that holds certificates. Pure.
 *
 * A minimal reader of those manifests, for batch only: it looks at nothing but values
 * whose decoded text is a PEM CERTIFICATE, so private keys and tokens are never
 * decoded into anything that is printed. (To be unified with src/inputs once the
 * Secret and kubeconfig readers there exist.)
 */
import { parseAllDocuments } from 'yaml';
import { InputError } from '../errors.js';
import { decodeBase64 } from '../load/pem.js';
import type { Item, ItemSource } from './types.js';

export interface Contents {
  readonly items: readonly Item[];
  /** True when the file is a manifest or kubeconfig (even one without certificates). */
  readonly manifest: boolean;
}

const CERTIFICATE_PEM = /-----BEGIN (X509 )?CERTIFICATE-----/;

/**
 * `strict`: the file was named on the command line, so JSON of another kind is an
 * error; a file found by walking a directory is then just not ours.
 */
export function itemsOf(bytes: Uint8Array, file: string, strict = true): Contents {
  const head = Buffer.from(bytes.subarray(0, 512)).toString('latin1').trimStart();
  if (head.startsWith('{') || head.startsWith('[')) {
    let document: unknown;
    try {
      document = JSON.parse(Buffer.from(bytes).toString('utf8'));
    } catch (error) {
      throw new InputError(file, `is not valid JSON (${(error as Error).message})`);
    }
    return { items: fromDocument(document, file, strict), manifest: true };
  }
  if (!head.startsWith('-----BEGIN') && /^(apiVersion|kind|data|clusters):/m.test(head)) {
    return { items: fromYaml(bytes, file), manifest: true };
  }
  return { items: [{ source: { kind: 'file', file }, bytes }], manifest: false };
}

function fromYaml(bytes: Uint8Array, file: string): Item[] {
  const items: Item[] = [];
  for (const document of parseAllDocuments(Buffer.from(bytes).toString('utf8'))) {
    if (document.errors.length > 0) {
      throw new InputError(
        file,
        `is not valid YAML (${document.errors[0]?.message.split('\n')[0]})`,
      );
    }
    items.push(...fromDocument(document.toJS(), file, false));
  }
  return items;
}

function fromDocument(document: unknown, file: string, strict: boolean): Item[] {
  if (!isObject(document)) {
    if (document === null || document === undefined) return [];
    throw new InputError(file, 'holds a manifest that is not an object');
  }
  const kind = document['kind'];
  if (
    kind === 'List' ||
    kind === 'SecretList' ||
    (kind === undefined && Array.isArray(document['items']))
  ) {
    const items = Array.isArray(document['items']) ? document['items'] : [];
    return items.flatMap((entry) =>
      isObject(entry) && entry['kind'] !== 'Secret' && entry['kind'] !== undefined
        ? []
        : fromDocument(entry, file, false),
    );
  }
  if (kind === 'Secret') return fromSecret(document, file);
  if (kind === 'Config' || (kind === undefined && Array.isArray(document['clusters']))) {
    return fromKubeconfig(document, file);
  }
  if (strict) {
    throw new InputError(
      file,
      `is JSON of kind ${JSON.stringify(kind ?? null)}, not a Secret, a List of Secrets or a kubeconfig`,
    );
  }
  return [];
}

function fromSecret(secret: Record<string, unknown>, file: string): Item[] {
  const metadata = isObject(secret['metadata']) ? secret['metadata'] : {};
  const name = typeof metadata['name'] === 'string' ? metadata['name'] : '(unnamed)';
  const namespace = typeof metadata['namespace'] === 'string' ? metadata['namespace'] : null;
  const items: Item[] = [];
  const add = (key: string, bytes: Uint8Array | undefined): void => {
    if (!bytes || !CERTIFICATE_PEM.test(Buffer.from(bytes).toString('latin1'))) return;
    const source: ItemSource = { kind: 'secret', file, namespace, name, key };
    items.push({ source, bytes });
  };
  const data = isObject(secret['data']) ? secret['data'] : {};
  for (const [key, value] of Object.entries(data)) {
    if (typeof value === 'string') add(key, decodeBase64(value));
  }
  const stringData = isObject(secret['stringData']) ? secret['stringData'] : {};
  for (const [key, value] of Object.entries(stringData)) {
    if (typeof value === 'string' && !(key in data)) add(key, new Uint8Array(Buffer.from(value)));
  }
  return items;
}

/** clusters[].cluster.certificate-authority-data and users[].user.client-certificate-data. */
function fromKubeconfig(config: Record<string, unknown>, file: string): Item[] {
  const items: Item[] = [];
  const walk = (list: unknown, role: 'cluster' | 'user', key: string): void => {
    if (!Array.isArray(list)) return;
    for (const entry of list) {
      if (!isObject(entry)) continue;
      const inner = entry[role];
      const value = isObject(inner) ? inner[key] : undefined;
      const bytes = typeof value === 'string' ? decodeBase64(value) : undefined;
      if (!bytes || !CERTIFICATE_PEM.test(Buffer.from(bytes).toString('latin1'))) continue;
      const name = typeof entry['name'] === 'string' ? entry['name'] : '(unnamed)';
      items.push({ source: { kind: 'kubeconfig', file, entry: `${role} ${name}`, key }, bytes });
    }
  };
  walk(config['clusters'], 'cluster', 'certificate-authority-data');
  walk(config['users'], 'user', 'client-certificate-data');
  return items;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
