import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { X509Certificate } from '@peculiar/x509';
import { processIo, type Io } from '../../src/cli/io.js';
import { run } from '../../src/cli/run.js';
import { fakeIo } from '../helpers/fake-io.js';

function realIo(): Io & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    ...processIo,
    stdout: (text) => void (out += text),
    stderr: (text) => void (err += text),
    env: {},
    stdoutIsTTY: false,
    out: () => out,
    err: () => err,
  };
}

function certs(pem: string): X509Certificate[] {
  return [...pem.matchAll(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g)].map(
    (match) => new X509Certificate(match[0]),
  );
}

describe('diagnose generate', () => {
  test('without --out it prints the certificate of that release and nothing secret', async () => {
    const io = fakeIo();
    const code = await run(
      ['generate', '--k8s-version', '1.0', '--host', '10.10.56.65', '--at', '1446612345'],
      io,
    );
    expect(code).toBe(0);
    expect(io.err()).toBe('');
    expect(io.out()).not.toMatch(/PRIVATE KEY/);
    const [cert, ...rest] = certs(io.out());
    expect(rest).toHaveLength(0);
    expect(cert?.subject).toBe('CN=10.10.56.65@1446612345');
  });

  test('1.12: serving certificate first, then its <host>-ca@<time> CA', async () => {
    const io = fakeIo();
    await run(['generate', '--k8s-version', '1.12', '--host', 'master', '--at', '1446612345'], io);
    expect(certs(io.out()).map((cert) => cert.subject)).toEqual([
      'CN=master@1446612345',
      'CN=master-ca@1446612345',
    ]);
  });

  test('--service-cidr puts its first IP into the IP SANs', async () => {
    const io = fakeIo();
    await run(
      ['generate', '--k8s-version', '1.2', '--service-cidr', '10.96.0.0/12', '--at', '0'],
      io,
    );
    const [cert] = certs(io.out());
    expect(cert?.getExtension('2.5.29.17')?.toString('text')).toContain('10.96.0.1');
  });

  test('--out writes apiserver.crt and a private apiserver.key, and prints no key', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'ktd-generate-')), 'cert-dir');
    const io = realIo();
    const code = await run(['generate', '--k8s-version', '1.28', '--out', dir], io);
    expect(code).toBe(0);
    expect(io.out()).toBe(
      `wrote ${dir}/apiserver.crt\nwrote ${dir}/apiserver.key (private key, mode 0600)\n`,
    );
    expect(certs(readFileSync(join(dir, 'apiserver.crt'), 'utf8'))).toHaveLength(2);
    expect(readFileSync(join(dir, 'apiserver.key'), 'utf8')).toMatch(
      /^-----BEGIN RSA PRIVATE KEY-----/,
    );
    expect(statSync(join(dir, 'apiserver.key')).mode & 0o777).toBe(0o600);
  });

  test('--seed makes the output reproducible', async () => {
    const args = ['generate', '--k8s-version', '1.2', '--at', '1446612345', '--seed', 'docs'];
    const one = fakeIo();
    const two = fakeIo();
    await run(args, one);
    await run(args, two);
    expect(two.out()).toBe(one.out());
  });

  test.each([
    [['generate'], /--k8s-version is required/],
    [['generate', '--k8s-version', '0.5'], /outside the modelled releases/],
    [['generate', '--k8s-version', '1.2', '--service-ip', 'ten'], /--service-ip/],
    [['generate', '--k8s-version', '1.2', '--host', 'a@b'], /--host/],
  ])('%j → one line on stderr, exit 2', async (args, message) => {
    const io = fakeIo();
    expect(await run(args, io)).toBe(2);
    expect(io.err()).toMatch(message);
    expect(io.err().trim().split('\n')).toHaveLength(1);
  });
});

describe('generate --out never clobbers', () => {
  const fresh = (): string => mkdtempSync(join(tmpdir(), 'ktd-out-'));
  const generate = async (
    ...extra: string[]
  ): Promise<{ code: number; out: string; err: string }> => {
    const io = realIo();
    const code = await run(['generate', '--k8s-version', '1.2', ...extra], io);
    return { code, out: io.out(), err: io.err() };
  };

  test('a symbolic link at apiserver.key is not followed: refused, its target untouched', async () => {
    const dir = fresh();
    const target = join(dir, 'precious');
    writeFileSync(target, 'precious\n', { mode: 0o644 });
    symlinkSync(target, join(dir, 'apiserver.key'));
    const { code, err } = await generate('--out', dir);
    expect(code).toBe(2);
    expect(err).toBe(
      `diagnose: ${dir}/apiserver.key: already exists (a symbolic link); pass --force to replace it\n`,
    );
    expect(readFileSync(target, 'utf8')).toBe('precious\n');
    expect(existsSync(join(dir, 'apiserver.crt'))).toBe(false);
    // --force replaces the link itself, never what it points to.
    expect((await generate('--out', dir, '--force')).code).toBe(0);
    expect(readFileSync(target, 'utf8')).toBe('precious\n');
    expect(statSync(target).mode & 0o777).toBe(0o644);
    expect(lstatSync(join(dir, 'apiserver.key')).isSymbolicLink()).toBe(false);
    expect(statSync(join(dir, 'apiserver.key')).mode & 0o777).toBe(0o600);
  });

  test('existing files are kept unless --force; --force leaves the key 0600 even over a 0644 file', async () => {
    const dir = fresh();
    writeFileSync(join(dir, 'apiserver.crt'), 'old cert\n');
    writeFileSync(join(dir, 'apiserver.key'), 'old key\n', { mode: 0o644 });
    chmodSync(join(dir, 'apiserver.key'), 0o644);
    const refused = await generate('--out', dir);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/already exists; pass --force to replace it\n$/);
    expect(readFileSync(join(dir, 'apiserver.crt'), 'utf8')).toBe('old cert\n');
    expect(readFileSync(join(dir, 'apiserver.key'), 'utf8')).toBe('old key\n');
    expect((await generate('--out', dir, '--force')).code).toBe(0);
    expect(readFileSync(join(dir, 'apiserver.key'), 'utf8')).toMatch(/PRIVATE KEY/);
    expect(statSync(join(dir, 'apiserver.key')).mode & 0o777).toBe(0o600);
  });

  test('a FIFO at apiserver.key: refused at once, with or without --force', async () => {
    const dir = fresh();
    execFileSync('mkfifo', [join(dir, 'apiserver.key')]);
    expect((await generate('--out', dir)).code).toBe(2);
    const forced = await generate('--out', dir, '--force');
    expect(forced.code).toBe(2);
    expect(forced.err).toBe(
      `diagnose: ${dir}/apiserver.key: is a named pipe (FIFO), not a file to replace\n`,
    );
  });

  test('a file planted at the temporary path is refused (O_EXCL), not written through', async () => {
    const dir = fresh();
    const target = join(dir, 'precious');
    writeFileSync(target, 'precious\n');
    symlinkSync(target, join(dir, `apiserver.key.${process.pid}.tmp`));
    expect((await generate('--out', dir)).code).toBe(2);
    expect(readFileSync(target, 'utf8')).toBe('precious\n');
    expect(existsSync(join(dir, 'apiserver.crt'))).toBe(false);
  });

  test('when the certificate cannot be written, the old key and certificate both stay', async () => {
    const dir = fresh();
    writeFileSync(join(dir, 'apiserver.key'), 'old key\n');
    mkdirSync(join(dir, 'apiserver.crt')); // a directory where the certificate goes
    const { code, err } = await generate('--out', dir, '--force');
    expect(code).toBe(2);
    expect(err).toBe(`diagnose: ${dir}/apiserver.crt: is a directory, not a file to replace\n`);
    expect(readFileSync(join(dir, 'apiserver.key'), 'utf8')).toBe('old key\n');
    expect(lstatSync(join(dir, 'apiserver.crt')).isDirectory()).toBe(true);
    expect(execFileSync('ls', ['-A', dir], { encoding: 'utf8' })).toBe(
      'apiserver.crt\napiserver.key\n',
    );
  });

  test.each([
    [[''], 'diagnose: --out: give a directory to write into\n'],
    [['/etc/hostname'], 'diagnose: --out: /etc/hostname exists and is not a directory\n'],
  ])('--out %j is refused', async (out, message) => {
    const { code, err } = await generate('--out', ...out);
    expect(code).toBe(2);
    expect(err).toBe(message);
  });
});
