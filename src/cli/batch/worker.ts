/**
 * Entry point of a batch worker thread (bundled as dist/batch-worker.js): audits the
 * chunks the main thread posts and answers with their text and tally.
 */
// No reflect-metadata here: the worker loads @peculiar/x509 only if a certificate
// needs the full parser, and src/facts/certificate.ts loads it first then.
import { parentPort, workerData } from 'node:worker_threads';
import type { BatchSettings } from '../../batch/settings.js';
import type { Item } from '../../batch/types.js';

const [{ auditChunk }, { auditContext }, { terminalStyle }] = await Promise.all([
  import('../../batch/chunk.js'),
  import('../../batch/settings.js'),
  import('../style.js'),
]);

const settings = workerData as BatchSettings;
const context = auditContext(settings);
const style = await terminalStyle(settings.color, {}, settings.color);

parentPort?.on('message', (message: { id: number; items: Item[] }) => {
  context
    .then((resolved) => auditChunk(message.items, resolved, settings.format, style))
    .then(
      (result) => parentPort?.postMessage({ id: message.id, result }),
      (error: unknown) =>
        parentPort?.postMessage({
          id: message.id,
          error: error instanceof Error ? error.message : String(error),
        }),
    );
});
