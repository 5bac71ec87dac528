/** An Io that keeps everything in memory: files by path, captured output, fixed clock. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../src/base/errors.js';
import { fileTree, type FileTree, type FsPath, type Io } from '../../src/cli/io.js';
import type { TlsHandshake } from '../../src/live/types.js';
import { chunks } from './chunks.js';

export interface FakeIo extends Io {
  readonly out: () => string;
  readonly err: () => string;
}

export function fakeIo(
  files: Record<string, string | Uint8Array> = {},
  options: {
    env?: Record<string, string>;
    tty?: boolean;
    now?: Date;
    /** Live checks: a real handshake (src/live/handshake.ts) against a test server, or a fake. */
    tlsHandshake?: TlsHandshake;
    /** Batch walks the real file system (tests with directories on disk) instead of `files`. */
    realFiles?: boolean;
  } = {},
): FakeIo {
  let out = '';
  let err = '';
  return {
    files: options.realFiles ? fileTree : memoryTree(files),
    // Standard input in 64 KiB pieces, as a pipe delivers it (batch streams JSON from it).
    ...(files['-'] === undefined
      ? {}
      : {
          stdinChunks: () => chunks(files['-'] as string | Uint8Array, 65536),
        }),
    stdout: (text) => {
      out += text;
    },
    stderr: (text) => {
      err += text;
    },
    read: (path, maxBytes) => {
      const content = files[path];
      if (content === undefined) return Promise.reject(new InputError(path, 'no such file'));
      const bytes = typeof content === 'string' ? new Uint8Array(Buffer.from(content)) : content;
      // The size cap as processIo applies it to a regular file.
      if (bytes.length > maxBytes) {
        return Promise.reject(
          new InputError(
            path,
            `is ${bytes.length} bytes, more than the limit of ${maxBytes} (--max-input-bytes)`,
          ),
        );
      }
      return Promise.resolve(bytes);
    },
    // A path is a directory when some file lies under it (a service-account mount).
    pathKind: (path) =>
      Promise.resolve(
        files[path] !== undefined
          ? 'file'
          : Object.keys(files).some((file) => file.startsWith(`${path.replace(/\/$/, '')}/`))
            ? 'directory'
            : 'missing',
      ),
    ...(options.tlsHandshake ? { tlsHandshake: options.tlsHandshake } : {}),
    env: options.env ?? {},
    stdoutIsTTY: options.tty ?? false,
    now: () => options.now ?? new Date('2015-11-04T12:00:00Z'),
    out: () => out,
    err: () => err,
  };
}

/** The in-memory files as a tree for batch: directories are the prefixes of the paths. */
export function memoryTree(files: Record<string, string | Uint8Array>): FileTree {
  const text = (path: FsPath): string => (typeof path === 'string' ? path : path.toString('utf8'));
  const under = (path: FsPath): string => `${text(path).replace(/\/$/, '')}/`;
  const isDirectory = (path: FsPath): boolean =>
    Object.keys(files).some((file) => file.startsWith(under(path)));
  return {
    pathKind: (path) =>
      Promise.resolve(
        files[text(path)] !== undefined ? 'file' : isDirectory(path) ? 'directory' : 'missing',
      ),
    list: (path) => {
      if (!isDirectory(path))
        return Promise.reject(Object.assign(new Error('no such directory'), { code: 'ENOENT' }));
      const names = new Map<string, 'file' | 'directory'>();
      for (const file of Object.keys(files)) {
        if (!file.startsWith(under(path))) continue;
        const rest = file.slice(under(path).length);
        const slash = rest.indexOf('/');
        names.set(slash < 0 ? rest : rest.slice(0, slash), slash < 0 ? 'file' : 'directory');
      }
      return Promise.resolve([...names].map(([name, kind]) => ({ name: Buffer.from(name), kind })));
    },
    readSync: (path, maxBytes) => {
      const content = files[text(path)];
      if (content === undefined) throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
      const bytes = typeof content === 'string' ? new Uint8Array(Buffer.from(content)) : content;
      if (bytes.length > maxBytes)
        throw new InputError(
          text(path),
          `is ${bytes.length} bytes, more than the limit of ${maxBytes} (--max-input-bytes)`,
        );
      return bytes;
    },
  };
}

/** Every file below `dir`, by path, as a fake file system's contents (fixture directories). */
export function filesUnder(dir: string): Record<string, Uint8Array> {
  const files: Record<string, Uint8Array> = {};
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) Object.assign(files, filesUnder(path));
    else files[path] = new Uint8Array(readFileSync(path));
  }
  return files;
}
