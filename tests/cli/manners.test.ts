/**
 * The command line behaves like the ones people know, through run(argv, io): missing
 * values and unknown flags are one-line usage errors with a suggestion, `md` is
 * markdown, piped input is read, known non-certificate files are named with the command
 * that extracts the certificate, completion scripts work, and --help is short and ordered.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../src/cli/run.js';
import type { Io } from '../../src/cli/io.js';
import { fakeIo } from '../helpers/fake-io.js';

const seed = readFileSync('fixtures/seed/apiserver.crt', 'utf8');
const AT = ['--at', '2015-11-04T12:00:00Z'];

async function call(
  args: string[],
  io: Io & { out(): string; err(): string } = fakeIo({ 'apiserver.crt': seed }),
) {
  const code = await run(args, io);
  return { code, out: io.out(), err: io.err() };
}

function usageError(result: { code: number; out: string; err: string }, pattern: RegExp): void {
  expect(result.code).toBe(2);
  expect(result.out).toBe('');
  expect(result.err.split('\n')).toHaveLength(2);
  expect(result.err).toMatch(pattern);
}

describe('usage errors', () => {
  test.each([
    [['apiserver.crt', '--name'], /^diagnose: --name needs a value\n$/],
    [['apiserver.crt', '--name', '--client', 'go'], /^diagnose: --name needs a value\n$/],
    [['apiserver.crt', '-n'], /^diagnose: -n needs a value\n$/],
    [['apiserver.crt', '--ca'], /^diagnose: --ca needs a value\n$/],
    [['apiserver.crt', '--format'], /^diagnose: --format needs text\|json\|markdown\|md\n$/],
    [['batch', 'apiserver.crt', '--warn-days'], /^diagnose: --warn-days needs a number\n$/],
  ])('%j: a flag without its value', async (args, pattern) => {
    usageError(await call(args), pattern);
  });

  test.each([
    [['apiserver.crt', '--nmae', 'x'], /unknown option --nmae; did you mean --name\?/],
    [['apiserver.crt', '--hepaster-version', 'v1.3'], /did you mean --heapster-version\?/],
    [
      ['batch', 'apiserver.crt', '--warndays', '3'],
      /unknown option --warndays for batch; did you mean --warn-days\?/,
    ],
    [['explain', '--lst'], /did you mean --list\?/],
    [
      ['apiserver.crt', '--zzzzzz'],
      /^diagnose: unknown option --zzzzzz \(diagnose --help lists them\)\n$/,
    ],
  ])('%j: an unknown flag, with the nearest one', async (args, pattern) => {
    usageError(await call(args), pattern);
  });

  test.each([
    [
      ['apiserver.crt', ...AT, '--at=2016-01-01T00:00:00Z'],
      /^diagnose: --at given twice; give it once\n$/,
    ],
    [['apiserver.crt', '-f', 'json', '--format', 'text'], /^diagnose: --format given twice/],
    [['batch', 'apiserver.crt', '--warn-days', '3', '--warn-days', '4'], /--warn-days given twice/],
    [['generate', '--row', 'A', '--row', 'B'], /^diagnose: --row given twice; give it once\n$/],
  ])('%j: a single-valued flag given twice', async (args, pattern) => {
    usageError(await call(args), pattern);
  });

  it('takes a repeatable flag many times and a boolean flag as last given', async () => {
    const result = await call([
      'apiserver.crt',
      ...AT,
      '-n',
      'a',
      '--name',
      'b',
      '--color',
      '--no-color',
    ]);
    expect(result.code).toBe(1);
    expect(result.err).toBe('');
    expect(result.out).toMatch(/rejects a, b/);
  });

  test('an unknown --component value, with the nearest id', async () => {
    usageError(
      await call(['apiserver.crt', '--component', 'kubelt']),
      /--component: unknown component "kubelt"; did you mean kubelet\? choose one of/,
    );
  });

  test('a mistyped subcommand is named as one, not as a missing file', async () => {
    usageError(
      await call(['explian', 'unknown-authority']),
      /^diagnose: explian: no such file or command; did you mean diagnose explain\?\n$/,
    );
    // A file of that name is still a file.
    const io = fakeIo({ batc: seed });
    const file = await call(['batc', ...AT], io);
    expect(file.err).toBe('');
    expect(file.out).toMatch(/^PASS {2}batc /);
  });

  test('explain suggests the code meant', async () => {
    usageError(
      await call(['explain', 'unknown-authorty']),
      /is not a code this tool reports; did you mean unknown-authority\? see diagnose explain --list/,
    );
  });

  test('--sni with an empty value and --timeout are still values', async () => {
    const result = await call(['apiserver.crt', '--sni', '', '--timeout', '5', ...AT, '--quiet']);
    expect(result.err).toBe('');
  });
});

describe('formats and inputs', () => {
  test('--format md is markdown', async () => {
    const md = await call(['apiserver.crt', ...AT, '--format', 'md']);
    const markdown = await call(['apiserver.crt', ...AT, '--format', 'markdown']);
    expect(md.out).toBe(markdown.out);
    expect(md.out).toMatch(/^### kube-tls-doctor/);
  });

  test('piped standard input is read when no file is named, and labelled (stdin)', async () => {
    const base = fakeIo({ '-': seed });
    const piped = { ...base, stdinIsPiped: true };
    const result = await call([...AT, '--quiet'], piped);
    expect(result.err).toBe('');
    expect(result.out).toMatch(/^PASS {2}\(stdin\) — /);
    // Not piped (a terminal): nothing to check, as before.
    usageError(await call([...AT], fakeIo({ '-': seed })), /nothing to check/);
    // `-` is labelled the same way.
    expect((await call(['-', ...AT, '--quiet'], fakeIo({ '-': seed }))).out).toMatch(
      /^PASS {2}\(stdin\)/,
    );
  });

  describe('containers that are not certificates are named, with the command that extracts one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ktd-containers-'));
    const openssl = (...args: string[]) =>
      execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
    openssl(
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      'key.pem',
      '-out',
      'cert.pem',
      '-subj',
      '/CN=x',
      '-days',
      '1',
    );
    openssl(
      'pkcs12',
      '-export',
      '-in',
      'cert.pem',
      '-inkey',
      'key.pem',
      '-out',
      'bundle.p12',
      '-passout',
      'pass:',
    );
    openssl(
      'crl2pkcs7',
      '-nocrl',
      '-certfile',
      'cert.pem',
      '-outform',
      'DER',
      '-out',
      'bundle.p7b',
    );
    openssl('crl2pkcs7', '-nocrl', '-certfile', 'cert.pem', '-out', 'bundle-p7.pem');
    openssl('pkey', '-in', 'key.pem', '-outform', 'DER', '-out', 'key.der');
    openssl('rsa', '-in', 'key.pem', '-traditional', '-outform', 'DER', '-out', 'rsa.der');
    openssl(
      'pkcs8',
      '-topk8',
      '-in',
      'key.pem',
      '-outform',
      'DER',
      '-out',
      'encrypted.der',
      '-passout',
      'pass:x',
    );
    openssl(
      'ecparam',
      '-name',
      'prime256v1',
      '-genkey',
      '-noout',
      '-outform',
      'DER',
      '-out',
      'ec.der',
    );
    openssl(
      'req',
      '-new',
      '-key',
      'key.pem',
      '-subj',
      '/CN=y',
      '-outform',
      'DER',
      '-out',
      'request.der',
    );
    writeFileSync(join(dir, 'store.jks'), Buffer.from('feedfeed0000000200000000', 'hex'));
    const read = (name: string) => new Uint8Array(readFileSync(join(dir, name)));

    test.each([
      [
        'bundle.p12',
        /is a PKCS#12 bundle .*; openssl pkcs12 -in bundle\.p12 -nokeys -clcerts -out cert\.pem/,
      ],
      [
        'bundle.p7b',
        /is a PKCS#7 certificate bundle .*; openssl pkcs7 -inform DER -in bundle\.p7b -print_certs/,
      ],
      [
        'bundle-p7.pem',
        /found a PKCS7 block but no CERTIFICATE; openssl pkcs7 -in bundle-p7\.pem -print_certs/,
      ],
      ['key.der', /is a private key, not a certificate/],
      ['rsa.der', /is a private key, not a certificate/],
      ['encrypted.der', /is a private key, not a certificate/],
      ['ec.der', /is a private key, not a certificate/],
      ['request.der', /is a certificate signing request \(CSR\)/],
      ['store.jks', /is a Java keystore .*; keytool -exportcert -rfc -keystore store\.jks/],
    ])('%s', async (name, pattern) => {
      const result = await call([name], fakeIo({ [name]: read(name) }));
      usageError(result, pattern);
      expect(result.err).not.toMatch(/ASN1|schema/i);
    });

    test('a real certificate is still read', async () => {
      const result = await call(['cert.pem', '--quiet'], fakeIo({ 'cert.pem': read('cert.pem') }));
      expect(result.err).toBe('');
    });
  });
});

describe('help, version, completion', () => {
  test('--help: short, input, names, CA, client and format first; live checks and debug last', async () => {
    const { code, out } = await call(['--help']);
    expect(code).toBe(0);
    expect(out.split('\n').length).toBeLessThan(82);
    const at = (text: string) => out.indexOf(text);
    const order = [
      '<certificate>',
      '--name',
      '--ca',
      '--client',
      '--format',
      '--in-cluster',
      '--timeout',
      '--debug',
    ].map(at);
    for (const position of order) expect(position).toBeGreaterThan(0);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    for (const command of ['generate', 'simulate-restart', 'explain', 'batch', 'completion'])
      expect(out).toMatch(new RegExp(`\\n  ${command} `));
  });

  test.each(['batch', 'explain', 'generate', 'simulate-restart', 'completion'])(
    '%s --help shows that command',
    async (command) => {
      const { code, out } = await call([command, '--help']);
      expect(code).toBe(0);
      expect(out).toMatch(new RegExp(`^Usage: diagnose ${command}`));
    },
  );

  test('--version prints the version alone', async () => {
    const { code, out } = await call(['--version']);
    expect(code).toBe(0);
    expect(out).toMatch(/^\d+\.\d+\.\d+\S*\n$/);
  });

  test('bash completion completes subcommands, flags and their values', async () => {
    const { code, out } = await call(['completion', 'bash']);
    expect(code).toBe(0);
    const complete = (words: string[]) =>
      execFileSync(
        'bash',
        [
          '-c',
          `${out}\nCOMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _kube_tls_doctor; printf '%s\\n' "\${COMPREPLY[@]}"`,
        ],
        { encoding: 'utf8', cwd: 'fixtures' },
      )
        .split('\n')
        .filter((line) => line !== '');
    expect(complete(['diagnose', 'expl'])).toContain('explain');
    expect(complete(['diagnose', 'x.crt', '--na'])).toEqual(['--name']);
    expect(complete(['diagnose', 'x.crt', '--format', ''])).toEqual([
      'text',
      'json',
      'markdown',
      'md',
    ]);
    expect(complete(['diagnose', 'batch', '--war'])).toEqual(['--warn-days']);
    expect(complete(['diagnose', 'explain', 'stale'])).toEqual(['stale-ca']);
    expect(complete(['diagnose', 'se'])).toContain('seed');
  });

  test('zsh and fish scripts; an unknown shell is a usage error', async () => {
    expect((await call(['completion', 'zsh'])).out).toContain('bashcompinit');
    const fish = (await call(['completion', 'fish'])).out;
    expect(fish).toContain(
      "complete -c diagnose -n __fish_use_subcommand -a 'generate simulate-restart explain batch completion'",
    );
    expect(fish).toMatch(/-l name -s n -r/);
    usageError(await call(['completion', 'tcsh']), /tcsh/);
  });
});
