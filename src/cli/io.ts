/**
 * Everything the CLI touches outside itself goes through Io, so `run` can be tested
 * with a fake one and the core never sees a file, a clock or an environment variable.
 */
import { readFile, stat } from 'node:fs/promises';
import { InputError } from '../errors.js';

export interface Io {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Reads a file, or standard input for `-`, refusing more than `maxBytes`. */
  readonly read: (path: string, maxBytes: number) => Promise<Uint8Array>;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdoutIsTTY: boolean;
  readonly now: () => Date;
}

export const processIo: Io = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  read: (path, maxBytes) => (path === '-' ? readStdin(maxBytes) : readPath(path, maxBytes)),
  env: process.env,
  stdoutIsTTY: process.stdout.isTTY === true,
  now: () => new Date(),
};

async function readPath(path: string, maxBytes: number): Promise<Uint8Array> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new InputError(path, 'is a directory, not a certificate file');
    if (info.isFile() && info.size > maxBytes) {
      throw new InputError(
        path,
        `is ${info.size} bytes, more than the limit of ${maxBytes} (--max-input-bytes)`,
      );
    }
    const bytes = new Uint8Array(await readFile(path));
    if (bytes.length > maxBytes)
      throw new InputError(path, `is more than the limit of ${maxBytes} bytes (--max-input-bytes)`);
    return bytes;
  } catch (error) {
    throw asInputError(path, error);
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

function asInputError(path: string, error: unknown): unknown {
  if (error instanceof InputError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code) return new InputError(path, ERRNO_TEXT[code] ?? `cannot be read (${code})`);
  return error;
}
