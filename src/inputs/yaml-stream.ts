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
 *
 * A single document can be a whole cluster's worth (`kubectl get secrets -A -o yaml` prints
 * one List): splitYamlPieces goes a level further and cuts such a List into its items.
 */
import { InputError } from '../base/errors.js';
import { parseStructured } from './structured.js';

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

/** True when the bytes hold more than markers, directives, comments and blank lines. */
export const hasYamlContent = hasContent;

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

/**
 * What a YAML stream is cut into when `List`s are read an item at a time: whole documents,
 * the entries of a List's `items:` one by one, and, once a List's items are over, its other
 * top-level lines (apiVersion, kind, metadata), which say what the List is.
 */
export type YamlPiece =
  | { readonly kind: 'document'; readonly bytes: Uint8Array; readonly line: number }
  /** One `items:` entry: its lines, `- ` included, and its first line in the stream. */
  | { readonly kind: 'item'; readonly bytes: Uint8Array; readonly line: number }
  /**
   * A List's end: the top-level lines before `items:` (from `line`) and those after its
   * entries (from `tailLine`), each a block mapping of its own.
   */
  | {
      readonly kind: 'list';
      readonly head: Uint8Array;
      readonly line: number;
      readonly tail: Uint8Array;
      readonly tailLine: number;
    };

const SPACE = 0x20;
const TAB = 0x09;
const CR = 0x0d;
const LF = 0x0a;

/** A separator (space, tab) or the line's end after an indicator. */
function endsIndicator(byte: number | undefined): boolean {
  return byte === undefined || byte === SPACE || byte === TAB || byte === CR || byte === LF;
}

function isBlankLine(line: Uint8Array): boolean {
  for (const byte of line)
    if (byte !== SPACE && byte !== TAB && byte !== CR && byte !== LF) return false;
  return true;
}

/** A sequence entry's `-` at `column` (0 or 2, spaces before it). */
function entryAt(line: Uint8Array, column: number): boolean {
  for (let i = 0; i < column; i++) if (line[i] !== SPACE) return false;
  return line[column] === DASH && endsIndicator(line[column + 1]);
}

/** `items:` at column 0 with nothing after it but white space or a comment. */
const ITEMS_KEY = /^items:[ \t]*(#.*)?\r?\n?$/;
/**
 * What makes the lines before `items:` unfit for reading the List an item at a time: an
 * anchor, alias or tag (an item could refer to it), a flow collection at the top, a
 * `kind:` that is not a List (the whole-document reader decides what such a document is).
 */
const UNFIT_HEAD = /(^|[\s\-:[{,?])[&*!][^\s]|^[[{]/m;
const KIND_LINE = /^kind:[ \t]*(?:"([^"\n]*)"|'([^'\n]*)'|([^\s#'"]+))[ \t]*(#.*)?\r?$/m;

function fitHead(text: string): boolean {
  if (UNFIT_HEAD.test(text)) return false;
  const kinds = text.match(new RegExp(KIND_LINE.source, 'gm'));
  if (kinds === null) return !/^kind\s*:/m.test(text);
  if (kinds.length !== 1) return false;
  const match = KIND_LINE.exec(text);
  const kind = match?.[1] ?? match?.[2] ?? match?.[3] ?? '';
  return kind.endsWith('List');
}

/**
 * The pieces of a YAML stream one at a time. A document is cut as splitYamlDocuments cuts
 * it, except that a List laid out as kubectl writes it — `items:` at column 0 followed by a
 * block sequence whose entries start `- ` at column 0 (or `  - ` at column 2) — is handed
 * on an entry at a time: memory holds the current entry, the List's other top-level lines
 * and a chunk, however many entries there are.
 *
 * Why the cut is safe without a parser: a block sequence entry's content is indented more
 * than its `-` (YAML 1.2.2 §8.2.1), a block scalar's lines more than the node that holds it
 * (§8.1.1.1), and a line at a lower indentation ends them, so a line whose `-` stands at
 * the sequence's column is always the next entry — a `- ` inside a `|` or `>` scalar is
 * indented further. Comments and blank lines between entries travel with the entry before.
 *
 * A document that does not fit this layout is read whole (within `maxBytes`), as before:
 * `items: [...]` in flow style, anything on the `items:` line or the `---` line, a
 * `%YAML`/`%TAG` directive, anchors, aliases or tags before `items:`, a `kind:` before
 * `items:` that is not a List, and entries not at column 0 or 2. Once entries are handed
 * on the choice is made: the parse of each entry reports what the whole-document parse
 * would (a syntax error, an alias to an anchor outside its entry) at its line in the stream.
 */
export async function* splitYamlPieces(
  chunks: AsyncIterable<Uint8Array>,
  source: string,
  maxBytes: number,
): AsyncGenerator<YamlPiece> {
  const ready: YamlPiece[] = [];
  // The current document (or a List's head, then its tail) as lines.
  let doc: Uint8Array[] = [];
  let docSize = 0;
  let docLine = 1;
  // The current document was found unfit for item-at-a-time reading: it is read whole.
  let whole = false;
  let state: 'doc' | 'await' | 'items' | 'tail' = 'doc';
  // Where `items:` stood in `doc`, while the first entry is awaited.
  let itemsAt = 0;
  let column = 0;
  let head: Uint8Array[] = [];
  let headSize = 0;
  // Whether the current document holds more than markers, directives, comments and blank
  // lines, kept line by line (hasContent over the whole document at each marker would be
  // quadratic in a stream of empty documents).
  let docContent = false;
  // A directive line since the last marker: it goes with the next `---`.
  let directive = false;
  let tailLine = 0;
  let item: Uint8Array[] = [];
  let itemSize = 0;
  let itemLine = 0;
  let line = 1;
  // The line being assembled across chunks.
  let carry: Uint8Array[] = [];
  let carrySize = 0;

  const join = (parts: readonly Uint8Array[]): Uint8Array =>
    parts.length === 1 ? (parts[0] as Uint8Array) : new Uint8Array(Buffer.concat(parts));
  const newDocument = (first: number): void => {
    doc = [];
    docSize = 0;
    docContent = false;
    docLine = first;
    whole = false;
    state = 'doc';
  };
  const endDocument = (): void => {
    if (state === 'items' || state === 'tail') {
      endItem();
      ready.push({ kind: 'list', head: join(head), line: docLine, tail: join(doc), tailLine });
      head = [];
      headSize = 0;
    } else {
      const bytes = join(doc);
      if (docContent) ready.push({ kind: 'document', bytes, line: docLine });
    }
  };
  const endItem = (): void => {
    if (item.length > 0) ready.push({ kind: 'item', bytes: join(item), line: itemLine });
    item = [];
    itemSize = 0;
  };
  const add = (bytes: Uint8Array): void => {
    if (!docContent && hasContent(bytes)) docContent = true;
    doc.push(bytes);
    docSize += bytes.length;
  };

  const onLine = (bytes: Uint8Array): void => {
    const content = bytes[bytes.length - 1] === LF ? bytes.length - 1 : bytes.length;
    const kind = marker(Array.from(bytes.subarray(0, Math.min(4, content))));
    if (kind === 'start') {
      const bare = isBlankOrComment(bytes, 3, content);
      // Directives before a `---` belong to its document (a `%YAML` line makes it one to
      // read whole); a document of comments and markers only is nothing to read.
      if (state !== 'doc' || docContent) {
        endDocument();
        newDocument(line);
      } else if (!directive) newDocument(line);
      directive = false;
      add(bytes);
      // `--- !!map`, `--- {…}`: read whole.
      if (!bare) whole = true;
      return;
    }
    if (kind === 'end') {
      if (state === 'doc' || state === 'await') add(bytes);
      endDocument();
      newDocument(line + 1);
      return;
    }
    const first = bytes[0];
    switch (state) {
      case 'doc':
        if (first === 0x25) whole = directive = true; // '%': a directive
        if (!whole && first === 0x69 && ITEMS_KEY.test(Buffer.from(bytes).toString('latin1'))) {
          if (fitHead(Buffer.from(join(doc)).toString('utf8'))) {
            state = 'await';
            itemsAt = doc.length;
          } else whole = true;
        }
        add(bytes);
        return;
      case 'await':
        if (isBlankLine(bytes) || first === 0x23) {
          add(bytes);
          return;
        }
        column = entryAt(bytes, 0) ? 0 : entryAt(bytes, 2) ? 2 : -1;
        if (column < 0) {
          // Not kubectl's layout (`items:` then a mapping, entries at column 4, …).
          state = 'doc';
          whole = true;
          add(bytes);
          return;
        }
        head = doc.slice(0, itemsAt);
        headSize = head.reduce((sum, part) => sum + part.length, 0);
        doc = [];
        docSize = 0;
        state = 'items';
        startItem(bytes);
        return;
      case 'items':
        if (entryAt(bytes, column)) {
          endItem();
          startItem(bytes);
          return;
        }
        if (first === SPACE || first === TAB || first === 0x23 || isBlankLine(bytes)) {
          item.push(bytes);
          itemSize += bytes.length;
          return;
        }
        // Another key at column 0 (`kind: List`, `metadata:`): the entries are over.
        endItem();
        state = 'tail';
        tailLine = line;
        add(bytes);
        return;
      case 'tail':
        add(bytes);
        return;
    }
  };
  const startItem = (bytes: Uint8Array): void => {
    item = [bytes];
    itemSize = bytes.length;
    itemLine = line;
  };
  const check = (): void => {
    if (state === 'items') {
      if (itemSize + carrySize > maxBytes)
        throw new InputError(
          source,
          `holds a YAML List item (from line ${itemLine}) of more than ${maxBytes} bytes (--max-input-bytes applies to each item of a List)`,
        );
      return;
    }
    // A List's head and tail are held together till its end.
    if (headSize + docSize + carrySize > maxBytes)
      throw new InputError(
        source,
        `holds a YAML document (from line ${docLine}) of more than ${maxBytes} bytes (--max-input-bytes applies to each document)`,
      );
  };

  for await (const chunk of chunks) {
    let at = 0;
    for (;;) {
      const newline = chunk.indexOf(LF, at);
      if (newline < 0) break;
      let bytes = chunk.subarray(at, newline + 1);
      if (carry.length > 0) {
        carry.push(bytes);
        bytes = new Uint8Array(Buffer.concat(carry));
        carry = [];
        carrySize = 0;
      }
      onLine(bytes);
      line++;
      at = newline + 1;
    }
    if (at < chunk.length) {
      carry.push(chunk.subarray(at));
      carrySize += chunk.length - at;
    }
    check();
    yield* ready.splice(0);
  }
  if (carrySize > 0) {
    onLine(new Uint8Array(Buffer.concat(carry)));
    carry = [];
    carrySize = 0;
  }
  endDocument();
  yield* ready.splice(0);
}

/**
 * One List entry read alone, as the value it is in the whole document: its lines under an
 * `items:` key (the key adds the level it has in the List, for the nesting limit, and a
 * line, taken off error lines). An entry that cannot be parsed is an InputError at its
 * line in the stream, which ends the List as it ends the whole-document parse.
 */
export async function parseListItem(
  bytes: Uint8Array,
  source: string,
  line: number,
): Promise<unknown> {
  const text = `items:\n${Buffer.from(bytes).toString('utf8')}`;
  let documents: Record<string, unknown>[];
  try {
    documents = await parseStructured(text, source);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    const shifted = error.problem.replace(
      /\(line (\d+)/,
      (_, at: string) => `(line ${Number(at) + line - 2}`,
    );
    // An anchor in another entry (or before `items:`) is out of an entry's sight.
    const problem = shifted.startsWith('has a YAML alias')
      ? `${shifted} in its List item (from line ${line}; a large List is read an item at a time)`
      : shifted;
    throw new InputError(error.source, problem);
  }
  const items = documents[0]?.['items'];
  return Array.isArray(items) ? items[0] : undefined;
}
