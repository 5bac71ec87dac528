/**
 * A JSON List read as a stream (src/inputs/stream.ts): Secrets one at a time, in order,
 * the same values kept as for the whole document, errors per item, limits as errors.
 */
import { readFileSync } from 'node:fs';
import { InputError } from '../../src/base/errors.js';
import { MAX_NESTING } from '../../src/inputs/structured.js';
import { streamJsonSecrets, type Streamed } from '../../src/inputs/stream.js';
import { run } from '../../src/cli/run.js';
import { fakeIo } from '../helpers/fake-io.js';
import { chunks } from '../helpers/chunks.js';

const seed = readFileSync('fixtures/seed/apiserver.crt');

async function all(text: string, size = 7): Promise<Streamed[]> {
  const found: Streamed[] = [];
  for await (const entry of streamJsonSecrets(chunks(text, size), 'in.json')) found.push(entry);
  return found;
}

const secret = (name: string, extra: Record<string, unknown> = {}): object => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name, namespace: 'né' },
  data: { 'tls.crt': seed.toString('base64'), 'tls.key': Buffer.from('KEY').toString('base64') },
  ...extra,
});

test('a List: each Secret in order, other kinds left out, keys never kept', async () => {
  const text = JSON.stringify(
    {
      apiVersion: 'v1',
      items: [secret('a'), { kind: 'Pod', metadata: { name: 'p' } }, secret('b')],
      kind: 'List',
    },
    null,
    4,
  );
  const found = await all(text);
  expect(found.map((entry) => (entry.kind === 'secret' ? entry.secret.name : entry.kind))).toEqual([
    'né/a',
    'né/b',
  ]);
  const [first] = found;
  if (first?.kind !== 'secret') throw new Error('expected a Secret');
  expect(Buffer.from(first.secret.tls?.bytes ?? [])).toEqual(seed);
  expect(first.secret.others).toEqual(['tls.key']);
});

test('a Secret that cannot be read is its own error; the next ones still come', async () => {
  const text = JSON.stringify({
    kind: 'List',
    items: [secret('a', { data: { 'tls.crt': 'not*base64' } }), secret('b')],
  });
  const found = await all(text, 100);
  expect(found.map((entry) => entry.kind)).toEqual(['error', 'secret']);
  expect(found[0]?.kind === 'error' && found[0].error.problem).toBe(
    'Secret né/a: data["tls.crt"] is not valid base64',
  );
});

test('a document that is not a List comes back whole', async () => {
  const text = JSON.stringify(secret('one'));
  const found = await all(text);
  expect(found).toHaveLength(1);
  expect(found[0]?.kind === 'document' && Buffer.from(found[0].bytes).toString()).toBe(text);
});

test('a List of another kind is refused by its kind', async () => {
  await expect(all(JSON.stringify({ kind: 'PodList', items: [] }) + ' ')).resolves.toHaveLength(1);
  await expect(all(JSON.stringify({ kind: 'PodList', items: [{ kind: 'Pod' }] }))).rejects.toThrow(
    'in.json: is a PodList, not a certificate, a Secret, a List of Secrets or a kubeconfig',
  );
});

test('nesting past the limit is refused as it streams, without building the value', async () => {
  const deep = `{"kind":"List","items":[{"kind":"Secret","data":{"tls.crt":${'['.repeat(1_000_000)}`;
  await expect(all(deep, 65536)).rejects.toThrow(
    new InputError('in.json', `nests deeper than ${MAX_NESTING} levels; no Kubernetes object does`),
  );
});

test('broken JSON is one input error', async () => {
  await expect(all('{"kind":"List","items":[{"kind":"Secret"}] x')).rejects.toBeInstanceOf(
    InputError,
  );
});

test('batch -: a streamed List gives one row per certificate, in order, and the bad item its line', async () => {
  const text = JSON.stringify({
    kind: 'List',
    items: [secret('a'), secret('bad', { data: { 'tls.crt': '*' } }), secret('c')],
  });
  const io = fakeIo({ '-': text });
  expect(await run(['batch', '-', '--at', '2015-11-04T12:00:00Z'], io)).toBe(2);
  const rows = io
    .out()
    .split('\n')
    .filter((line) => /^(PASS|FAIL) /.test(line));
  expect(rows.map((row) => row.split(/\s+/)[4])).toEqual(['né/a:tls.crt', 'né/c:tls.crt']);
  expect(io.err()).toBe('diagnose: -: Secret né/bad: data["tls.crt"] is not valid base64\n');
});

test('batch FILE: a named JSON List over 1 MiB is streamed too (a bad Secret is its own line)', async () => {
  const items = Array.from({ length: 800 }, (_, i) =>
    i === 400 ? secret('bad', { data: { 'tls.crt': '*' } }) : secret(`s${i}`),
  );
  const text = JSON.stringify({ apiVersion: 'v1', items, kind: 'List' });
  expect(text.length).toBeGreaterThan(1024 * 1024);
  const io = fakeIo({ 'secrets.json': text });
  expect(await run(['batch', 'secrets.json', '--at', '2015-11-04T12:00:00Z'], io)).toBe(2);
  expect(io.out().match(/^(PASS|FAIL) /gm)).toHaveLength(799);
  expect(io.err()).toBe(
    'diagnose: secrets.json: Secret né/bad: data["tls.crt"] is not valid base64\n',
  );
}, 60_000);
