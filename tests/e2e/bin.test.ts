/** A few runs of the built bin as a user runs it (`npm test` builds it first). */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

const BIN = 'bin/diagnose.js';
const built = existsSync('dist/cli.js');
if (!built) console.warn('e2e skipped: dist/cli.js is missing; run `npm run build`');

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

(built ? describe : describe.skip)('the built diagnose bin', () => {
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
      /^FAIL {2}fixtures\/seed\/apiserver\.crt — as seen by Heapster v0\.18/,
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
