/** An Io that keeps everything in memory: files by path, captured output, fixed clock. */
import { InputError } from '../../src/errors.js';
import type { Io } from '../../src/cli/io.js';

export interface FakeIo extends Io {
  readonly out: () => string;
  readonly err: () => string;
}

export function fakeIo(
  files: Record<string, string | Uint8Array> = {},
  options: { env?: Record<string, string>; tty?: boolean; now?: Date } = {},
): FakeIo {
  let out = '';
  let err = '';
  return {
    stdout: (text) => {
      out += text;
    },
    stderr: (text) => {
      err += text;
    },
    read: (path) => {
      const content = files[path];
      if (content === undefined) return Promise.reject(new InputError(path, 'no such file'));
      return Promise.resolve(
        typeof content === 'string' ? new Uint8Array(Buffer.from(content)) : content,
      );
    },
    env: options.env ?? {},
    stdoutIsTTY: options.tty ?? false,
    now: () => options.now ?? new Date('2015-11-04T12:00:00Z'),
    out: () => out,
    err: () => err,
  };
}
