/** A few runs of the built bin as a user runs it (`npm test` builds it first). */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtFiles, gate } from '../oracle/require.js';

const BIN = 'bin/diagnose.js';
const built = gate(builtFiles('dist/cli.cjs'));

function diagnose(
  args: string[],
  input?: string,
): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    input,
    env: { PATH: process.env['PATH'] ?? '' },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

built.describe('the built diagnose bin', () => {
  test('V8 accepts the code cache the build recorded when the bin compiles the bundle', () => {
    const result = spawnSync(process.execPath, [BIN, 'fixtures/seed/apiserver.crt'], {
      encoding: 'utf8',
      env: { PATH: process.env['PATH'] ?? '', KUBE_TLS_DOCTOR_PHASES: '1' },
    });
    const phases = JSON.parse(/^phases (\{.*\})$/m.exec(result.stderr)?.[1] ?? '{}') as {
      codeCache?: string;
    };
    expect(phases.codeCache).toBe('accepted');
    // The bundle is ASCII, so the bin's Latin-1 read is its text.
    expect(readFileSync('dist/cli.cjs').every((byte) => byte < 0x80)).toBe(true);
  });

  test("npm start's job: the seed as Heapster v0.18 saw it fails, exit 1", () => {
    const run = diagnose([
      'fixtures/seed/apiserver.crt',
      '--heapster-version',
      'v0.18',
      '--at',
      '2015-11-04T12:00:00Z',
      '--client',
      'all',
    ]);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(
      /^FAIL {2}fixtures\/seed\/apiserver\.crt — Heapster v0\.18 .*\n.*rejects kubernetes\.default/,
    );
  });

  test('reads standard input and writes JSON, exit 0 when the primary client passes', () => {
    const pem = readFileSync('fixtures/seed/apiserver.crt', 'utf8');
    const run = diagnose(
      ['-', '--format', 'json', '--at', '2015-11-04T12:00:00Z', '--name', 'kubernetes.default'],
      pem,
    );
    expect(run.status).toBe(0);
    expect((JSON.parse(run.stdout) as { verdict: string }).verdict).toBe('pass');
  });

  test('bad input: one line on stderr, exit 2, no stack trace', () => {
    const run = diagnose(['fixtures/seed/apiserver.key']);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      'diagnose: fixtures/seed/apiserver.key: found a PRIVATE KEY block but no CERTIFICATE\n',
    );
    expect(run.stdout).toBe('');
    // A directory is read as a service-account directory (ca.crt, token, namespace).
    const directory = diagnose(['docs']);
    expect(directory.status).toBe(2);
    expect(directory.stderr).toBe(
      'diagnose: docs: holds none of ca.crt, token, namespace: not a service-account directory\n',
    );
  });
});

/**
 * Every subcommand once through the bundle: chunk loading order (reflect-metadata before
 * @peculiar/x509, lazily imported command modules) only shows in the built CLI.
 */
built.describe('every subcommand of the built bin', () => {
  const AT = ['--at', '2016-01-01T00:00:00Z'];

  test.each([
    [
      'generate',
      ['generate', '--k8s-version', '1.12', '--host', '10.0.0.5', ...AT],
      0,
      /^-----BEGIN CERTIFICATE-----/,
    ],
    [
      'simulate-restart',
      ['simulate-restart', '--k8s-version', '1.2', '--restarts', '1', ...AT],
      1,
      /trust anchor went stale/,
    ],
    [
      'a Secret manifest',
      ['fixtures/inputs/secret-tls.yaml', ...AT],
      0,
      /^PASS {2}fixtures\/inputs/,
    ],
    ['explain', ['explain', 'stale-ca'], 0, /^stale-ca — /],
    ['explain --list', ['explain', '--list'], 0, /no-ip-sans/],
    ['batch', ['batch', 'fixtures/seed', '--format', 'jsonl', ...AT], 0, /"type":"certificate"/],
    [
      'markdown',
      ['fixtures/seed/apiserver.crt', '--format', 'markdown', '--redact', ...AT],
      0,
      /^### kube-tls-doctor/,
    ],
    [
      '--ca',
      ['fixtures/stale-ca/served.crt', '--ca', 'fixtures/stale-ca/ca.crt', ...AT],
      1,
      /stale/i,
    ],
  ] as const)('%s', (_label, args, status, pattern) => {
    const run = diagnose([...args]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(status);
    expect(run.stdout).toMatch(pattern);
  });

  test('generate --out writes the certificate and key files it was asked for, and nothing else', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kube-tls-doctor-e2e-'));
    try {
      const run = diagnose(['generate', '--k8s-version', '1.2', '--out', dir, ...AT]);
      expect(run.status).toBe(0);
      expect(readdirSync(dir).sort()).toEqual(['apiserver.crt', 'apiserver.key']);
      expect(run.stdout).not.toContain('PRIVATE KEY');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
