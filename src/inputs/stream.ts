/**
 * `kubectl get … -o json` read as a stream: one `items` element at a time, so a List of
 * 100,000 Secrets (170 MB) is never held whole. The parser is @streamparser/json: it has
 * no dependencies, takes bytes as they come (UTF-8 split across chunks included), emits
 * the values at chosen paths (`$.items.*`) and with `keepStack: false` drops each one once
 * emitted; its tokenizer's tokens let the nesting depth be bounded (MAX_NESTING) before a
 * value is built. Secrets are read by src/inputs/secret.ts as for a whole document, so the
 * same values are kept and the same errors worded; any other document (a single Secret, a
 * kubeconfig) is returned whole, for the caller to read as usual.
 */
import { TokenParser, Tokenizer, TokenType } from '@streamparser/json';
import { InputError } from '../base/errors.js';
import { isSecretDocument, secretsFrom, type SecretView } from './secret.js';
import { isRecord, MAX_NESTING } from './structured.js';
import { isTrustObject, trustEntries, type TrustEntry } from './trust-objects.js';

export type Streamed =
  | { readonly kind: 'secret'; readonly secret: SecretView }
  /** A webhook configuration, CRD conversion webhook, APIService or ConfigMap with ca.crt. */
  | { readonly kind: 'trust'; readonly entries: readonly TrustEntry[] }
  /** One item that could not be read: its line, and the stream goes on. */
  | { readonly kind: 'error'; readonly error: InputError }
  /** The document was not a List: its bytes, whole (small enough: MAX_ITEM_BYTES), to read as usual. */
  | { readonly kind: 'document'; readonly bytes: Uint8Array };

/** Bytes one item of a List (or a document that is not a List) may take; a TLS Secret is a few kilobytes. */
export const MAX_ITEM_BYTES = 16 * 1024 * 1024;

/** Does this start (after white space) like a JSON object? null: only white space so far. */
export function startsLikeJson(bytes: Uint8Array): boolean | null {
  for (const byte of bytes) {
    if (byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09) continue;
    return byte === 0x7b;
  }
  return null;
}

export async function* streamJsonSecrets(
  chunks: AsyncIterable<Uint8Array>,
  source: string,
): AsyncGenerator<Streamed> {
  const ready: Streamed[] = [];
  const top: Record<string, unknown> = {};
  let failure: InputError | null = null;
  let depth = 0;
  let items = 0;
  let sinceItem = 0;
  // Until the first item, the bytes are kept: a document that is not a List is read whole.
  let head: Uint8Array[] | null = [];
  const tokenizer = new Tokenizer();
  // Only `items` elements and the two keys that say what the document is; with keepStack
  // false nothing else is kept (no emitted path is an ancestor of another).
  const parser = new TokenParser({
    paths: ['$.items.*', '$.kind', '$.apiVersion'],
    keepStack: false,
  });
  tokenizer.onToken = (token) => {
    if (token.token === TokenType.LEFT_BRACE || token.token === TokenType.LEFT_BRACKET) {
      if (++depth > MAX_NESTING)
        throw new InputError(
          source,
          `nests deeper than ${MAX_NESTING} levels; no Kubernetes object does`,
        );
    } else if (token.token === TokenType.RIGHT_BRACE || token.token === TokenType.RIGHT_BRACKET) {
      depth--;
    }
    parser.write(token);
  };
  parser.onValue = ({ value, key, stack }) => {
    if (stack.length === 1 && typeof key === 'string') {
      top[key] = value;
      return;
    }
    if (stack.length !== 2 || stack[1]?.key !== 'items') return;
    sinceItem = 0;
    items++;
    head = null;
    if (!isRecord(value)) return;
    try {
      // Trust objects (`kubectl get validatingwebhookconfigurations,…,secrets -A -o json`)
      // as their entries, read by src/inputs/trust-objects.ts as for a whole document.
      if (isTrustObject(value)) {
        ready.push({ kind: 'trust', entries: trustEntries(value, source) });
        return;
      }
      // kubectl's Lists may mix kinds; src/inputs/secret.ts reads only Secrets from a List.
      if (value['kind'] !== undefined && value['kind'] !== 'Secret') return;
      for (const secret of secretsFrom(value, source)) ready.push({ kind: 'secret', secret });
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      ready.push({ kind: 'error', error });
    }
  };
  const fail = (error: unknown): void => {
    failure ??=
      error instanceof InputError
        ? error
        : new InputError(source, 'is not valid JSON (a List read as a stream)');
  };
  tokenizer.onError = fail;
  parser.onError = fail;

  for await (const chunk of chunks) {
    sinceItem += chunk.length;
    head?.push(chunk);
    try {
      tokenizer.write(chunk);
    } catch (error) {
      fail(error);
    }
    if (failure === null && sinceItem > MAX_ITEM_BYTES)
      failure = new InputError(
        source,
        `holds an item (or a document) of more than ${MAX_ITEM_BYTES / 1024 / 1024} MiB; a Secret is a few kilobytes`,
      );
    yield* ready.splice(0);
    if (failure !== null) throw failure;
  }
  if (!tokenizer.isEnded) {
    try {
      tokenizer.end();
    } catch (error) {
      fail(error);
    }
  }
  yield* ready.splice(0);
  if (failure !== null) throw failure as InputError;
  if (items === 0 && head !== null) {
    yield { kind: 'document', bytes: new Uint8Array(Buffer.concat(head)) };
    return;
  }
  if (!isSecretDocument({ ...top, items: [] })) {
    const kind = typeof top['kind'] === 'string' ? `a ${top['kind']}` : 'JSON';
    throw new InputError(
      source,
      `is ${kind}, not a certificate, a Secret, a List of Secrets or a kubeconfig`,
    );
  }
}
