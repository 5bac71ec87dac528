/**
 * A multi-document YAML stream cut into documents as it arrives (src/inputs/yaml-stream.ts):
 * the same documents as the whole-text parser reads, wherever the chunks split the bytes;
 * line numbers from the top of the stream; and only one document held at a time.
 */
import { readFileSync } from 'node:fs';
import { InputError } from '../../src/base/errors.js';
import { parseStructured } from '../../src/inputs/structured.js';
import { splitYamlDocuments, type YamlDocument } from '../../src/inputs/yaml-stream.js';
import { run } from '../../src/cli/run.js';
import { fakeIo } from '../helpers/fake-io.js';
import { chunks } from '../helpers/chunks.js';

const seed = readFileSync('fixtures/seed/apiserver.crt');

async function split(text: string, size: number, max = 1 << 20): Promise<YamlDocument[]> {
  const found: YamlDocument[] = [];
  for await (const document of splitYamlDocuments(chunks(text, size), 'in.yaml', max))
    found.push(document);
  return found;
}

const secretYaml = (name: string, crt = seed.toString('base64')): string =>
  [
    'apiVersion: v1',
    'kind: Secret',
    'metadata:',
    `  name: ${name}`,
    '  namespace: né',
    'type: kubernetes.io/tls',
    'data:',
    `  tls.crt: ${crt}`,
    '  tls.key: S0VZ',
    '',
  ].join('\n');

// Markers at the top, with comments and content on their line, a document end, empty
// documents, and lines that only look like markers (indented, four dashes, inside a
// block scalar's indented text).
const MANIFESTS = [
  '# leading comment',
  '---',
  secretYaml('a'),
  '--- # a comment after the marker',
  'apiVersion: v1',
  'kind: ConfigMap',
  '----: not a marker',
  'data:',
  '  script: |',
  '    echo one',
  '    ---',
  '    ----',
  '    echo two',
  '...',
  '---',
  '# only a comment: an empty document',
  '---',
  '--- {apiVersion: v1, kind: Secret, metadata: {name: flow}}',
  '---',
  secretYaml('b').trimEnd(),
].join('\n');

test('the same documents as the whole-text parser, however the bytes are chunked', async () => {
  const whole = await parseStructured(MANIFESTS, 'in.yaml');
  for (const size of [1, 2, 3, 5, 64, 1 << 20]) {
    const documents = await split(MANIFESTS, size);
    const parsed = (
      await Promise.all(
        documents.map((document) =>
          parseStructured(Buffer.from(document.bytes).toString('utf8'), 'in.yaml'),
        ),
      )
    ).flat();
    expect(parsed).toEqual(whole);
    // Every byte is in one document or in an empty one that was left out.
    expect(documents.map((document) => document.line)).toEqual([2, 13, 26, 28]);
  }
});

test('each document starts at its line in the stream', async () => {
  const documents = await split(MANIFESTS, 4);
  const lines = MANIFESTS.split('\n');
  for (const document of documents) {
    const first = Buffer.from(document.bytes).toString('utf8').split('\n')[0];
    expect(lines[document.line - 1]).toBe(first);
  }
});

test('memory stays flat: never more than one document and a chunk held, output as input arrives', async () => {
  const documentText = `---\n${secretYaml('s')}`;
  const count = 64 * 312; // about 40 MB in all
  const chunk = 65536;
  let pulled = 0;
  let handed = 0;
  let mostHeld = 0;
  async function* source(): AsyncGenerator<Uint8Array> {
    const block = Buffer.from(documentText.repeat(64));
    for (let sent = 0; sent < count; sent += 64) {
      for (let at = 0; at < block.length; at += chunk) {
        await Promise.resolve();
        const piece = block.subarray(at, at + chunk);
        pulled += piece.length;
        yield piece;
      }
    }
  }
  let documents = 0;
  for await (const document of splitYamlDocuments(source(), '-', 1 << 20)) {
    documents++;
    handed += document.bytes.length;
    mostHeld = Math.max(mostHeld, pulled - handed);
  }
  expect(documents).toBe(count);
  expect(handed).toBe(Buffer.byteLength(documentText) * count);
  // What has been read but not handed on is at most a chunk and a document.
  expect(mostHeld).toBeLessThanOrEqual(chunk + Buffer.byteLength(documentText));
});

test('a document over the limit is refused before the rest of the stream is read', async () => {
  let pulled = 0;
  async function* endless(): AsyncGenerator<Uint8Array> {
    const line = Buffer.from(`  key: ${'x'.repeat(1000)}\n`);
    yield Buffer.from('apiVersion: v1\nkind: Secret\ndata:\n');
    for (;;) {
      await Promise.resolve();
      pulled += line.length;
      yield line;
    }
  }
  const documents = splitYamlDocuments(endless(), 'big.yaml', 100_000);
  await expect(documents.next()).rejects.toThrow(
    new InputError(
      'big.yaml',
      'holds a YAML document (from line 1) of more than 100000 bytes (--max-input-bytes applies to each document)',
    ),
  );
  expect(pulled).toBeLessThan(110_000);
});

test('batch -: YAML over 1 MiB on standard input is read a document at a time, a bad one its line', async () => {
  const documents = Array.from({ length: 700 }, (_, i) =>
    i === 350 ? secretYaml('bad', 'n*t') : secretYaml(`s${i}`),
  );
  // A broken document further down: its error names its line in the whole stream.
  documents.splice(500, 0, 'apiVersion: v1\nkind: Secret\ndata: [unclosed\n');
  const text = documents.map((document) => `---\n${document}`).join('');
  expect(text.length).toBeGreaterThan(1024 * 1024);
  const io = fakeIo({ '-': text });
  expect(await run(['batch', '-', '--at', '2015-11-04T12:00:00Z'], io)).toBe(2);
  const rows = io.out().match(/^(PASS|FAIL) .*$/gm) ?? [];
  expect(rows).toHaveLength(699);
  expect(rows[0]?.split(/\s+/)[4]).toBe('né/s0:tls.crt');
  expect(rows[698]?.split(/\s+/)[4]).toBe('né/s699:tls.crt');
  // The whole-text parser stops at that document: its line and column are the same.
  const whole = await parseStructured(text, '-').then(
    () => 'parsed',
    (error: unknown) => (error instanceof InputError ? error.problem : 'not an input error'),
  );
  expect(whole).toMatch(/^is not valid YAML \(line \d+, column \d+\)/);
  const [badBase64, broken, ...more] = io.err().trimEnd().split('\n');
  expect(badBase64).toBe('diagnose: -: Secret né/bad: data["tls.crt"] is not valid base64');
  expect(broken).toBe(`diagnose: -: ${whole}`);
  expect(more).toEqual([]);
}, 60_000);

test('batch FILE: a named multi-document YAML file over 1 MiB gives the same rows as on stdin', async () => {
  const text = Array.from({ length: 650 }, (_, i) => `---\n${secretYaml(`s${i}`)}`).join('');
  expect(text.length).toBeGreaterThan(1024 * 1024);
  const named = fakeIo({ 'secrets.yaml': text });
  const piped = fakeIo({ '-': text });
  const args = ['--at', '2015-11-04T12:00:00Z', '--format', 'jsonl'];
  expect(await run(['batch', 'secrets.yaml', ...args], named)).toBe(0);
  expect(await run(['batch', '-', ...args], piped)).toBe(0);
  expect(named.out().split('\n')).toHaveLength(652);
  expect(named.out().replaceAll('"file":"secrets.yaml"', '"file":"-"')).toBe(piped.out());
}, 60_000);
