/**
 * Everything the CLI touches outside itself goes through Io, so `run` can be tested
 * with a fake one and the core never sees a file, a clock or an environment variable.
 */
import { closeSync, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { chmod, mkdir, open, opendir, stat, writeFile } from 'node:fs/promises';
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
   * Writes a file the user asked for (`generate --out`), creating its directory; `mode`
   * 0o600 for private keys. Optional so read-only fakes need not implement it.
   */
  readonly write?: (path: string, data: string, mode?: number) => Promise<void>;
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
  /** How batch walks directories and reads many files. Optional: without it the process's file system (`fileTree`). */
  readonly files?: FileTree;
}

/** A directory entry, without following a symbolic link. */
export interface DirectoryEntry {
  readonly name: string;
  readonly kind: 'file' | 'directory' | 'symlink' | 'other';
}

/** What `diagnose batch` needs of a file system. */
export interface FileTree {
  /** What is at a path, following symbolic links. */
  readonly pathKind: (path: string) => Promise<PathKind>;
  /** A directory's entries, in no particular order (errno errors as thrown). */
  readonly list: (path: string) => Promise<DirectoryEntry[]>;
  /**
   * A whole file of at most `maxBytes`; an InputError for a directory or a file past the
   * limit, errno errors as thrown. Synchronous on purpose: a certificate file is a few
   * kilobytes, and a synchronous read costs a fraction of the promise API's
   * open/stat/read/close round trips; the audits run on worker threads meanwhile.
   */
  readonly readSync: (path: string, maxBytes: number) => Uint8Array;
}

async function pathKind(path: string): Promise<PathKind> {
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
    for await (const entry of await opendir(path)) {
      entries.push({
        name: entry.name,
        kind: entry.isDirectory()
          ? 'directory'
          : entry.isSymbolicLink()
            ? 'symlink'
            : entry.isFile()
              ? 'file'
              : 'other',
      });
    }
    return entries;
  },
  readSync: (path, maxBytes) => {
    const fd = openSync(path, 'r');
    try {
      const info = fstatSync(fd);
      if (info.isDirectory()) throw new InputError(path, 'is a directory');
      if (info.size > maxBytes) {
        throw new InputError(
          path,
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
  // node:tls and the handshake code are loaded only for a live check.
  tlsHandshake: async (request) => (await import('../live/handshake.js')).tlsHandshake(request),
  write: async (path, data, mode = 0o644) => {
    try {
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, data, { mode });
      await chmod(path, mode);
    } catch (error) {
      throw asInputError(path, error);
    }
  },
};

async function readPath(path: string, maxBytes: number): Promise<Uint8Array> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new InputError(path, 'is a directory, not a certificate file');
    // A FIFO with no writer blocks open() for ever, /dev/zero never ends: only regular
    // files are read by path; anything else can be piped to standard input (`-`).
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

function specialFileKind(info: Stats): string {
  if (info.isFIFO()) return 'is a named pipe (FIFO)';
  if (info.isCharacterDevice()) return 'is a character device';
  if (info.isBlockDevice()) return 'is a block device';
  if (info.isSocket()) return 'is a socket';
  return 'is a special file';
}

/** Reads at most `maxBytes`, refusing a file that grew past the limit after stat. */
async function readAtMost(path: string, maxBytes: number): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
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
