/**
 * Batch inputs from the file system (Io's `files`): named files, directories walked in name order,
 * and `-` for standard input. Reads run ahead of the consumer but bounded, in files and in
 * bytes, so a directory of 100,000 files, or of a few huge ones, is never held in memory at
 * once. Names found in directories are kept as bytes, so a name that is not valid UTF-8
 * still opens; it is shown with its invalid bytes as `\xNN`.
 */
import { InputError } from '../../base/errors.js';
import { startsLikeJson } from '../../inputs/stream.js';
import { looksStructured } from '../../inputs/structured.js';
import type { FileTree, FsPath, Io } from '../io.js';

export type Input =
  | {
      readonly kind: 'file';
      /** The path as shown (invalid UTF-8 bytes escaped). */
      readonly path: string;
      readonly bytes: Uint8Array;
      /** Found by walking a directory (not named): skipped quietly if it holds no certificate. */
      readonly walked: boolean;
    }
  /**
   * Read as it comes: a JSON document (src/inputs/stream.ts) or a YAML stream of one or
   * more documents (src/inputs/yaml-stream.ts) on standard input.
   */
  | {
      readonly kind: 'stream';
      readonly format: 'json' | 'yaml';
      readonly path: string;
      /**
       * YAML only: false to read every document whole, Lists too (src/cli/batch/run.ts:
       * a named file holding anchors or aliases).
       */
      readonly lists?: boolean;
      readonly chunks: AsyncIterable<Uint8Array>;
    }
  | { readonly kind: 'error'; readonly source: string; readonly problem: string }
  /** Not read on purpose (a FIFO, socket or device found in a directory): a line, not an error. */
  | { readonly kind: 'skipped'; readonly source: string; readonly problem: string };

/** Files read ahead of the audits, at most. */
export const READ_AHEAD_FILES = 16;
/** Bytes read ahead of the audits, at most (a single larger file is still read, alone). */
export const READ_AHEAD_BYTES = 32 * 1024 * 1024;

export async function* readInputs(
  paths: readonly string[],
  io: Io,
  maxBytes: number,
): AsyncGenerator<Input> {
  const files = io.files;
  const pending: Promise<Input>[] = [];
  const sizes: number[] = [];
  let bytesAhead = 0;
  const take = async (): Promise<Input> => {
    bytesAhead -= sizes.shift() as number;
    return (await pending.shift()) as Input;
  };
  for await (const entry of walk(files, paths)) {
    // Bounded before the next read: never more than READ_AHEAD_BYTES held unless one file alone.
    while (
      pending.length >= READ_AHEAD_FILES ||
      (pending.length > 0 && bytesAhead >= READ_AHEAD_BYTES)
    )
      yield await take();
    let input: Promise<Input>;
    if ('error' in entry) {
      const error = entry.error;
      input = Promise.resolve({
        kind: entry.skipped ? 'skipped' : 'error',
        source: error.source,
        problem: error.problem,
      });
    } else if (entry.path === '-') input = readStdin(io, maxBytes);
    else input = Promise.resolve(readOne(files, entry.path, entry.walked, maxBytes));
    const size = await input.then((read) => (read.kind === 'file' ? read.bytes.length : 0));
    pending.push(input);
    sizes.push(size);
    bytesAhead += size;
  }
  while (pending.length > 0) yield await take();
}

async function readStdin(io: Io, maxBytes: number): Promise<Input> {
  try {
    if (io.stdinChunks) return await peekStdin(io.stdinChunks(), maxBytes);
    return { kind: 'file', path: '-', bytes: await io.read('-', maxBytes), walked: false };
  } catch (error) {
    return asError('-', error);
  }
}

/**
 * A JSON object on standard input (`kubectl get … -o json`) is streamed; anything else
 * (PEM, YAML, DER) is read whole, within `maxBytes`, as before.
 */
async function peekStdin(chunks: AsyncIterable<Uint8Array>, maxBytes: number): Promise<Input> {
  const iterator = chunks[Symbol.asyncIterator]();
  const seen: Uint8Array[] = [];
  let total = 0;
  let json: boolean | null = null;
  while (json === null) {
    const next = await iterator.next();
    if (next.done) break;
    seen.push(next.value);
    total += next.value.length;
    json = startsLikeJson(next.value);
  }
  if (json === true) {
    const rest: AsyncIterable<Uint8Array> = {
      [Symbol.asyncIterator]: () => iterator,
    };
    return { kind: 'stream', format: 'json', path: '-', chunks: prepend(seen, rest) };
  }
  let checked = false;
  for (;;) {
    // Past STREAM_YAML_FROM bytes, YAML (Secrets, Lists, kubeconfigs joined by `---`) is
    // read a document at a time, a List in kubectl's layout an item at a time;
    // --max-input-bytes then bounds each document and each item.
    if (!checked && total > STREAM_YAML_FROM && total <= maxBytes) {
      checked = true;
      if (looksStructured(Buffer.concat(seen).toString('utf8'))) {
        const rest: AsyncIterable<Uint8Array> = { [Symbol.asyncIterator]: () => iterator };
        return { kind: 'stream', format: 'yaml', path: '-', chunks: prepend(seen, rest) };
      }
    }
    if (total > maxBytes)
      throw new InputError(
        '-',
        `standard input is more than the limit of ${maxBytes} bytes (--max-input-bytes)`,
      );
    const next = await iterator.next();
    if (next.done) break;
    seen.push(next.value);
    total += next.value.length;
  }
  return { kind: 'file', path: '-', bytes: new Uint8Array(Buffer.concat(seen)), walked: false };
}

/** Standard input (or a named file) larger than this that looks like YAML is read a document (or List item) at a time. */
export const STREAM_YAML_FROM = 1024 * 1024;

async function* prepend(
  first: readonly Uint8Array[],
  rest: AsyncIterable<Uint8Array>,
): AsyncGenerator<Uint8Array> {
  yield* first;
  yield* rest;
}

function readOne(files: FileTree, path: FsPath, walked: boolean, maxBytes: number): Input {
  const shown = displayPath(path);
  try {
    return { kind: 'file', path: shown, bytes: files.readSync(path, maxBytes), walked };
  } catch (error) {
    if (error instanceof InputError)
      return { kind: 'error', source: shown, problem: error.problem };
    return asError(shown, error);
  }
}

/**
 * Paths in order: a named file as is, a directory's entries sorted by name (bytewise),
 * depth first. Entries starting with `.` are skipped — among them Kubernetes' `..data`
 * and `..<timestamp>` directories behind a mounted Secret, whose files the visible
 * symlinks already point to — and symlinked directories are not followed (no loops).
 * FIFOs, sockets and devices are never opened from a directory: a line says so.
 */
type Walked =
  | { readonly path: FsPath; readonly walked: boolean }
  | { readonly error: InputError; readonly skipped: boolean };

async function* walk(files: FileTree, paths: readonly string[]): AsyncGenerator<Walked> {
  for (const path of paths) {
    if (path === '-') {
      yield { path, walked: false };
      continue;
    }
    // Anything but a directory (a missing path too) is read, and readOne reports the problem.
    if ((await files.pathKind(path)) === 'directory')
      yield* walkDirectory(files, Buffer.from(path));
    else yield { path, walked: false };
  }
}

const SLASH = Buffer.from('/');

async function* walkDirectory(files: FileTree, directory: Buffer): AsyncGenerator<Walked> {
  let entries;
  try {
    entries = (await files.list(directory)).filter((entry) => entry.name[0] !== 0x2e); // '.'
  } catch (error) {
    yield { error: asInputError(displayPath(directory), error), skipped: false };
    return;
  }
  entries.sort((a, b) => Buffer.compare(a.name, b.name));
  const base =
    directory[directory.length - 1] === 0x2f ? directory : Buffer.concat([directory, SLASH]);
  for (const entry of entries) {
    const path = Buffer.concat([base, entry.name]);
    // A valid UTF-8 path travels as a string (what Node and the tests expect).
    const fsPath: FsPath = isUtf8(path) ? path.toString('utf8') : path;
    if (entry.kind === 'directory') {
      yield* walkDirectory(files, path);
    } else if (entry.kind === 'symlink') {
      const kind = await files.pathKind(fsPath);
      if (kind === 'file') yield { path: fsPath, walked: true };
      else if (kind === 'other') yield special(fsPath, 'points to a special file');
    } else if (entry.kind === 'other') {
      yield special(fsPath, entry.special ?? 'is a special file');
    } else {
      yield { path: fsPath, walked: true };
    }
  }
}

function special(path: FsPath, what: string): Walked {
  return {
    error: new InputError(displayPath(path), `${what}, not a regular file: skipped`),
    skipped: true,
  };
}

function isUtf8(bytes: Buffer): boolean {
  return Buffer.from(bytes.toString('utf8')).equals(bytes);
}

/**
 * A path for people: as is when it is valid UTF-8, otherwise each byte that is not part of
 * a valid UTF-8 sequence as `\xNN` (the path still opens: the bytes are kept beside it).
 */
export function displayPath(path: FsPath): string {
  if (typeof path === 'string') return path;
  if (isUtf8(path)) return path.toString('utf8');
  let shown = '';
  let i = 0;
  while (i < path.length) {
    const lead = path[i] as number;
    const length =
      lead < 0x80
        ? 1
        : lead >= 0xc2 && lead < 0xe0
          ? 2
          : lead >= 0xe0 && lead < 0xf0
            ? 3
            : lead >= 0xf0 && lead < 0xf5
              ? 4
              : 0;
    const sequence = length > 0 ? path.subarray(i, i + length) : null;
    if (sequence && sequence.length === length && isUtf8(sequence)) {
      shown += sequence.toString('utf8');
      i += length;
    } else {
      shown += `\\x${lead.toString(16).padStart(2, '0')}`;
      i++;
    }
  }
  return shown;
}

const ERRNO_TEXT: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOTDIR: 'a part of the path is not a directory',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'the path is too long',
};

function asInputError(path: string, error: unknown): InputError {
  if (error instanceof InputError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return new InputError(
    path,
    code ? (ERRNO_TEXT[code] ?? `cannot be read (${code})`) : 'cannot be read',
  );
}

function asError(path: string, error: unknown): Input {
  const inputError = asInputError(path, error);
  return { kind: 'error', source: inputError.source, problem: inputError.problem };
}
