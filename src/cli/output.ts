/**
 * Standard output and standard error, written with writeSync on descriptors 1 and 2
 * instead of through process.stdout and process.stderr. Creating those streams loads
 * node:net for a pipe (node:tty for a terminal), several milliseconds of every start
 * (docs/performance.md, Cold start); Node's own writes to a file, a pipe or a terminal are
 * synchronous on Linux anyway.
 *
 * Three things a descriptor can answer besides taking the bytes:
 *  - EAGAIN: it is non-blocking (a parent may hand one over) and the reader is behind.
 *    From then on this output goes through Node's stream, which waits for the reader and
 *    keeps the order.
 *  - EPIPE: the reader went away (`diagnose batch … | head -1`); `closed` ends the run.
 *  - EBADF: there is no such descriptor (`diagnose … >&-`); the text is dropped, as Node
 *    drops what is written to a stream over a closed descriptor.
 */
import { fstatSync, statSync, writeSync } from 'node:fs';

export interface Output {
  readonly write: (text: string) => void;
  /** Resolves once what was written has been taken; at once unless a stream took over. */
  readonly drained: () => Promise<void>;
  /** Everything written so far is with the descriptor: no stream took over. */
  readonly settled: () => boolean;
}

/** The part of fs.writeSync this uses (tests hand in one that answers as they need). */
export type WriteBytes = (fd: number, bytes: Uint8Array, offset: number, length: number) => number;

export function descriptorOutput(
  fd: number,
  stream: () => NodeJS.WritableStream & { readonly writableNeedDrain: boolean },
  closed: () => void,
  writeBytes: WriteBytes = writeSync,
): Output {
  let taken: ReturnType<typeof stream> | undefined;
  const takeOver = (): ReturnType<typeof stream> => {
    const next = stream();
    next.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') closed();
      else throw error;
    });
    return next;
  };
  return {
    write: (text) => {
      if (taken) {
        taken.write(text);
        return;
      }
      const bytes = Buffer.from(text, 'utf8');
      let offset = 0;
      while (offset < bytes.length) {
        try {
          offset += writeBytes(fd, bytes, offset, bytes.length - offset);
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          if (code === 'EAGAIN') {
            taken = takeOver();
            taken.write(bytes.subarray(offset));
            return;
          }
          if (code === 'EBADF') return;
          if (code === 'EPIPE') {
            closed();
            return;
          }
          throw error;
        }
      }
    },
    drained: () =>
      taken?.writableNeedDrain
        ? new Promise((resolve) => taken?.once('drain', () => resolve()))
        : Promise.resolve(),
    settled: () => taken === undefined,
  };
}

/**
 * The descriptor is a terminal. Only a character device can be one, so node:tty (which
 * loads node:net) is loaded just for those: a pipe or a file is answered by one fstat, and
 * /dev/null (`diagnose … > /dev/null` in a script that wants the exit code) by two.
 */
export function isTerminal(fd: number): boolean {
  try {
    const info = fstatSync(fd);
    if (!info.isCharacterDevice()) return false;
    if (info.rdev === statSync('/dev/null', { throwIfNoEntry: false })?.rdev) return false;
  } catch {
    return false;
  }
  return process.getBuiltinModule('node:tty').isatty(fd);
}
