/**
 * A multi-document YAML stream (`kubectl get … -o yaml` output of several objects,
 * manifests joined with `---`) cut into its documents as the bytes arrive, so each can be
 * parsed and handed on before the next is read: memory holds one document, not the stream.
 *
 * The cut needs no parser. YAML 1.2.2 §9.1.2–9.1.4: a line that starts with `---` or `...`
 * followed by a space, a tab or the line's end is a document marker wherever it appears —
 * the spec forbids those lines inside any scalar, block or quoted (c-forbidden, §9.1.4) —
 * so `---` starts a document and `...` ends one. Each document keeps its marker line, and
 * its first line number in the stream, for error lines that count from the top.
 *
 * Not kept across a cut: directives (`%YAML`, `%TAG`) before a `---`, which kubectl and
 * Kubernetes manifests do not write; a document's `%YAML 1.2` is the default anyway.
 */
import { InputError } from '../base/errors.js';

export interface YamlDocument {
  /** The document's bytes, its marker lines included. */
  readonly bytes: Uint8Array;
  /** The stream's line number (1-based) of the document's first line. */
  readonly line: number;
}

const DASH = 0x2d;
const DOT = 0x2e;

/** `---` or `...` then a space, a tab, a CR or the line's end: the marker, else null. */
function marker(head: readonly number[]): 'start' | 'end' | null {
  const [a, b, c, d] = head;
  if (a !== b || b !== c || (a !== DASH && a !== DOT)) return null;
  if (d !== undefined && d !== 0x20 && d !== 0x09 && d !== 0x0d) return null;
  return a === DASH ? 'start' : 'end';
}

/**
 * True when the document holds more than markers, directives, comments and blank lines:
 * an empty document between two markers is nothing to read (the whole-file reader skips
 * it too).
 */
function hasContent(bytes: Uint8Array): boolean {
  let i = 0;
  while (i < bytes.length) {
    let end = bytes.indexOf(0x0a, i);
    if (end < 0) end = bytes.length;
    let j = i;
    while (j < end && (bytes[j] === 0x20 || bytes[j] === 0x09 || bytes[j] === 0x0d)) j++;
    if (j < end) {
      const head = Array.from(bytes.subarray(j, Math.min(j + 4, end)));
      const first = bytes[j];
      // Content may follow a `--- ` marker on its line: only a bare marker is empty.
      const bare = j === i && marker(head) !== null && isBlankOrComment(bytes, j + 3, end);
      if (!bare && first !== 0x23 && first !== 0x25) return true; // '#', '%'
    }
    i = end + 1;
  }
  return false;
}

function isBlankOrComment(bytes: Uint8Array, from: number, end: number): boolean {
  let j = from;
  while (j < end && (bytes[j] === 0x20 || bytes[j] === 0x09 || bytes[j] === 0x0d)) j++;
  return j >= end || bytes[j] === 0x23;
}

/**
 * The documents of `chunks` one at a time. At most one document (and the unfinished line
 * after it) is held: one larger than `maxDocumentBytes` is refused as an InputError of
 * `source`, before more is read.
 */
export async function* splitYamlDocuments(
  chunks: AsyncIterable<Uint8Array>,
  source: string,
  maxDocumentBytes: number,
): AsyncGenerator<YamlDocument> {
  // The current document as the chunks (or parts of chunks) it was read in.
  let parts: Uint8Array[] = [];
  let size = 0;
  // Offset in the current document where the current line starts, and its first bytes.
  let lineStart = 0;
  let head: number[] = [];
  let line = 1;
  let documentLine = 1;
  // Offset in the current document where the chunk being scanned starts.
  let base = 0;

  /** The current document up to `at` (an offset in it); what follows starts the next. */
  const cut = (at: number): Uint8Array => {
    const before: Uint8Array[] = [];
    const after: Uint8Array[] = [];
    let offset = 0;
    for (const part of parts) {
      if (offset + part.length <= at) before.push(part);
      else if (offset >= at) after.push(part);
      else {
        before.push(part.subarray(0, at - offset));
        after.push(part.subarray(at - offset));
      }
      offset += part.length;
    }
    parts = after;
    size -= at;
    lineStart -= at;
    base -= at;
    return new Uint8Array(Buffer.concat(before));
  };

  const ready: YamlDocument[] = [];
  const endLine = (newlineAt: number): void => {
    const kind = marker(head);
    if (kind === 'start' && lineStart > 0) {
      const bytes = cut(lineStart);
      if (hasContent(bytes)) ready.push({ bytes, line: documentLine });
      documentLine = line;
    } else if (kind === 'end') {
      const bytes = cut(newlineAt + 1);
      if (hasContent(bytes)) ready.push({ bytes, line: documentLine });
      documentLine = line + 1;
    }
    lineStart = newlineAt + 1;
    head = [];
    line++;
  };

  for await (const chunk of chunks) {
    base = size;
    parts.push(chunk);
    size += chunk.length;
    let at = 0;
    while (at < chunk.length) {
      // The first four bytes of a line decide whether it is a marker.
      while (head.length < 4 && base + at - lineStart === head.length && at < chunk.length) {
        const byte = chunk[at] as number;
        if (byte === 0x0a) break;
        head.push(byte);
        at++;
      }
      if (at >= chunk.length) break;
      const newline = chunk.indexOf(0x0a, at);
      if (newline < 0) break;
      endLine(base + newline);
      at = newline + 1;
    }
    if (size > maxDocumentBytes)
      throw new InputError(
        source,
        `holds a YAML document (from line ${documentLine}) of more than ${maxDocumentBytes} bytes (--max-input-bytes applies to each document)`,
      );
    yield* ready.splice(0);
  }
  if (size > 0) {
    if (head.length > 0 && marker(head) === 'start' && lineStart > 0) {
      // A last line that is a bare `---` starts an empty document.
      const bytes = cut(lineStart);
      if (hasContent(bytes)) ready.push({ bytes, line: documentLine });
      documentLine = line;
    }
    const bytes = cut(size);
    if (hasContent(bytes)) ready.push({ bytes, line: documentLine });
  }
  yield* ready.splice(0);
}
