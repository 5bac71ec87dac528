/**
 * A single-document YAML List (`kubectl get … -o yaml`) read an item at a time
 * (src/inputs/yaml-stream.ts splitYamlPieces, parseListItem): the same items and top-level
 * keys as the whole-text parser, wherever the chunks split the bytes; a layout that does
 * not fit read whole; line numbers from the top of the stream; one item held at a time.
 */
import fc from 'fast-check';
import { InputError } from '../../src/base/errors.js';
import { parseStructured } from '../../src/inputs/structured.js';
import { parseListItem, splitYamlPieces, type YamlPiece } from '../../src/inputs/yaml-stream.js';
import { chunks } from '../helpers/chunks.js';

async function split(text: string, size: number, max = 1 << 20): Promise<YamlPiece[]> {
  const found: YamlPiece[] = [];
  for await (const piece of splitYamlPieces(chunks(Buffer.from(text), size), 'in.yaml', max))
    found.push(piece);
  return found;
}

/** What the pieces say the document is: its items, parsed one by one, and its other keys. */
async function read(found: readonly YamlPiece[]): Promise<Record<string, unknown>> {
  const items: unknown[] = [];
  const top: Record<string, unknown> = {};
  for (const piece of found) {
    if (piece.kind === 'item') items.push(await parseListItem(piece.bytes, 'in.yaml', piece.line));
    else if (piece.kind === 'list') {
      for (const part of [piece.head, piece.tail]) {
        const text = Buffer.from(part).toString('utf8');
        if (text.trim() === '') continue;
        Object.assign(top, ...(await parseStructured(text, 'in.yaml')));
      }
    } else throw new Error(`read whole: ${Buffer.from(piece.bytes).toString('utf8')}`);
  }
  return { ...top, items };
}

// --- generated Lists -------------------------------------------------------------------

const word = fc.stringMatching(/^[a-z][a-z0-9-]{0,11}$/);
// Text of a block scalar's lines: some look like entries, markers, comments or keys.
const scalarLine = fc.oneof(
  word,
  fc.constantFrom('- not an entry', '-', '--- not a marker', '# not a comment', 'key: no', ''),
  word.map((text) => `- ${text}`),
);
const entry = fc.record({
  name: word,
  crt: fc.base64String({ minLength: 4, maxLength: 200 }),
  scalar: fc.option(
    fc.record({
      style: fc.constantFrom('|', '>', '|-', '>+'),
      lines: fc.array(scalarLine, { minLength: 1, maxLength: 5 }),
    }),
  ),
  list: fc.array(word, { maxLength: 3 }),
  comment: fc.option(fc.constantFrom('# between entries', '  # indented', '')),
  blank: fc.boolean(),
});
type Entry = typeof entry extends fc.Arbitrary<infer T> ? T : never;

/** One entry as kubectl prints it, its `-` at `column`. */
function entryLines(value: Entry, column: number): string[] {
  const pad = ' '.repeat(column + 2);
  const lines = [
    `${' '.repeat(column)}- apiVersion: v1`,
    `${pad}data:`,
    `${pad}  tls.crt: ${value.crt}`,
    `${pad}  tls.key: S0VZ`,
    `${pad}kind: Secret`,
    `${pad}metadata:`,
    `${pad}  name: ${value.name}`,
  ];
  if (value.scalar) {
    lines.push(`${pad}  annotations:`, `${pad}    note: ${value.scalar.style}`);
    // Blank lines inside a block scalar are content; the first line may not be blank.
    const [first = 'x', ...rest] = value.scalar.lines;
    for (const text of [first || 'x', ...rest]) lines.push(text ? `${pad}      ${text}` : '');
  }
  if (value.list.length > 0) {
    lines.push(`${pad}finalizers:`);
    for (const text of value.list) lines.push(`${pad}- ${text}`);
  }
  lines.push(`${pad}type: kubernetes.io/tls`);
  if (value.comment !== null) lines.push(value.comment);
  if (value.blank) lines.push('');
  return lines;
}

const list = fc.record({
  entries: fc.array(entry, { maxLength: 6 }),
  column: fc.constantFrom(0, 2),
  kindFirst: fc.boolean(),
  crlf: fc.boolean(),
  marker: fc.boolean(),
  size: fc.integer({ min: 1, max: 300 }),
});

function listText(value: typeof list extends fc.Arbitrary<infer T> ? T : never): string {
  const lines = [
    ...(value.marker ? ['---'] : []),
    '# kubectl get secrets -A -o yaml',
    'apiVersion: v1',
    ...(value.kindFirst ? ['kind: List'] : []),
    'items: # every Secret',
    ...value.entries.flatMap((item) => entryLines(item, value.column)),
    ...(value.kindFirst ? [] : ['kind: List']),
    'metadata:',
    '  resourceVersion: ""',
    '',
  ];
  return lines.join(value.crlf ? '\r\n' : '\n');
}

test('the same items and keys as the whole-text parser, however the bytes are chunked', async () => {
  await fc.assert(
    fc.asyncProperty(list, async (value) => {
      const text = listText(value);
      const [whole] = await parseStructured(text, 'in.yaml');
      const found = await split(text, value.size);
      // An empty `items:` is nothing to stream: the document is read whole.
      if (value.entries.length === 0) {
        expect(found.map((piece) => piece.kind)).toEqual(['document']);
        return;
      }
      expect(found.filter((piece) => piece.kind === 'item')).toHaveLength(value.entries.length);
      expect(await read(found)).toEqual(whole);
    }),
    { numRuns: 150, seed: 15 },
  );
});

test('each item starts at its line in the stream, and the List after its tail', async () => {
  const text = listText({
    entries: [
      { name: 'a', crt: 'QUJD', scalar: null, list: [], comment: null, blank: true },
      {
        name: 'b',
        crt: 'REVG',
        scalar: null,
        list: ['x'],
        comment: '# between entries',
        blank: false,
      },
    ],
    column: 0,
    kindFirst: false,
    crlf: false,
    marker: true,
    size: 7,
  });
  const lines = text.split('\n');
  const found = await split(text, 7);
  expect(found.map((piece) => [piece.kind, piece.line])).toEqual([
    ['item', 5],
    ['item', 14],
    ['list', 1],
  ]);
  for (const piece of found)
    if (piece.kind === 'item') expect(lines[piece.line - 1]).toBe('- apiVersion: v1');
  const last = found[2];
  expect(last?.kind === 'list' && lines[last.tailLine - 1]).toBe('kind: List');
});

// --- layouts read whole ------------------------------------------------------------------

const ENTRY = '  name: a\n  data:\n    tls.crt: QUJD\n';
test.each([
  ['flow style', 'apiVersion: v1\nkind: List\nitems: [{kind: Secret}]\n'],
  ['anything after items:', 'kind: List\nitems: !!seq\n- kind: Secret\n'],
  ['an anchor before items:', 'metadata: &m {name: x}\nkind: List\nitems:\n- kind: Secret\n'],
  ['a %YAML directive', '%YAML 1.2\n---\nkind: List\nitems:\n- kind: Secret\n'],
  ['a tag on the document', '--- !!map\nkind: List\nitems:\n- kind: Secret\n'],
  ['entries at column 4', 'kind: List\nitems:\n    - kind: Secret\n'],
  ['a kind that is not a List', `kind: Secret\nitems:\n- kind: Secret\n${ENTRY}`],
  ['a kind set twice', 'kind: List\nkind: SecretList\nitems:\n- kind: Secret\n'],
  ['a flow mapping at the top', '{kind: List,\n items: [\n]}\n'],
])('%s: read whole, as before', async (_, text) => {
  for (const size of [1, 5, 1 << 16]) {
    const found = await split(text, size);
    expect(found.map((piece) => piece.kind)).toEqual(['document']);
    expect(found[0]?.kind === 'document' && Buffer.from(found[0].bytes).toString()).toBe(text);
  }
});

test('a document of `items:` alone, or not followed by entries, is kept whole', async () => {
  for (const text of ['items:\n  key: value\n', '# c\nitems:\n', 'items:\n\n# no entries\n'])
    for (const size of [1, 1 << 16])
      expect((await split(text, size)).map((piece) => piece.kind)).toEqual(['document']);
});

test('empty documents are let go as they come, not gathered into one', async () => {
  const text = '# nothing\n---\n'.repeat(200_000);
  // A 1,000-byte limit per document: 2.8 MB of empty documents never reach it.
  expect(await split(text, 65536, 1000)).toEqual([]);
  expect(await split(`%YAML 1.2\n${text}---\nkind: Secret\n`, 4096, 1000)).toEqual([
    { kind: 'document', bytes: Buffer.from('---\nkind: Secret\n'), line: 400_002 },
  ]);
});

test('documents around a List keep their own pieces', async () => {
  const text = [
    'kind: Secret\nmetadata: {name: first}\n',
    '---\napiVersion: v1\nitems:\n- kind: Secret\n  metadata: {name: a}\nkind: List\n',
    '...\n',
    '---\nkind: Secret\nmetadata: {name: last}\n',
  ].join('');
  for (const size of [1, 3, 1 << 16]) {
    const found = await split(text, size);
    expect(found.map((piece) => [piece.kind, piece.line])).toEqual([
      ['document', 1],
      ['item', 6],
      ['list', 3],
      ['document', 10],
    ]);
  }
});

// --- errors ------------------------------------------------------------------------------

test('an item that cannot be parsed: the whole-text parser’s error, at its line in the stream', async () => {
  const entries = Array.from({ length: 40 }, (_, i) =>
    i === 31
      ? '- kind: Secret\n  metadata:\n    name: a: b\n'
      : `- kind: Secret\n  metadata:\n    name: s${i}\n`,
  );
  const text = `apiVersion: v1\nitems:\n${entries.join('')}kind: List\n`;
  const whole = await parseStructured(text, 'in.yaml').then(
    () => 'parsed',
    (error: unknown) => (error instanceof InputError ? error.problem : 'not an input error'),
  );
  expect(whole).toMatch(/^is not valid YAML \(line 98, column \d+\)/);
  const found = await split(text, 100);
  const broken = found.find((piece) => piece.kind === 'item' && piece.line === 96);
  expect(broken?.kind).toBe('item');
  await expect(
    parseListItem((broken as { bytes: Uint8Array }).bytes, 'in.yaml', 96),
  ).rejects.toThrow(new InputError('in.yaml', whole));
});

test('an alias to an anchor in another item says why it cannot be followed', async () => {
  const text = 'kind: List\nitems:\n- &a {kind: Secret}\n- *a\n';
  const found = await split(text, 4);
  const second = found[1];
  expect(second?.kind === 'item' && second.line).toBe(4);
  await expect(
    parseListItem((second as { bytes: Uint8Array }).bytes, 'in.yaml', 4),
  ).rejects.toThrow(
    new InputError(
      'in.yaml',
      'has a YAML alias (*name) to an anchor that is not defined before it in its List item (from line 4; a large List is read an item at a time)',
    ),
  );
});

test('an item over the limit is refused before the rest of the stream is read', async () => {
  let pulled = 0;
  async function* endless(): AsyncGenerator<Uint8Array> {
    yield Buffer.from('apiVersion: v1\nitems:\n- kind: Secret\n  metadata: {name: a}\n');
    yield Buffer.from('- kind: Secret\n  data:\n');
    const line = Buffer.from(`    key: ${'x'.repeat(1000)}\n`);
    for (;;) {
      await Promise.resolve();
      pulled += line.length;
      yield line;
    }
  }
  const found = splitYamlPieces(endless(), 'big.yaml', 100_000);
  const first = await found.next();
  expect(first.value).toMatchObject({ kind: 'item', line: 3 });
  await expect(found.next()).rejects.toThrow(
    new InputError(
      'big.yaml',
      'holds a YAML List item (from line 5) of more than 100000 bytes (--max-input-bytes applies to each item of a List)',
    ),
  );
  expect(pulled).toBeLessThan(110_000);
});

test('a List whose top-level lines pass the limit is refused as a document', async () => {
  const text = `apiVersion: v1\nitems:\n- kind: Secret\nkind: List\n${'# x\n'.repeat(100)}`;
  await expect(split(text, 64, 200)).rejects.toThrow(
    new InputError(
      'in.yaml',
      'holds a YAML document (from line 1) of more than 200 bytes (--max-input-bytes applies to each document)',
    ),
  );
});

// --- memory ------------------------------------------------------------------------------

test('memory stays flat: a 40 MB List never holds more than one item and a chunk', async () => {
  const crt = Buffer.alloc(1200, 7).toString('base64');
  const entryText = (i: number): string =>
    [
      '- apiVersion: v1',
      '  data:',
      `    tls.crt: ${crt}`,
      '    tls.key: S0VZ',
      '  kind: Secret',
      '  metadata:',
      `    name: tls-${i}`,
      '    namespace: ns',
      '    annotations:',
      '      note: |',
      '        - looks like an entry',
      '        --- looks like a marker',
      '  type: kubernetes.io/tls',
      '',
    ].join('\n');
  const entryBytes = Buffer.byteLength(entryText(0));
  const count = Math.ceil(40_000_000 / entryBytes);
  const chunk = 65536;
  let pulled = 0;
  async function* source(): AsyncGenerator<Uint8Array> {
    pulled += 22;
    yield Buffer.from('apiVersion: v1\nitems:\n');
    let block: string[] = [];
    for (let i = 0; i < count; i++) {
      block.push(entryText(i));
      if (block.length === 64 || i === count - 1) {
        const bytes = Buffer.from(block.join(''));
        block = [];
        for (let at = 0; at < bytes.length; at += chunk) {
          await Promise.resolve();
          const piece = bytes.subarray(at, at + chunk);
          pulled += piece.length;
          yield piece;
        }
      }
    }
    const tail = Buffer.from('kind: List\nmetadata:\n  resourceVersion: ""\n');
    pulled += tail.length;
    yield tail;
  }
  let items = 0;
  let handed = 0;
  let mostHeld = 0;
  for await (const piece of splitYamlPieces(source(), '-', 1 << 20)) {
    if (piece.kind === 'item') {
      items++;
      handed += piece.bytes.length;
    } else if (piece.kind === 'list') handed += piece.head.length + piece.tail.length + 7;
    mostHeld = Math.max(mostHeld, pulled - handed);
  }
  expect(items).toBe(count);
  expect(handed).toBe(pulled);
  expect(pulled).toBeGreaterThan(40_000_000);
  // Read but not handed on: at most a chunk, an item, and the List's own lines.
  expect(mostHeld).toBeLessThanOrEqual(chunk + entryBytes + 22);
}, 60_000);
