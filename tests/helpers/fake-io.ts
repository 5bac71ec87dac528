/** An Io that keeps everything in memory: files by path, captured output, fixed clock. */
import { InputError } from '../../src/base/errors.js';
import type { Io } from '../../src/cli/io.js';
import type { TlsHandshake } from '../../src/live/types.js';

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
  } = {},
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
