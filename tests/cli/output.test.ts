/**
 * Standard output written on its descriptor (src/cli/output.ts): every byte in order across
 * short writes, Node's stream for the rest once the descriptor answers EAGAIN, a quiet end
 * on EPIPE, nothing on EBADF; and the terminal test that loads node:tty only for a
 * character device. The bin's own runs (a closed reader, a slow one) are in main.test.ts.
 */
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { descriptorOutput, isTerminal, type WriteBytes } from '../../src/cli/output.js';

const errno = (code: string): NodeJS.ErrnoException => Object.assign(new Error(code), { code });

/** A descriptor that takes at most `chunk` bytes a call; `answers` are its errnos, call by call (null: takes). */
function descriptor(chunk: number, answers: (string | null)[] = []) {
  const taken: number[] = [];
  const write: WriteBytes = (_fd, bytes, offset, length) => {
    const answer = answers.shift();
    if (answer) throw errno(answer);
    const n = Math.min(chunk, length);
    taken.push(...bytes.subarray(offset, offset + n));
    return n;
  };
  return { write, text: () => Buffer.from(taken).toString('utf8') };
}

/** A function that counts its calls. */
function counted<T>(result: T = undefined as T) {
  const fn = (): T => {
    fn.calls++;
    return result;
  };
  fn.calls = 0;
  return fn;
}

/** A stream that keeps what it is given. */
function keepingStream(highWaterMark = 16) {
  const stream = new PassThrough({ highWaterMark });
  const kept: Buffer[] = [];
  return {
    stream,
    take: () => {
      let chunk: Buffer | null;
      while ((chunk = stream.read() as Buffer | null) !== null) kept.push(chunk);
      return Buffer.concat(kept).toString('utf8');
    },
  };
}

test('every byte, in order, however few the descriptor takes a call', () => {
  const fd = descriptor(3);
  const out = descriptorOutput(1, () => keepingStream().stream, counted(), fd.write);
  out.write('FAIL  apiserver.crt — ');
  out.write('ünïcode ✓\n');
  expect(fd.text()).toBe('FAIL  apiserver.crt — ünïcode ✓\n');
});

test('EAGAIN: the rest, and everything after it, goes through the stream in order', async () => {
  const fd = descriptor(4, [null, 'EAGAIN']);
  const kept = keepingStream(4);
  const stream = counted(kept.stream);
  const out = descriptorOutput(1, stream, counted(), fd.write);
  out.write('abcd');
  expect(out.settled()).toBe(true);
  out.write('efgh');
  out.write('ijkl');
  expect(out.settled()).toBe(false);
  expect(fd.text()).toBe('abcd');
  expect(stream.calls).toBe(1);
  // The stream holds more than its high-water mark: drained waits until it is read.
  let drained = false;
  const waiting = out.drained().then(() => (drained = true));
  await Promise.resolve();
  expect(drained).toBe(false);
  expect(kept.take()).toBe('efghijkl');
  await waiting;
  expect(drained).toBe(true);
});

test('drained resolves at once while the descriptor takes everything', async () => {
  const out = descriptorOutput(1, () => keepingStream().stream, counted(), descriptor(64).write);
  out.write('x'.repeat(1000));
  await expect(out.drained()).resolves.toBeUndefined();
});

test('EPIPE ends the run through `closed`; EBADF drops the text; anything else is thrown', () => {
  const closed = counted();
  descriptorOutput(1, () => keepingStream().stream, closed, descriptor(8, ['EPIPE']).write).write(
    'gone',
  );
  expect(closed.calls).toBe(1);

  const none = descriptor(8, ['EBADF']);
  const dropped = counted();
  descriptorOutput(1, () => keepingStream().stream, dropped, none.write).write('nowhere');
  expect(dropped.calls).toBe(0);
  expect(none.text()).toBe('');

  const out = descriptorOutput(
    1,
    () => keepingStream().stream,
    counted(),
    descriptor(8, ['EIO']).write,
  );
  expect(() => out.write('x')).toThrow('EIO');
});

test('EPIPE on the stream that took over also ends the run through `closed`', () => {
  const closed = counted();
  const kept = keepingStream();
  const out = descriptorOutput(1, () => kept.stream, closed, descriptor(8, ['EAGAIN']).write);
  out.write('a');
  kept.stream.emit('error', errno('EPIPE'));
  expect(closed.calls).toBe(1);
});

describe('isTerminal', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'ktd-output-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('a regular file, /dev/null (a character device) and a closed descriptor are not terminals', () => {
    const file = join(dir, 'out.txt');
    writeFileSync(file, '');
    for (const path of [file, '/dev/null']) {
      const fd = openSync(path, 'r');
      try {
        expect(isTerminal(fd)).toBe(false);
      } finally {
        closeSync(fd);
      }
    }
    expect(isTerminal(987654)).toBe(false);
  });
});
