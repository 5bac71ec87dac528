/**
 * What one input file holds, as batch items: certificate files (PEM, DER, base64) are
 * one item; Secrets, `List`s of them (`kubectl get secrets -A -o json`) and kubeconfigs
 * are read by src/inputs exactly as `diagnose <file>` reads them — same recognition, same
 * error texts, same values kept (a Secret's tls.crt and ca.crt, a kubeconfig's cluster
 * CA; never a key, a token or user credentials) — and yield one item per certificate
 * value. Pure.
 */
import { InputError } from '../base/errors.js';
import { openBytes } from '../inputs/open.js';
import type { SecretView } from '../inputs/secret.js';
import { isKubeconfigDocument } from '../inputs/kubeconfig.js';
import { isSecretDocument, secretsFrom } from '../inputs/secret.js';
import { isRecord, looksStructured, parseStructured } from '../inputs/structured.js';
import { isTrustObject, trustEntries, type TrustEntry } from '../inputs/trust-objects.js';
import { streamJsonSecrets } from '../inputs/stream.js';
import {
  hasYamlContent,
  parseListItem,
  splitYamlDocuments,
  splitYamlPieces,
  type YamlDocument,
  type YamlPiece,
} from '../inputs/yaml-stream.js';
import type { FoundBytes } from '../inputs/types.js';
import type { Item, ItemError } from './types.js';

export interface Contents {
  readonly items: readonly Item[];
  /** True when the file is a manifest or kubeconfig (even one without certificates). */
  readonly manifest: boolean;
  /** What the inventory pairs (src/batch/inventory.ts): trust entries and the Secrets read. */
  readonly inventory?: InventoryInput;
}

/**
 * Trust objects' entries, for the inventory to pair once the input is read (the Secrets
 * reach it through their audit: src/batch/chunk.ts).
 */
export interface InventoryInput {
  readonly type: 'inventory';
  readonly file: string;
  readonly entries: readonly TrustEntry[];
}

/**
 * `strict`: the file was named on the command line, so a manifest of another kind is an
 * error (as for `diagnose`); a file found by walking a directory is then just not ours.
 */
export async function itemsOf(bytes: Uint8Array, file: string, strict = true): Promise<Contents> {
  const text = Buffer.from(bytes).toString('utf8');
  if (bytes.length === 0 || !looksStructured(text)) {
    return { items: [{ source: { kind: 'file', file }, bytes }], manifest: false };
  }
  if (!strict && !ours(await parseStructured(text, file))) return { items: [], manifest: true };
  const opened = await openBytes(bytes, file, undefined);
  switch (opened.form) {
    case 'certificate':
      return {
        items: [{ source: { kind: 'file', file }, bytes }],
        manifest: false,
      };
    case 'secret':
    case 'secret-list':
      return {
        items: opened.secrets.flatMap((secret) => secretItems(secret, file)),
        manifest: true,
      };
    case 'kubeconfig': {
      const { caData, cluster } = opened.kubeconfig;
      const key = 'certificate-authority-data';
      const source = { kind: 'kubeconfig', file, entry: `cluster ${cluster}`, key } as const;
      return { items: caData ? [item(source, caData)] : [], manifest: true };
    }
    case 'trust':
      // The CAs the objects hold are audited as certificates; the Secrets beside them too.
      return {
        items: [
          ...trustItems(opened.entries, file),
          ...opened.secrets.flatMap((secret) => secretItems(secret, file)),
        ],
        manifest: true,
        inventory: { type: 'inventory', file, entries: opened.entries },
      };
    case 'serviceaccount-dir':
    case 'kubeadm-pki':
      throw new InputError(file, 'is a directory'); // openBytes never returns it
  }
}

/**
 * The documents src/inputs/open.ts accepts: Secrets (or Lists of them), one kubeconfig, or
 * trust objects (alone or in a List, with Secrets beside them).
 */
function ours(documents: readonly Record<string, unknown>[]): boolean {
  const [first] = documents;
  return (
    documents.every(isSecretDocument) ||
    (documents.length === 1 && first !== undefined && isKubeconfigDocument(first)) ||
    documents.some(
      (document) =>
        isTrustObject(document) ||
        (Array.isArray(document['items']) &&
          document['items'].some((entry) => isRecord(entry) && isTrustObject(entry))),
    )
  );
}

/**
 * The certificates trust objects hold, one item per distinct CA of an object (the webhooks
 * of one configuration usually share their caBundle): audited as any certificate, under
 * the component the object names.
 */
export function trustItems(entries: readonly TrustEntry[], file: string): Item[] {
  const items: Item[] = [];
  const seen = new Map<string, Set<string>>();
  for (const entry of entries) {
    if (!entry.ca || entry.ca.bytes.length === 0) continue;
    const hex = Buffer.from(entry.ca.bytes).toString('hex');
    const held = seen.get(entry.object) ?? new Set<string>();
    seen.set(entry.object, held);
    if (held.has(hex)) continue;
    held.add(hex);
    const prefix = `${file}: ${entry.object} `;
    const key = entry.ca.label.startsWith(prefix)
      ? entry.ca.label.slice(prefix.length)
      : entry.form === 'configmap'
        ? 'data["ca.crt"]'
        : 'caBundle';
    items.push({
      source: { kind: 'trust', file, object: entry.object, key },
      bytes: entry.ca.bytes,
      label: entry.ca.label,
      component: entry.form === 'configmap' ? 'ca' : entry.component,
    });
  }
  return items;
}

/** tls.crt (the served chain) then ca.crt; an empty value holds nothing to audit. */
function secretItems(secret: SecretView, file: string): Item[] {
  const slash = secret.name.indexOf('/');
  const namespace = slash < 0 ? null : secret.name.slice(0, slash);
  const name = slash < 0 ? secret.name : secret.name.slice(slash + 1);
  const entries = [
    ['tls.crt', secret.tls],
    ['ca.crt', secret.ca],
  ] as const;
  return entries.flatMap(([key, found]) =>
    found && found.bytes.length > 0
      ? [item({ kind: 'secret', file, namespace, name, key }, found)]
      : [],
  );
}

function item(source: Item['source'], found: FoundBytes): Item {
  return { source, bytes: found.bytes, label: found.label };
}

/**
 * A JSON document arriving in chunks (`kubectl get … -o json | diagnose batch -`): each
 * Secret of a List as its items as soon as it is parsed, an unreadable Secret as its error
 * line; a document that is not a List is read whole by itemsOf. Memory stays flat whatever
 * the number of items (src/inputs/stream.ts).
 */
export async function* itemsOfStream(
  chunks: AsyncIterable<Uint8Array>,
  file: string,
): AsyncGenerator<Item | ItemError | InventoryInput> {
  for await (const streamed of streamJsonSecrets(chunks, file)) {
    if (streamed.kind === 'secret') yield* secretItems(streamed.secret, file);
    else if (streamed.kind === 'trust') {
      yield* trustItems(streamed.entries, file);
      yield { type: 'inventory', file, entries: streamed.entries };
    } else if (streamed.kind === 'error')
      yield { type: 'error', source: streamed.error.source, problem: streamed.error.problem };
    else {
      const contents = await itemsOf(streamed.bytes, file);
      yield* contents.items;
      if (contents.inventory) yield contents.inventory;
    }
  }
}

/**
 * A YAML stream (standard input, or a large named file): each document is read as soon as
 * it is complete, and a List in kubectl's layout (`kubectl get secrets -A -o yaml`, one
 * document) an item at a time (src/inputs/yaml-stream.ts splitYamlPieces), so only one
 * document or one item is held. Each item goes the way an item of a JSON List does
 * (itemsOfStream): a Secret is its items, an unreadable Secret its error line, a trust
 * object its items and inventory entries, any other kind is passed over; the List's kind,
 * read once its items are over, must be a List. As in a multi-document file read whole, a
 * document of another kind beside the others is passed over; a stream with nothing to
 * audit at all gets the error its first such document has when read alone. A document that
 * cannot be read is its error line, with line numbers counted from the top of the stream,
 * and the stream goes on; an item that cannot be parsed ends the stream, as it ends the
 * whole-document parse.
 *
 * `lists: false` reads every document whole (a named file whose bytes hold anchors or
 * aliases, which an item read alone could not follow).
 */
export async function* itemsOfYamlStream(
  chunks: AsyncIterable<Uint8Array>,
  file: string,
  maxDocumentBytes: number,
  lists = true,
): AsyncGenerator<Item | ItemError | InventoryInput> {
  let found = false;
  let passedOver: ItemError | null = null;
  // What the current List's items gave: trust objects, anything to audit.
  let trusted = false;
  let listFound = false;
  const pieces = lists
    ? splitYamlPieces(chunks, file, maxDocumentBytes)
    : documentPieces(splitYamlDocuments(chunks, file, maxDocumentBytes));
  for await (const piece of pieces) {
    if (piece.kind === 'item') {
      const value = await parseListItem(piece.bytes, file, piece.line);
      if (!isRecord(value)) continue;
      try {
        if (isTrustObject(value)) {
          const entries = trustEntries(value, file);
          trusted = true;
          if (entries.length > 0) listFound = true;
          yield* trustItems(entries, file);
          yield { type: 'inventory', file, entries };
          continue;
        }
        // kubectl's Lists may mix kinds; src/inputs/secret.ts reads only Secrets from a List.
        if (value['kind'] !== undefined && value['kind'] !== 'Secret') continue;
        for (const secret of secretsFrom(value, file)) {
          const items = secretItems(secret, file);
          if (items.length > 0) listFound = true;
          yield* items;
        }
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        yield { type: 'error', source: error.source, problem: error.problem };
      }
      continue;
    }
    if (piece.kind === 'list') {
      const problem = await listProblem(piece, file, trusted);
      if (listFound) found = true;
      if (problem !== null) {
        if (listFound) yield problem;
        else passedOver ??= problem;
      }
      trusted = false;
      listFound = false;
      continue;
    }
    try {
      const contents = await itemsOf(piece.bytes, file, false);
      if (contents.items.length > 0 || (contents.inventory?.entries.length ?? 0) > 0) {
        found = true;
      } else if (passedOver === null) {
        // Only the first, and only its error line: nothing of the document is kept.
        passedOver = await errorOf(piece.bytes, file, piece.line);
      }
      yield* contents.items;
      if (contents.inventory) yield contents.inventory;
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      yield lineError(error, piece.line);
    }
  }
  if (!found && passedOver !== null) yield passedOver;
}

async function* documentPieces(documents: AsyncIterable<YamlDocument>): AsyncGenerator<YamlPiece> {
  for await (const document of documents) yield { kind: 'document', ...document };
}

/**
 * What a List read an item at a time is, once its items are over: its top-level keys
 * before and after `items:` (either may hold `kind:`; the later one counts, as for the
 * whole-document parse) must make it a List of Secrets, or a List holding trust objects —
 * what src/inputs/open.ts accepts. The problem as an error line, or null.
 */
async function listProblem(
  piece: Extract<YamlPiece, { kind: 'list' }>,
  file: string,
  trusted: boolean,
): Promise<ItemError | null> {
  const top: Record<string, unknown> = {};
  try {
    for (const [bytes, line] of [
      [piece.head, piece.line],
      [piece.tail, piece.tailLine],
    ] as const) {
      if (!hasYamlContent(bytes)) continue;
      const documents = await parseStructured(Buffer.from(bytes).toString('utf8'), file).catch(
        (error: unknown) => {
          throw error instanceof InputError ? lineErrorAsInput(error, line) : error;
        },
      );
      for (const document of documents) {
        if ('items' in document)
          throw new InputError(file, `has a second items: key (line ${line} on)`);
        Object.assign(top, document);
      }
    }
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return { type: 'error', source: error.source, problem: error.problem };
  }
  const kind = top['kind'];
  const list = { ...top, items: [] };
  if (isSecretDocument(list) || (trusted && typeof kind === 'string' && kind.endsWith('List')))
    return null;
  const shown = typeof kind === 'string' ? `a ${kind}` : 'YAML';
  return {
    type: 'error',
    source: file,
    problem: `is ${shown}, not a certificate, a Secret, a List of Secrets, a kubeconfig or a trust object (webhook configuration, CRD conversion webhook, APIService, ConfigMap with ca.crt)`,
  };
}

function lineErrorAsInput(error: InputError, line: number): InputError {
  return new InputError(error.source, shiftLines(error.problem, line - 1));
}

/** The error a document read alone, as a file named on the command line, has (if any). */
async function errorOf(bytes: Uint8Array, file: string, line: number): Promise<ItemError | null> {
  try {
    await itemsOf(bytes, file, true);
    return null;
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return lineError(error, line);
  }
}

function lineError(error: InputError, line: number): ItemError {
  return { type: 'error', source: error.source, problem: shiftLines(error.problem, line - 1) };
}

/** "(line 3, column 1)" in a document that starts at the stream's line 41 is line 43. */
function shiftLines(problem: string, by: number): string {
  return by === 0
    ? problem
    : problem.replace(/\(line (\d+)/, (_, line: string) => `(line ${Number(line) + by}`);
}
