/**
 * Batch inputs from the file system (Io's `files`): named files, directories walked in name order,
 * and `-` for standard input. Reads run a few at a time, ahead of the consumer but
 * bounded, so a directory of 100,000 files is never held in memory at once.
 */
import { join } from 'node:path';
import { InputError } from '../../base/errors.js';
import { fileTree, type FileTree, type Io } from '../io.js';

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
  const files = io.files ?? fileTree;
  const pending: Promise<Input>[] = [];
  for await (const entry of walk(files, paths)) {
    if ('error' in entry) {
      const error = entry.error;
      pending.push(
        Promise.resolve({ kind: 'error', source: error.source, problem: error.problem }),
      );
    } else if (entry.path === '-') pending.push(readStdin(io, maxBytes));
    else pending.push(Promise.resolve(readOne(files, entry.path, entry.walked, maxBytes)));
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

function readOne(files: FileTree, path: string, walked: boolean, maxBytes: number): Input {
  try {
    return { kind: 'file', path, bytes: files.readSync(path, maxBytes), walked };
  } catch (error) {
    if (error instanceof InputError) return { kind: 'error', source: path, problem: error.problem };
    return asError(path, error);
  }
}

/**
 * Paths in order: a named file as is, a directory's entries sorted by name, depth
 * first. Entries starting with `.` are skipped — among them Kubernetes' `..data`
 * and `..<timestamp>` directories behind a mounted Secret, whose files the visible
 * symlinks already point to — and symlinked directories are not followed (no loops).
 */
type Walked = { readonly path: string; readonly walked: boolean } | { readonly error: InputError };

async function* walk(files: FileTree, paths: readonly string[]): AsyncGenerator<Walked> {
  for (const path of paths) {
    if (path === '-') {
      yield { path, walked: false };
      continue;
    }
    // Anything but a directory (a missing path too) is read, and readOne reports the problem.
    if ((await files.pathKind(path)) === 'directory') yield* walkDirectory(files, path);
    else yield { path, walked: false };
  }
}

async function* walkDirectory(files: FileTree, directory: string): AsyncGenerator<Walked> {
  const names: { name: string; directory: boolean; link: boolean }[] = [];
  try {
    for (const entry of await files.list(directory)) {
      if (entry.name.startsWith('.')) continue;
      names.push({
        name: entry.name,
        directory: entry.kind === 'directory',
        link: entry.kind === 'symlink',
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
      yield* walkDirectory(files, path);
    } else if (entry.link) {
      if ((await files.pathKind(path)) === 'file') yield { path, walked: true };
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
