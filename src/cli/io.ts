/**
 * Everything the CLI touches outside itself goes through Io, so `run` can be tested
 * with a fake one and the core never sees a file, a clock or an environment variable.
 */
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { lstat, mkdir, open, opendir, rename, stat, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { InputError } from '../base/errors.js';
import type { PathKind } from '../inputs/types.js';
import type { TlsHandshake } from '../live/types.js';

export interface Io {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Reads a file, or standard input for `-`, refusing more than `maxBytes`. */
  readonly read: (path: string, maxBytes: number) => Promise<Uint8Array>;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdoutIsTTY: boolean;
  readonly now: () => Date;
  /**
   * Writes files the user asked for (`generate --out`), all or none: each is written to a
   * new temporary file beside it (O_EXCL, its final mode from the start, never through a
   * symbolic link), then renamed into place. An existing file (or a symbolic link) at a
   * path is refused unless `replace`. Optional so read-only fakes need not implement it.
   */
  readonly write?: (
    files: readonly { readonly path: string; readonly data: string; readonly mode: number }[],
    replace: boolean,
  ) => Promise<void>;
  /** What is at a path, so a service-account directory is accepted where a file is. Optional: without it every path is a file. */
  readonly pathKind?: (path: string) => Promise<PathKind>;
  /** One live TLS handshake (src/live), the tool's only network access. Optional: without it live checks are refused. */
  readonly tlsHandshake?: TlsHandshake;
  /**
   * Standard input is a shell pipe or a redirected file, so a command given no file reads
   * it. Optional: absent means not (a terminal, /dev/null, or a socket a parent process
   * holds open and may never write to).
   */
  readonly stdinIsPiped?: boolean;
  /** Standard error is a terminal (batch draws its progress line there). Optional: absent means not. */
  readonly stderrIsTTY?: boolean;
  /** The terminal's width in columns, when that stream is a terminal (help wrapping, the progress line). */
  readonly terminalColumns?: (stream: 'stdout' | 'stderr') => number | undefined;
  /** How batch walks directories and reads many files (the process's: `fileTree`). */
  readonly files: FileTree;
  /**
   * Resolves once standard output has taken what was written (its buffer is below its
   * high-water mark), so a long batch run never queues more output than a slow reader takes.
   * Optional: an in-memory stdout is always drained.
   */
  readonly drained?: () => Promise<void>;
  /**
   * Standard input as it arrives, for batch to read a JSON List one item at a time.
   * Optional: without it batch reads standard input whole (`read('-')`).
   */
  readonly stdinChunks?: () => AsyncIterable<Uint8Array>;
}

/**
 * A reader that goes away (`diagnose batch … | head -1`) is not an error: the run ends
 * quietly with exit 0, as other command-line tools do, instead of Node's unhandled EPIPE
 * with a stack. Called once by the bundled entry (src/cli/main.ts).
 */
export function quietPipes(): void {
  const closed = (error: NodeJS.ErrnoException): void => {
    if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') process.exit(0);
    throw error;
  };
  process.stdout.on('error', closed);
  process.stderr.on('error', (error: NodeJS.ErrnoException) => {
    // Nowhere left to say anything: end with the exit code the run has so far.
    if (error.code === 'EPIPE')
      process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
    throw error;
  });
}

/**
 * A path as the file system has it: a string, or the raw bytes of a name found in a
 * directory that is not valid UTF-8 (a string would lose it).
 */
export type FsPath = string | Buffer;

/** A directory entry, without following a symbolic link; `name` is the raw bytes. */
export interface DirectoryEntry {
  readonly name: Buffer;
  readonly kind: 'file' | 'directory' | 'symlink' | 'other';
  /** For 'other': what it is (a named pipe, a socket, a device). */
  readonly special?: string;
}

/** What `diagnose batch` needs of a file system. */
export interface FileTree {
  /** What is at a path, following symbolic links. */
  readonly pathKind: (path: FsPath) => Promise<PathKind>;
  /** A directory's entries, in no particular order (errno errors as thrown). */
  readonly list: (path: FsPath) => Promise<DirectoryEntry[]>;
  /**
   * A whole regular file of at most `maxBytes`; an InputError for a directory, a special
   * file (opened without blocking, so a FIFO with no writer cannot hang the run) or a file
   * past the limit, errno errors as thrown. Synchronous on purpose: a certificate file is
   * a few kilobytes, and a synchronous read costs a fraction of the promise API's
   * open/stat/read/close round trips; the audits run on worker threads meanwhile.
   */
  readonly readSync: (path: FsPath, maxBytes: number) => Uint8Array;
}

/** O_NONBLOCK: opening a FIFO without a writer returns at once instead of waiting for one. */
const READ_FLAGS = constants.O_RDONLY | constants.O_NONBLOCK | (constants.O_NOCTTY ?? 0);

async function pathKind(path: FsPath): Promise<PathKind> {
  try {
    const info = await stat(path);
    return info.isDirectory() ? 'directory' : info.isFile() ? 'file' : 'other';
  } catch {
    return 'missing';
  }
}

/** The process's file system, for batch. */
export const fileTree: FileTree = {
  pathKind,
  list: async (path) => {
    const entries: DirectoryEntry[] = [];
    // Names as bytes: a name that is not valid UTF-8 would not survive a string.
    for await (const entry of await opendir(path, {
      encoding: 'buffer' as BufferEncoding,
    })) {
      const name = entry.name as unknown as Buffer;
      if (entry.isDirectory()) entries.push({ name, kind: 'directory' });
      else if (entry.isSymbolicLink()) entries.push({ name, kind: 'symlink' });
      else if (entry.isFile()) entries.push({ name, kind: 'file' });
      else entries.push({ name, kind: 'other', special: specialFileKind(entry) });
    }
    return entries;
  },
  readSync: (path, maxBytes) => {
    const fd = openSync(path, READ_FLAGS);
    try {
      const info = fstatSync(fd);
      if (info.isDirectory()) throw new InputError(String(path), 'is a directory');
      if (!info.isFile()) throw new InputError(String(path), `${specialFileKind(info)}${SKIPPED}`);
      if (info.size > maxBytes) {
        throw new InputError(
          String(path),
          `is ${info.size} bytes, more than the limit of ${maxBytes} (--max-input-bytes)`,
        );
      }
      const bytes = readAll(fd, info.size, maxBytes);
      return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
    } finally {
      closeSync(fd);
    }
  },
};

/**
 * The whole file from an open descriptor; `size` is a hint (special files report 0).
 * Unpooled buffers, so a worker thread is sent this file's bytes and nothing else.
 */
function readAll(fd: number, size: number, maxBytes: number): Buffer {
  let buffer = Buffer.allocUnsafeSlow(size > 0 ? size + 1 : 65536);
  let length = 0;
  for (;;) {
    if (length === buffer.length) {
      if (buffer.length >= maxBytes)
        throw new InputError('', `is more than the limit of ${maxBytes} bytes (--max-input-bytes)`);
      const bigger = Buffer.allocUnsafeSlow(Math.min(buffer.length * 2, maxBytes + 1));
      buffer.copy(bigger, 0, 0, length);
      buffer = bigger;
    }
    const read = readSync(fd, buffer, length, buffer.length - length, null);
    if (read === 0) return buffer.subarray(0, length);
    length += read;
  }
}

export const processIo: Io = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  read: (path, maxBytes) => (path === '-' ? readStdin(maxBytes) : readPath(path, maxBytes)),
  env: process.env,
  stdoutIsTTY: process.stdout.isTTY === true,
  stderrIsTTY: process.stderr.isTTY === true,
  get stdinIsPiped() {
    try {
      const info = fstatSync(0);
      return info.isFIFO() || info.isFile();
    } catch {
      return false;
    }
  },
  terminalColumns: (stream) => (stream === 'stdout' ? process.stdout : process.stderr).columns,
  now: () => new Date(),
  pathKind,
  files: fileTree,
  stdinChunks: () => process.stdin as AsyncIterable<Buffer>,
  drained: () =>
    process.stdout.writableNeedDrain
      ? new Promise((resolve) => process.stdout.once('drain', () => resolve()))
      : Promise.resolve(),
  // node:tls and the handshake code are loaded only for a live check.
  tlsHandshake: async (request) => (await import('../live/handshake.js')).tlsHandshake(request),
  write: writeAll,
};

/**
 * All files or none. Each is written to `<path>.<pid>.tmp` opened with O_CREAT|O_EXCL|O_NOFOLLOW
 * and its final mode (a key is never readable by others, not even for a moment, and a
 * planted symbolic link or file at the temporary path is refused, not followed), then each
 * is renamed over its path — rename replaces a symbolic link itself, never its target. An
 * existing path is refused unless `replace`; if anything fails, the temporaries are
 * removed and nothing was replaced, so a new certificate never sits beside an old key.
 */
async function writeAll(
  files: readonly { readonly path: string; readonly data: string; readonly mode: number }[],
  replace: boolean,
): Promise<void> {
  const written: string[] = [];
  let current = files[0]?.path ?? '';
  try {
    for (const file of files) {
      current = file.path;
      await mkdir(dirname(file.path), { recursive: true });
      const existing = await lstat(file.path).catch(() => null);
      if (existing && !replace) {
        throw new InputError(
          file.path,
          `already exists${existing.isSymbolicLink() ? ' (a symbolic link)' : ''}; pass --force to replace it`,
        );
      }
      if (existing && !existing.isFile() && !existing.isSymbolicLink()) {
        const what = existing.isDirectory() ? 'is a directory' : specialFileKind(existing);
        throw new InputError(file.path, `${what}, not a file to replace`);
      }
      const temporary = `${file.path}.${process.pid}.tmp`;
      const handle = await open(
        temporary,
        constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
        file.mode,
      );
      written.push(temporary);
      try {
        await handle.writeFile(file.data);
        // The umask may have narrowed the mode; never widened.
        await handle.chmod(file.mode);
      } finally {
        await handle.close();
      }
    }
    for (const [index, file] of files.entries()) {
      current = file.path;
      await rename(written[index] as string, file.path);
    }
  } catch (error) {
    await Promise.all(written.map((temporary) => unlink(temporary).catch(() => undefined)));
    throw asInputError(current, error);
  }
}

async function readPath(path: string, maxBytes: number): Promise<Uint8Array> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new InputError(path, 'is a directory, not a certificate file');
    // A FIFO with no writer blocks open() for ever, /dev/zero never ends: only regular
    // files are read by path; anything else can be piped to standard input (`-`). The
    // open is non-blocking and checked again, in case the path changed since the stat.
    if (!info.isFile()) throw new InputError(path, `${specialFileKind(info)}${PIPE_IT}`);
    if (info.size > maxBytes) {
      throw new InputError(
        path,
        `is ${info.size} bytes, more than the limit of ${maxBytes} (--max-input-bytes)`,
      );
    }
    return await readAtMost(path, maxBytes);
  } catch (error) {
    throw asInputError(path, error);
  }
}

const PIPE_IT = ', not a regular file; pipe its content to standard input instead (diagnose -)';
const SKIPPED = ', not a regular file: not read';

function specialFileKind(
  info: Pick<Stats, 'isFIFO' | 'isCharacterDevice' | 'isBlockDevice' | 'isSocket'>,
): string {
  if (info.isFIFO()) return 'is a named pipe (FIFO)';
  if (info.isCharacterDevice()) return 'is a character device';
  if (info.isBlockDevice()) return 'is a block device';
  if (info.isSocket()) return 'is a socket';
  return 'is a special file';
}

/** Reads at most `maxBytes`, refusing a file that grew past the limit after stat. */
async function readAtMost(path: string, maxBytes: number): Promise<Uint8Array> {
  const handle = await open(path, READ_FLAGS);
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new InputError(path, `${specialFileKind(info)}${PIPE_IT}`);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.alloc(Math.min(1 << 20, maxBytes + 1 - total));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      total += bytesRead;
      if (total > maxBytes) {
        throw new InputError(
          path,
          `is more than the limit of ${maxBytes} bytes (--max-input-bytes)`,
        );
      }
    }
    return new Uint8Array(Buffer.concat(chunks));
  } finally {
    await handle.close();
  }
}

async function readStdin(maxBytes: number): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > maxBytes)
      throw new InputError(
        '-',
        `standard input is more than the limit of ${maxBytes} bytes (--max-input-bytes)`,
      );
    chunks.push(chunk);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

const ERRNO_TEXT: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'is a directory, not a certificate file',
  ENOTDIR: 'a part of the path is not a directory',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'the path is too long',
};

/** An errno from reading `path` as one line naming the problem (exported for the robustness tests: root cannot provoke EACCES). */
export function asInputError(path: string, error: unknown): unknown {
  if (error instanceof InputError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code) return new InputError(path, ERRNO_TEXT[code] ?? `cannot be read (${code})`);
  return error;
}
