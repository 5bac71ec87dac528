/**
 * Worker threads for batch audits: each runs src/cli/batch/worker.ts (bundled as
 * dist/batch-worker.js) and audits chunks of items; results come back as text and
 * a tally. Chunks go to the least busy worker.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ChunkResult } from '../../batch/chunk.js';
import type { BatchSettings } from '../../batch/settings.js';
import type { Item } from '../../batch/types.js';

interface Slot {
  readonly worker: Worker;
  readonly pending: Map<number, { resolve: (r: ChunkResult) => void; reject: (e: Error) => void }>;
}

export interface Pool {
  readonly audit: (items: readonly Item[]) => Promise<ChunkResult>;
  readonly close: () => Promise<void>;
}

/** The bundled worker beside this module, or null when running from sources (tests). */
export function workerUrl(): URL | null {
  const url = new URL('./batch-worker.js', import.meta.url);
  return url.protocol === 'file:' && existsSync(fileURLToPath(url)) ? url : null;
}

export function startPool(url: URL, size: number, settings: BatchSettings): Pool {
  let nextId = 0;
  const slots: Slot[] = [];
  for (let i = 0; i < size; i++) {
    // Audits keep little alive (a chunk at a time): a small young generation keeps the
    // RSS of a 100,000-certificate run low (docs/performance.md, Memory).
    const worker = new Worker(url, {
      workerData: settings,
      resourceLimits: { maxYoungGenerationSizeMb: 3, maxOldGenerationSizeMb: 256 },
    });
    const slot: Slot = { worker, pending: new Map() };
    worker.on('message', (message: { id: number; result?: ChunkResult; error?: string }) => {
      const waiting = slot.pending.get(message.id);
      if (!waiting) return;
      slot.pending.delete(message.id);
      if (message.result) waiting.resolve(message.result);
      else waiting.reject(new Error(message.error ?? 'batch worker failed'));
    });
    const fail = (error: Error): void => {
      for (const waiting of slot.pending.values()) waiting.reject(error);
      slot.pending.clear();
    };
    worker.on('error', fail);
    // A worker that dies (out of memory, killed) must not leave its chunks waiting.
    worker.on('exit', (code) => fail(new Error(`a batch worker thread exited (code ${code})`)));
    slots.push(slot);
  }
  return {
    audit: (items) => {
      const slot = slots.reduce((best, candidate) =>
        candidate.pending.size < best.pending.size ? candidate : best,
      );
      const id = nextId++;
      return new Promise<ChunkResult>((resolve, reject) => {
        slot.pending.set(id, { resolve, reject });
        slot.worker.postMessage({ id, items });
      });
    },
    close: async () => {
      await Promise.all(slots.map((slot) => slot.worker.terminate()));
    },
  };
}
