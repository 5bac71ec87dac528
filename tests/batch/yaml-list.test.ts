/**
 * A YAML List read an item at a time (itemsOfYamlStream) against the same bytes read whole
 * (itemsOf, as `diagnose <file>` reads them): the same items, the same inventory entries;
 * and whatever a mutated List holds, an InputError at worst, never anything else.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { stringify } from 'yaml';
import { InputError } from '../../src/base/errors.js';
import { itemsOf, itemsOfYamlStream, type InventoryInput } from '../../src/batch/items.js';
import type { Item, ItemError } from '../../src/batch/types.js';
import { chunks } from '../helpers/chunks.js';

const seed = readFileSync('fixtures/seed/apiserver.crt');

async function streamed(
  text: string,
  size: number,
): Promise<(Item | ItemError | InventoryInput)[]> {
  const found: (Item | ItemError | InventoryInput)[] = [];
  for await (const entry of itemsOfYamlStream(chunks(Buffer.from(text), size), 'in.yaml', 1 << 20))
    found.push(entry);
  return found;
}

const secret = (name: string, withCa: boolean): Record<string, unknown> => ({
  apiVersion: 'v1',
  data: {
    'tls.crt': seed.toString('base64'),
    ...(withCa ? { 'ca.crt': seed.toString('base64') } : {}),
    'tls.key': 'S0VZ',
  },
  kind: 'Secret',
  metadata: { name, namespace: 'ns' },
  type: 'kubernetes.io/tls',
});
const other = (name: string): Record<string, unknown> => ({
  apiVersion: 'v1',
  data: { 'config.yaml': '- a\n- b\n' },
  kind: 'ConfigMap',
  metadata: { name },
});

test('a List of Secrets (other kinds beside them): the items the whole-document read gives, in order', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(
        fc.record({
          secret: fc.boolean(),
          ca: fc.boolean(),
          name: fc.stringMatching(/^[a-z]{1,8}$/),
        }),
        { minLength: 1, maxLength: 8 },
      ),
      fc.boolean(),
      fc.integer({ min: 1, max: 500 }),
      async (entries, indentSeq, size) => {
        const items = entries.map((entry) =>
          entry.secret ? secret(entry.name, entry.ca) : other(entry.name),
        );
        const text = stringify(
          { apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } },
          { indentSeq },
        );
        // Both layouts read an item at a time: entries at column 2 or at column 0.
        expect(text).toMatch(indentSeq ? /^items:\n {2}- /m : /^items:\n- /m);
        const whole = await itemsOf(new Uint8Array(Buffer.from(text)), 'in.yaml');
        expect(await streamed(text, size)).toEqual(whole.items);
      },
    ),
    { numRuns: 60, seed: 151 },
  );
});

test('the cluster inventory List: the same items and inventory entries as read whole', async () => {
  const text = readFileSync('fixtures/inventory/cluster.yaml', 'utf8');
  const whole = await itemsOf(new Uint8Array(Buffer.from(text)), 'in.yaml');
  const found = await streamed(text, 4096);
  const items = found.filter((entry): entry is Item => !('type' in entry));
  const entries = found.flatMap((entry) =>
    'type' in entry && entry.type === 'inventory' ? entry.entries : [],
  );
  const key = (item: Item): string =>
    `${item.label ?? ''} ${Buffer.from(item.bytes).toString('hex')}`;
  expect(items.map(key).sort()).toEqual(whole.items.map(key).sort());
  expect(entries).toEqual(whole.inventory?.entries);
  expect(found.some((entry) => 'type' in entry && entry.type === 'error')).toBe(false);
});

// Lines that break the layout or the YAML, dropped in anywhere.
const hostile = fc.constantFrom(
  '- ',
  '-',
  '  - *a',
  '- &a {kind: Secret}',
  '- *a',
  'items:',
  'items: []',
  'kind: Secret',
  '---',
  '...',
  '%YAML 1.2',
  '\t- x',
  '  "unclosed',
  ' x: [',
  '- !!binary AAAA',
  '- [[[[[[[[[[[[[[',
  '# c',
  '',
);

test('a mutated List: an InputError at worst, never anything else', async () => {
  const base = stringify(
    {
      apiVersion: 'v1',
      items: [secret('a', true), other('b'), secret('c', false)],
      kind: 'List',
      metadata: { resourceVersion: '' },
    },
    { indentSeq: false },
  ).split('\n');
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.tuple(fc.nat(), hostile), { minLength: 1, maxLength: 6 }),
      fc.integer({ min: 1, max: 300 }),
      async (insertions, size) => {
        const lines = [...base];
        for (const [at, line] of insertions) lines.splice(at % (lines.length + 1), 0, line);
        try {
          await streamed(lines.join('\n'), size);
        } catch (error) {
          if (!(error instanceof InputError)) throw error;
        }
      },
    ),
    { numRuns: 300, seed: 152 },
  );
});
