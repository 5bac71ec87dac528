/**
 * What only the real file system can show, through run(argv, io) with processIo's read:
 * a directory, a FIFO, a device, a 100 MB file, a symlink loop, a path through a file,
 * and permission denied. None may hang, read more than the cap, or crash.
 */
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asInputError, processIo, type Io } from '../../src/cli/io.js';
import { run } from '../../src/cli/run.js';
import { InputError } from '../../src/base/errors.js';
import { testUnless } from '../oracle/require.js';

const dir = mkdtempSync(join(tmpdir(), 'ktd-robustness-'));
const seed = readFileSync('fixtures/seed/apiserver.crt');

afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function diagnose(
  ...argv: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    ...processIo,
    env: {},
    stdoutIsTTY: false,
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    write: () => Promise.reject(new Error('diagnose must not write')),
  };
  const code = await run([...argv, '--at', '2015-11-04T12:00:00Z'], io);
  return { code, stdout, stderr };
}

test('a directory given as the certificate', async () => {
  const empty = join(dir, 'empty-dir');
  spawnSync('mkdir', [empty]);
  const result = await diagnose(empty);
  expect(result.code).toBe(2);
  expect(result.stderr).toMatch(new RegExp(`^diagnose: ${empty}: .+\\n$`));
});

test('a FIFO is refused at once, not opened (no writer would block for ever)', async () => {
  const fifo = join(dir, 'fifo');
  const made = spawnSync('mkfifo', [fifo]);
  // mkfifo is POSIX and in coreutils: its absence is a broken machine, not a skip.
  expect(made.status).toBe(0);
  const result = await diagnose(fifo);
  expect(result).toEqual({
    code: 2,
    stdout: '',
    stderr: `diagnose: ${fifo}: is a named pipe (FIFO), not a regular file; pipe its content to standard input instead (diagnose -)\n`,
  });
  // The same for --ca.
  writeFileSync(join(dir, 'seed.crt'), seed);
  const asCa = await diagnose(join(dir, 'seed.crt'), '--ca', fifo);
  expect(asCa.code).toBe(2);
  expect(asCa.stderr).toMatch(/: is a named pipe \(FIFO\)/);
});

test('a character device that never ends (/dev/zero) is refused, not read', async () => {
  const result = await diagnose('/dev/zero');
  expect(result.code).toBe(2);
  expect(result.stderr).toBe(
    'diagnose: /dev/zero: is a character device, not a regular file; pipe its content to standard input instead (diagnose -)\n',
  );
});

test('a 100 MB file is refused by its size before any byte is read', async () => {
  const big = join(dir, 'big.crt');
  writeFileSync(big, seed);
  truncateSync(big, 100 * 1024 * 1024); // sparse: no 100 MB written to disk
  const result = await diagnose(big);
  expect(result.code).toBe(2);
  // This wording comes from the stat() check; a read that had started would say "is more than".
  expect(result.stderr).toBe(
    `diagnose: ${big}: is 104857600 bytes, more than the limit of 16777216 (--max-input-bytes)\n`,
  );
  // Raising the cap is what lets it through: the PEM block with 100 MB of NULs after it.
  const raised = await diagnose(big, '--max-input-bytes', String(200 * 1024 * 1024));
  expect(raised.code).toBe(0);
});

test('a symlink loop and a path through a regular file', async () => {
  const loop = join(dir, 'loop');
  symlinkSync(loop, loop);
  const looped = await diagnose(loop);
  expect(looped.stderr).toBe(`diagnose: ${loop}: too many symbolic links\n`);
  const through = join(dir, 'seed.crt', 'child');
  writeFileSync(join(dir, 'seed.crt'), seed);
  const notDir = await diagnose(through);
  expect(notDir.stderr).toBe(`diagnose: ${through}: a part of the path is not a directory\n`);
});

test('permission denied', () => {
  // Root reads a chmod 000 file anyway, so the errno mapping is checked on its own and the
  // real case runs only for other users.
  const denied = Object.assign(new Error('EACCES: permission denied, open x'), { code: 'EACCES' });
  expect(asInputError('secret.crt', denied)).toEqual(
    new InputError('secret.crt', 'permission denied'),
  );
});

testUnless(process.getuid?.() === 0 && 'root reads a chmod 000 file anyway')(
  'permission denied on disk',
  async () => {
    const locked = join(dir, 'locked.crt');
    writeFileSync(locked, seed);
    chmodSync(locked, 0o000);
    const result = await diagnose(locked);
    expect(result.stderr).toBe(`diagnose: ${locked}: permission denied\n`);
  },
);

test('a regular file is still read, and an unknown errno is one line too', async () => {
  writeFileSync(join(dir, 'seed.crt'), seed);
  const result = await diagnose(join(dir, 'seed.crt'), '--format', 'json');
  expect(result.code).toBe(0);
  const odd = Object.assign(new Error('EIO: i/o error'), { code: 'EIO' });
  expect(asInputError('x.crt', odd)).toEqual(new InputError('x.crt', 'cannot be read (EIO)'));
});
