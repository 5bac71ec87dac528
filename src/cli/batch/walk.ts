/**
 * Batch inputs from the file system: named files, directories walked in name order,
 * and `-` for standard input. Reads run a few at a time, ahead of the consumer but
 * bounded, so a directory of 100,000 files is never held in memory at once.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { opendir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '../../base/errors.js';
import type { Io } from '../io.js';

export type Input =
  | {
      readonly kind: 'file';
      readonly path: string;
      readonly bytes: Uint8Array;
      /** Found by walking a directory (not named): skipped quietly if it holds no certificate. */
      readonly walked: boolean;
    }
  | { readonly kind: 'error'; readonly source: string; readonly problem: string };

const READ_AHEAD = 16;

export async function* readInputs(
  paths: readonly string[],
  io: Io,
  maxBytes: number,
): AsyncGenerator<Input> {
  const pending: Promise<Input>[] = [];
  for await (const entry of walk(paths)) {
    if ('error' in entry) {
      const error = entry.error;
      pending.push(
        Promise.resolve({ kind: 'error', source: error.source, problem: error.problem }),
      );
    } else if (entry.path === '-') pending.push(readStdin(io, maxBytes));
    else pending.push(Promise.resolve(readOne(entry.path, entry.walked, maxBytes)));
    if (pending.length >= READ_AHEAD) yield await (pending.shift() as Promise<Input>);
  }
  while (pending.length > 0) yield await (pending.shift() as Promise<Input>);
}

async function readStdin(io: Io, maxBytes: number): Promise<Input> {
  try {
    return { kind: 'file', path: '-', bytes: await io.read('-', maxBytes), walked: false };
  } catch (error) {
    return asError('-', error);
  }
}

/**
 * Synchronous on purpose: a certificate file is a few kilobytes, and readFileSync
 * costs a fraction of the promise API's open/stat/read/close round trips; the audits
 * themselves run on worker threads meanwhile.
 */
function readOne(path: string, walked: boolean, maxBytes: number): Input {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const info = fstatSync(fd);
    if (info.isDirectory()) return { kind: 'error', source: path, problem: 'is a directory' };
    if (info.size > maxBytes) {
      return {
        kind: 'error',
        source: path,
        problem: `is ${info.size} bytes, more than the limit of ${maxBytes} (--max-input-bytes)`,
      };
    }
    const bytes = readAll(fd, info.size, maxBytes);
    return {
      kind: 'file',
      path,
      bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length),
      walked,
    };
  } catch (error) {
    if (error instanceof InputError) return { kind: 'error', source: path, problem: error.problem };
    return asError(path, error);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

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

/**
 * Paths in order: a named file as is, a directory's entries sorted by name, depth
 * first. Entries starting with `.` are skipped — among them Kubernetes' `..data`
 * and `..<timestamp>` directories behind a mounted Secret, whose files the visible
 * symlinks already point to — and symlinked directories are not followed (no loops).
 */
type Walked = { readonly path: string; readonly walked: boolean } | { readonly error: InputError };

async function* walk(paths: readonly string[]): AsyncGenerator<Walked> {
  for (const path of paths) {
    if (path === '-') {
      yield { path, walked: false };
      continue;
    }
    let info;
    try {
      info = await stat(path);
    } catch {
      yield { path, walked: false }; // readOne reports the problem
      continue;
    }
    if (info.isDirectory()) yield* walkDirectory(path);
    else yield { path, walked: false };
  }
}

async function* walkDirectory(directory: string): AsyncGenerator<Walked> {
  const names: { name: string; directory: boolean; link: boolean }[] = [];
  try {
    for await (const entry of await opendir(directory)) {
      if (entry.name.startsWith('.')) continue;
      names.push({
        name: entry.name,
        directory: entry.isDirectory(),
        link: entry.isSymbolicLink(),
      });
    }
  } catch (error) {
    yield { error: asInputError(directory, error) };
    return;
  }
  names.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of names) {
    const path = join(directory, entry.name);
    if (entry.directory) {
      yield* walkDirectory(path);
    } else if (entry.link) {
      const target = await stat(path).catch(() => null);
      if (target?.isFile()) yield { path, walked: true };
    } else {
      yield { path, walked: true };
    }
  }
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
    code ? (ERRNO_TEXT[code] ?? `cannot be read (${code})`) : String(error),
  );
}

function asError(path: string, error: unknown): Input {
  const inputError = asInputError(path, error);
  return { kind: 'error', source: inputError.source, problem: inputError.problem };
}
