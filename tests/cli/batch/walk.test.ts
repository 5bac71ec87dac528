/**
 * Batch reading hostile trees (src/cli/batch/walk.ts, Io.files): FIFOs, sockets and
 * symlinks to them never opened from a directory and refused when named, names that are
 * not UTF-8 keep their certificates, a newline in a name cannot split a row, and the
 * read-ahead is bounded in bytes as well as in files.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { processIo, type FileTree, type Io } from '../../../src/cli/io.js';
import { displayPath, readInputs, READ_AHEAD_BYTES } from '../../../src/cli/batch/walk.js';
import { run } from '../../../src/cli/run.js';
import { fakeIo } from '../../helpers/fake-io.js';

const seed = readFileSync('fixtures/seed/apiserver.crt');
const AT = '2015-11-04T12:00:00Z';
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kube-tls-doctor-walk-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function batch(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = fakeIo({}, { realFiles: true });
  const code = await run(['batch', ...args, '--at', AT], io);
  return { code, out: io.out(), err: io.err() };
}

describe('special files', () => {
  test('a FIFO in a directory (and a symlink to it) is skipped with a line; the certificates beside it are audited', async () => {
    const tree = join(dir, 'fifo-dir');
    mkdirSync(tree);
    writeFileSync(join(tree, 'a.crt'), seed);
    execFileSync('mkfifo', [join(tree, 'pipe')]);
    symlinkSync('pipe', join(tree, 'to-pipe'));
    const { code, out, err } = await batch([tree]);
    expect(code).toBe(0); // skipped, not an input error
    expect(out.match(/^(PASS|FAIL) /gm)).toHaveLength(1);
    expect(err.split('\n')).toEqual([
      `diagnose: ${join(tree, 'pipe')}: is a named pipe (FIFO), not a regular file: skipped`,
      `diagnose: ${join(tree, 'to-pipe')}: points to a special file, not a regular file: skipped`,
      '',
    ]);
  });

  test('a FIFO named on the command line is refused without blocking', async () => {
    const fifo = join(dir, 'named-pipe');
    execFileSync('mkfifo', [fifo]);
    const { code, err } = await batch([fifo]);
    expect(code).toBe(2);
    expect(err).toBe(`diagnose: ${fifo}: is a named pipe (FIFO), not a regular file: not read\n`);
  });

  test('a character device named on the command line is refused', async () => {
    const { code, err } = await batch(['/dev/zero']);
    expect(code).toBe(2);
    expect(err).toBe('diagnose: /dev/zero: is a character device, not a regular file: not read\n');
  });
});

describe('file names', () => {
  test('a name that is not valid UTF-8 keeps its certificate and is shown with \\xNN', async () => {
    const tree = Buffer.from(join(dir, 'latin1'));
    mkdirSync(tree);
    writeFileSync(Buffer.concat([tree, Buffer.from('/caf\xe9.crt', 'latin1')]), seed);
    const { code, out, err } = await batch([tree.toString()]);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toContain(`${tree.toString()}/caf\\xe9.crt  CN=vm-56-65@1446612345`);
  });

  test('a newline or an escape sequence in a name cannot split a row or reach the terminal', async () => {
    const tree = join(dir, 'newline');
    mkdirSync(tree);
    writeFileSync(join(tree, 'a\nPASS  2099-01-01  forged\x1b[2J.crt'), seed);
    const { out } = await batch([tree]);
    const rows = out.split('\n').filter((line) => /^(PASS|FAIL) /.test(line));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain('a\\nPASS  2099-01-01  forged\\e[2J.crt');
    expect(out).not.toContain('\x1b');
  });

  test('displayPath escapes only the bytes that are not UTF-8', () => {
    expect(displayPath(Buffer.from([0x61, 0xff, 0xc3, 0xa9, 0xe2, 0x82]))).toBe(
      'a\\xffé\\xe2\\x82',
    );
    expect(displayPath('plain')).toBe('plain');
  });
});

describe('read-ahead', () => {
  test('bounded in bytes: big files are read one at a time ahead of the consumer', async () => {
    const big = READ_AHEAD_BYTES / 2 + 1;
    let reads = 0;
    const files: FileTree = {
      pathKind: (path) => Promise.resolve(String(path) === 'd' ? 'directory' : 'file'),
      list: () =>
        Promise.resolve(
          Array.from({ length: 10 }, (_, i) => ({
            name: Buffer.from(`f${i}`),
            kind: 'file' as const,
          })),
        ),
      readSync: () => {
        reads++;
        return new Uint8Array(big);
      },
    };
    const io: Io = { ...processIo, files };
    let consumed = 0;
    let most = 0;
    for await (const input of readInputs(['d'], io, 1 << 30)) {
      expect(input.kind).toBe('file');
      consumed++;
      most = Math.max(most, reads - consumed);
    }
    expect(consumed).toBe(10);
    // At most READ_AHEAD_BYTES held besides the one being consumed: two of these files.
    expect(most).toBeLessThanOrEqual(2);
  });

  test('small files: at most 16 ahead', async () => {
    let reads = 0;
    const files: FileTree = {
      pathKind: (path) => Promise.resolve(String(path) === 'd' ? 'directory' : 'file'),
      list: () =>
        Promise.resolve(
          Array.from({ length: 100 }, (_, i) => ({
            name: Buffer.from(`f${i}`),
            kind: 'file' as const,
          })),
        ),
      readSync: () => {
        reads++;
        return new Uint8Array(10);
      },
    };
    let consumed = 0;
    let most = 0;
    for await (const input of readInputs(['d'], { ...processIo, files }, 1 << 30)) {
      expect(input.kind).toBe('file');
      consumed++;
      most = Math.max(most, reads - consumed);
    }
    expect(most).toBeLessThanOrEqual(16);
  });
});
