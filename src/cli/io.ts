/**
 * Everything the CLI touches outside itself goes through Io, so `run` can be tested
 * with a fake one and the core never sees a file, a clock or an environment variable.
 */
import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { dirname } from 'node:path';
import { InputError } from '../base/errors.js';
import { descriptorOutput, isTerminal } from './output.js';
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
 * with a stack. Without standard error there is nowhere left to say anything: the run ends
 * with the exit code it has so far.
 */
const stdout = descriptorOutput(
  1,
  () => process.stdout,
  () => process.exit(0),
);
const stderr = descriptorOutput(
  2,
  () => process.stderr,
  () => process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0),
);
/** All output is written: nothing waits in a stream (src/cli/main.ts may then exit at once). */
export const outputSettled = (): boolean => stdout.settled() && stderr.settled();
const stdoutIsTTY = isTerminal(1);
const stderrIsTTY = isTerminal(2);

/** node:fs/promises, loaded by the first run that walks a directory or writes files. */
const fsPromises = () => import('node:fs/promises');

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

// Synchronous, like the reads below: one stat is cheaper than the promise API's round trip.
// Anything the stat refuses (no entry, a loop, a file in the path) is for the read to word.
function pathKind(path: FsPath): Promise<PathKind> {
  let kind: PathKind = 'missing';
  try {
    const info = statSync(path);
    kind = info.isDirectory() ? 'directory' : info.isFile() ? 'file' : 'other';
  } catch {
    // missing
  }
  return Promise.resolve(kind);
}

/** The process's file system, for batch. */
export const fileTree: FileTree = {
  pathKind,
  list: async (path) => {
    const entries: DirectoryEntry[] = [];
    const { opendir } = await fsPromises();
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
  readSync: (path, maxBytes) =>
    readRegular(path, maxBytes, (info) =>
      info.isDirectory() ? 'is a directory' : `${specialFileKind(info)}${SKIPPED}`,
    ),
};

/**
 * A whole regular file of at most `maxBytes`, opened without blocking (a FIFO with no
 * writer cannot hang the run); `refusal` words why a directory or a special file is not read.
 */
function readRegular(path: FsPath, maxBytes: number, refusal: (info: Stats) => string): Uint8Array {
  const fd = openSync(path, READ_FLAGS);
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) throw new InputError(String(path), refusal(info));
    if (info.size > maxBytes) {
      throw new InputError(
        String(path),
        `is ${info.size} bytes, more than the limit of ${maxBytes} (--max-input-bytes)`,
      );
    }
    const bytes = readAll(fd, info.size, maxBytes, path);
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
  } finally {
    closeSync(fd);
  }
}

/**
 * The whole file from an open descriptor; `size` is a hint (special files report 0).
 * Unpooled buffers, so a worker thread is sent this file's bytes and nothing else.
 */
function readAll(fd: number, size: number, maxBytes: number, path: FsPath): Buffer {
  let buffer = Buffer.allocUnsafeSlow(size > 0 ? size + 1 : 65536);
  let length = 0;
  for (;;) {
    if (length === buffer.length) {
      if (buffer.length >= maxBytes)
        throw new InputError(
          String(path),
          `is more than the limit of ${maxBytes} bytes (--max-input-bytes)`,
        );
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
  stdout: stdout.write,
  stderr: stderr.write,
  read: (path, maxBytes) => (path === '-' ? readStdin(maxBytes) : readPath(path, maxBytes)),
  env: process.env,
  stdoutIsTTY,
  stderrIsTTY,
  get stdinIsPiped() {
    try {
      const info = fstatSync(0);
      return info.isFIFO() || info.isFile();
    } catch {
      return false;
    }
  },
  // Only a terminal has a width, and only then is its stream created.
  terminalColumns: (stream) =>
    stream === 'stdout'
      ? stdoutIsTTY
        ? process.stdout.columns
        : undefined
      : stderrIsTTY
        ? process.stderr.columns
        : undefined,
  now: () => new Date(),
  pathKind,
  files: fileTree,
  stdinChunks: () => process.stdin as AsyncIterable<Buffer>,
  drained: stdout.drained,
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
  const { lstat, mkdir, open, rename, unlink } = await fsPromises();
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

// eslint-disable-next-line @typescript-eslint/require-await -- the reading is synchronous
async function readPath(path: string, maxBytes: number): Promise<Uint8Array> {
  // A FIFO with no writer blocks open() for ever, /dev/zero never ends: only regular
  // files are read by path; anything else can be piped to standard input (`-`). The stat
  // refuses the rest before anything is opened; the open is non-blocking and checked
  // again, in case the path changed since. Synchronous: a file of a few megabytes at most
  // is read sooner this way than through the promise API's round trips.
  const refusal = (info: Stats): string =>
    info.isDirectory()
      ? 'is a directory, not a certificate file'
      : `${specialFileKind(info)}${PIPE_IT}`;
  try {
    const info = statSync(path);
    if (!info.isFile()) throw new InputError(path, refusal(info));
    return readRegular(path, maxBytes, refusal);
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
