/**
 * `kubectl get secrets -A -o json` (or `-o yaml`) on the fly: a List of `count` TLS Secrets
 * written to a stream as one JSON (or YAML) document, with backpressure, so the benchmark's own memory stays
 * small whatever the count. The Secrets cycle through `pool` distinct certificates (more
 * than the DER reader's 1,024-entry cache, so each is read afresh) and each carries a
 * key, as real TLS Secrets do.
 */
import type { Writable } from 'node:stream';
import type { Corpus } from './generate.js';

export function certificatePool(corpus: Corpus, size: number): string[] {
  return Array.from({ length: size }, (_, i) => Buffer.from(corpus.pem(i)).toString('base64'));
}

const KEY = Buffer.from(
  '-----BEGIN EC PRIVATE KEY-----\nnot a real key\n-----END EC PRIVATE KEY-----\n',
).toString('base64');

function secretJson(i: number, crt: string): string {
  return JSON.stringify(
    {
      apiVersion: 'v1',
      data: { 'tls.crt': crt, 'tls.key': KEY },
      kind: 'Secret',
      metadata: {
        creationTimestamp: '2025-01-01T00:00:00Z',
        name: `tls-${i}`,
        namespace: `ns-${i % 100}`,
        resourceVersion: String(1000 + i),
        uid: `00000000-0000-0000-0000-${String(i).padStart(12, '0')}`,
      },
      type: 'kubernetes.io/tls',
    },
    null,
    4,
  );
}

/** One Secret as `kubectl get -o yaml` prints a List's item: `- ` at column 0, keys sorted. */
function secretYaml(i: number, crt: string): string {
  return [
    '- apiVersion: v1',
    '  data:',
    `    tls.crt: ${crt}`,
    `    tls.key: ${KEY}`,
    '  kind: Secret',
    '  metadata:',
    '    creationTimestamp: "2025-01-01T00:00:00Z"',
    `    name: tls-${i}`,
    `    namespace: ns-${i % 100}`,
    `    resourceVersion: "${1000 + i}"`,
    `    uid: 00000000-0000-0000-0000-${String(i).padStart(12, '0')}`,
    '  type: kubernetes.io/tls',
    '',
  ].join('\n');
}

/** Writes the List to `out` and ends it; resolves when all is written. */
export async function writeList(
  out: Writable,
  count: number,
  pool: readonly string[],
  format: 'json' | 'yaml' = 'json',
): Promise<void> {
  const write = (text: string): Promise<void> | null =>
    out.write(text) ? null : new Promise((resolve) => out.once('drain', () => resolve()));
  if (format === 'yaml') {
    // kubectl's order: apiVersion, items, kind, metadata.
    let pending = write('apiVersion: v1\nitems:\n');
    if (pending) await pending;
    for (let i = 0; i < count; i++) {
      pending = write(secretYaml(i, pool[i % pool.length] as string));
      if (pending) await pending;
    }
    pending = write('kind: List\nmetadata:\n  resourceVersion: ""\n');
    if (pending) await pending;
    out.end();
    return;
  }
  let waiting = write('{\n    "apiVersion": "v1",\n    "items": [\n');
  if (waiting) await waiting;
  for (let i = 0; i < count; i++) {
    waiting = write(
      `${secretJson(i, pool[i % pool.length] as string)}${i + 1 < count ? ',\n' : '\n'}`,
    );
    if (waiting) await waiting;
  }
  waiting = write(
    '    ],\n    "kind": "List",\n    "metadata": {\n        "resourceVersion": ""\n    }\n}\n',
  );
  if (waiting) await waiting;
  out.end();
}
