import { mkdtempSync, readFileSync, statSync } from 'node:fs';
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
