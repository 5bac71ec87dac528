/**
 * `diagnose batch`: inputs → items → chunks → audits → ordered output. Chunks are
 * audited in this thread until the input proves large, then by worker threads;
 * at most a few chunks are in flight, so memory stays flat however many
 * certificates stream through. Output keeps input order.
 */
import { availableParallelism } from 'node:os';
import { auditChunk, inputErrorLine, type ChunkResult } from '../../batch/chunk.js';
import { itemsOf, itemsOfStream, itemsOfYamlStream } from '../../batch/items.js';
import { countTrust, jsonLine, tallyLine, tallyText, trustRow } from '../../batch/format.js';
import { Inventory } from '../../batch/inventory.js';
import { auditContext, type BatchSettings } from '../../batch/settings.js';
import { addTally, emptyTally, type Item, type ItemError } from '../../batch/types.js';
import { ExitCode, InputError } from '../../base/errors.js';
import { looksLikeDer, splitDer } from '../../load/der.js';
import { startsLikeJson } from '../../inputs/stream.js';
import { looksStructured } from '../../inputs/structured.js';
import { readInputs, type Input } from './walk.js';
import { startPool, workerUrl, type Pool } from './pool.js';
import type { Io } from '../io.js';
import type { Progress } from '../progress.js';
import { terminalStyle } from '../style.js';

export interface BatchRunOptions {
  readonly paths: readonly string[];
  readonly settings: BatchSettings;
  /** Worker threads: a number, or 'auto' (all cores once the input is large). */
  readonly jobs: number | 'auto';
  readonly maxInputBytes: number;
  readonly progress: Progress | null;
  /** Number of inputs when known up front (plain files only), for the progress bar. */
  readonly totalInputs: number | null;
  /** The inputs, when not read from `paths` (tests). */
  readonly inputs?: AsyncIterable<Input>;
}

const CHUNK_ITEMS = 64;
/** Items audited in this thread before 'auto' starts workers: small runs stay instant. */
const AUTO_THRESHOLD = 512;

export async function runBatch(options: BatchRunOptions, io: Io): Promise<ExitCode> {
  const { settings } = options;
  const context = await auditContext(settings);
  const style = await terminalStyle(settings.color, {}, settings.color);
  const tally = emptyTally();
  const inventory = new Inventory();
  const queue: Promise<ChunkResult>[] = [];
  let pool: Pool | null = null;
  let inFlight = 2;
  let seen = 0;
  let inputs = 0;
  let chunk: Item[] = [];

  const emit = (result: ChunkResult): void => {
    if (result.stdout) io.stdout(result.stdout);
    if (result.stderr) {
      options.progress?.finish();
      io.stderr(result.stderr);
    }
    addTally(tally, result.tally);
    options.progress?.update(tally.certificates, inputs, options.totalInputs);
  };
  const inputError = (error: ItemError): void => {
    tally.errors++;
    options.progress?.finish();
    io.stderr(`diagnose: ${inputErrorLine(error)}\n`);
    if (settings.format === 'jsonl') io.stdout(jsonLine(error));
  };
  const startWorkers = (): void => {
    const url = workerUrl();
    const size =
      options.jobs === 'auto' ? Math.min(availableParallelism(), 4) : Math.max(1, options.jobs);
    if (!url || size < 2 || pool) return;
    pool = startPool(url, size, settings);
    inFlight = size * 3;
  };
  const flush = async (): Promise<void> => {
    if (chunk.length === 0) return;
    const items = chunk;
    chunk = [];
    if (options.jobs === 'auto' && seen > AUTO_THRESHOLD) startWorkers();
    const current: Pool | null = pool;
    const audited = current
      ? current.audit(items)
      : auditChunk(items, context, settings.format, style);
    // The serving Secrets the audit found, for the inventory to pair at the end.
    queue.push(
      audited.then((result) => {
        if (result.serving) inventory.addServing(items, result.serving);
        return result;
      }),
    );
    while (queue.length > inFlight) {
      emit(await (queue.shift() as Promise<ChunkResult>));
      // Output is bounded too: wait for a slow reader rather than buffer its backlog.
      await io.drained?.();
    }
  };

  if (options.jobs !== 'auto' && options.jobs > 1) startWorkers();
  try {
    const source = options.inputs ?? readInputs(options.paths, io, options.maxInputBytes);
    for await (const read of source) {
      inputs++;
      // A large JSON or YAML file named on the command line (a saved `kubectl get -o json`
      // or `-o yaml`, manifests joined by `---`) is parsed as a stream too: its bytes are
      // held, but not a tree of objects per Secret, nor every document's at once.
      const input: Input =
        read.kind === 'file' && !read.walked && read.bytes.length > STREAM_FILES_FROM
          ? (streamOf(read.path, read.bytes) ?? read)
          : read;
      if (input.kind === 'error') {
        inputError({ type: 'error', source: input.source, problem: input.problem });
        continue;
      }
      if (input.kind === 'stream') {
        try {
          const entries =
            input.format === 'json'
              ? itemsOfStream(input.chunks, input.path)
              : itemsOfYamlStream(
                  input.chunks,
                  input.path,
                  options.maxInputBytes,
                  input.lists ?? true,
                );
          for await (const entry of entries) {
            if ('type' in entry) {
              if (entry.type === 'inventory') inventory.add(entry);
              else inputError(entry);
              continue;
            }
            chunk.push(entry);
            seen++;
            if (chunk.length >= CHUNK_ITEMS) await flush();
          }
        } catch (error) {
          inputError(
            error instanceof InputError
              ? { type: 'error', source: error.source, problem: error.problem }
              : { type: 'error', source: input.path, problem: UNFORESEEN },
          );
        }
        continue;
      }
      if (input.kind === 'skipped') {
        tally.skipped++;
        options.progress?.finish();
        io.stderr(`diagnose: ${inputErrorLine({ type: 'error', ...input })}\n`);
        continue;
      }
      let items: readonly Item[];
      try {
        const contents = await itemsOf(input.bytes, input.path, !input.walked);
        const empty = contents.manifest
          ? contents.items.length === 0 && (contents.inventory?.entries.length ?? 0) === 0
          : !holdsCertificate(input.bytes);
        if (input.walked && empty) {
          tally.skipped++;
          continue;
        }
        items = contents.items;
        if (contents.inventory) inventory.add(contents.inventory);
      } catch (error) {
        // One input the readers did not foresee must not cost the others their lines.
        inputError(
          error instanceof InputError
            ? { type: 'error', source: error.source, problem: error.problem }
            : { type: 'error', source: input.path, problem: UNFORESEEN },
        );
        continue;
      }
      for (const item of items) {
        chunk.push(item);
        seen++;
        if (chunk.length >= CHUNK_ITEMS) await flush();
      }
    }
    await flush();
    while (queue.length > 0) emit(await (queue.shift() as Promise<ChunkResult>));
    // The inventory pairs once everything is read: objects and Secrets come in any order.
    if (inventory.holdsTrustObjects) {
      const { records, local } = await inventory.judge(context);
      tally.trust.local += local;
      let rows = '';
      for (const record of records) {
        if (record.type === 'error') {
          inputError(record);
          continue;
        }
        countTrust(tally, record);
        if (settings.format === 'jsonl') io.stdout(jsonLine(record));
        else rows += trustRow(record, style);
      }
      if (rows !== '')
        io.stdout(
          `\n${style.bold('Webhooks and APIServices against their serving Secrets')}\n${rows}`,
        );
    }
  } finally {
    options.progress?.finish();
    await (pool as Pool | null)?.close();
  }

  const trustRecords =
    tally.trust.pass + tally.trust.fail + tally.trust.unchecked + tally.trust.absent;
  if (tally.certificates === 0 && tally.errors === 0 && trustRecords === 0) {
    throw new InputError(options.paths.join(' '), 'no certificate found');
  }
  io.stdout(settings.format === 'jsonl' ? tallyLine(tally) : `\n${tallyText(tally, style)}`);
  if (tally.errors > 0) return ExitCode.input;
  return tally.fail > 0 || tally.trust.fail > 0 || tally.trust.unchecked > 0
    ? ExitCode.fail
    : ExitCode.pass;
}

/** Named JSON files larger than this are parsed as a stream (src/inputs/stream.ts). */
const STREAM_FILES_FROM = 1024 * 1024;

function streamOf(path: string, bytes: Uint8Array): Input | null {
  const json = startsLikeJson(bytes);
  if (json === true) return { kind: 'stream', format: 'json', path, chunks: slices(bytes) };
  const head = Buffer.from(bytes.subarray(0, STREAM_FILES_FROM)).toString('utf8');
  if (json === false && looksStructured(head)) {
    // A List is read an item at a time unless the file may hold anchors or aliases: an
    // item read alone could not follow one to another item, and the whole file is at hand.
    const lists = !mayHoldAnchors(bytes);
    return { kind: 'stream', format: 'yaml', path, chunks: slices(bytes), lists };
  }
  return null;
}

/**
 * An `&anchor` or `*alias` where YAML allows one (after white space, an indicator or a
 * flow bracket, YAML 1.2.2 §6.9.2, §7.1). Quoted or block text that only looks like one
 * also counts: the file is then read a document at a time, which is still right.
 */
function mayHoldAnchors(bytes: Uint8Array): boolean {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  for (const sign of [0x26, 0x2a]) {
    for (let at = buffer.indexOf(sign); at >= 0; at = buffer.indexOf(sign, at + 1)) {
      const before = at === 0 ? 0x0a : (buffer[at - 1] as number);
      const after = buffer[at + 1];
      const separated =
        before === 0x20 ||
        before === 0x09 ||
        before === 0x0a ||
        before === 0x2d ||
        before === 0x3a ||
        before === 0x5b ||
        before === 0x7b ||
        before === 0x2c ||
        before === 0x3f;
      const named =
        after !== undefined && after !== 0x20 && after !== 0x09 && after !== 0x0a && after !== 0x0d;
      if (separated && named) return true;
    }
  }
  return false;
}

async function* slices(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += 65536) {
    await Promise.resolve();
    yield bytes.subarray(at, at + 65536);
  }
}

const UNFORESEEN = 'could not be read (an internal error; please report it with this input)';

/** A walked file counts only if it plainly holds a certificate (PEM CERTIFICATE or DER). */
function holdsCertificate(bytes: Uint8Array): boolean {
  if (looksLikeDer(bytes)) return typeof splitDer(bytes) !== 'string';
  const text = Buffer.from(bytes).toString('latin1');
  return /-----BEGIN (X509 )?CERTIFICATE-----/.test(text);
}
