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
import { isSecretDocument } from '../inputs/secret.js';
import { looksStructured, parseStructured } from '../inputs/structured.js';
import { streamJsonSecrets } from '../inputs/stream.js';
import { splitYamlDocuments } from '../inputs/yaml-stream.js';
import type { FoundBytes } from '../inputs/types.js';
import type { Item, ItemError } from './types.js';

export interface Contents {
  readonly items: readonly Item[];
  /** True when the file is a manifest or kubeconfig (even one without certificates). */
  readonly manifest: boolean;
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
      return { items: [{ source: { kind: 'file', file }, bytes }], manifest: false };
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
      // Trust objects are not audited here (yet); Secrets beside them are.
      return {
        items: opened.secrets.flatMap((secret) => secretItems(secret, file)),
        manifest: true,
      };
    case 'serviceaccount-dir':
    case 'kubeadm-pki':
      throw new InputError(file, 'is a directory'); // openBytes never returns it
  }
}

/** The documents src/inputs/open.ts accepts: Secrets (or Lists of them), or one kubeconfig. */
function ours(documents: readonly Record<string, unknown>[]): boolean {
  const [first] = documents;
  return (
    documents.every(isSecretDocument) ||
    (documents.length === 1 && first !== undefined && isKubeconfigDocument(first))
  );
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
): AsyncGenerator<Item | ItemError> {
  for await (const streamed of streamJsonSecrets(chunks, file)) {
    if (streamed.kind === 'secret') yield* secretItems(streamed.secret, file);
    else if (streamed.kind === 'error')
      yield { type: 'error', source: streamed.error.source, problem: streamed.error.problem };
    else yield* (await itemsOf(streamed.bytes, file)).items;
  }
}

/**
 * A multi-document YAML stream (standard input, or a large named file): each document is
 * read as a file of its own would be (itemsOf) as soon as it is complete, so only one
 * document is held. A document that cannot be read is its error line, with line numbers
 * counted from the top of the stream, and the stream goes on.
 */
export async function* itemsOfYamlStream(
  chunks: AsyncIterable<Uint8Array>,
  file: string,
  maxDocumentBytes: number,
): AsyncGenerator<Item | ItemError> {
  for await (const document of splitYamlDocuments(chunks, file, maxDocumentBytes)) {
    try {
      yield* (await itemsOf(document.bytes, file)).items;
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      yield {
        type: 'error',
        source: error.source,
        problem: shiftLines(error.problem, document.line - 1),
      };
    }
  }
}

/** "(line 3, column 1)" in a document that starts at the stream's line 41 is line 43. */
function shiftLines(problem: string, by: number): string {
  return by === 0
    ? problem
    : problem.replace(/\(line (\d+)/, (_, line: string) => `(line ${Number(line) + by}`);
}
