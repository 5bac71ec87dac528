import { readFileSync } from 'node:fs';
import { run } from '../../src/cli/run.js';
import type { Report } from '../../src/report/report.js';
import { VERSION } from '../../src/base/version.js';
import { fakeIo } from '../helpers/fake-io.js';

const ANSI = new RegExp(String.fromCharCode(27) + '\\[');

const seed = readFileSync('fixtures/seed/apiserver.crt', 'utf8');
const files = { 'apiserver.crt': seed };

async function runJson(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; report: Report }> {
  const io = fakeIo(files, { env });
  const code = await run([...args, '--format', 'json'], io);
  expect(io.err()).toBe('');
  return { code, report: JSON.parse(io.out()) as Report };
}

describe('run(argv, io)', () => {
  test('--client accepts a Go release and reports it beside the profile that models it', async () => {
    const { report } = await runJson(['apiserver.crt', '--client', 'go1.9.2,go1.21.5,go1.12']);
    expect(report.clients.map((client) => [client.id, client.release])).toEqual([
      ['go1.9.2', 'go1.9.2'],
      ['go1.21', 'go1.21.5'],
      ['go1.11.6', 'go1.12'],
    ]);
    const first = report.results.find((result) => result.client === 'go1.21');
    expect(first?.release).toBe('go1.21.5');
    // The existing ids keep working, without a release.
    const byId = await runJson(['apiserver.crt', '--client', 'go']);
    expect(byId.report.clients[0]?.release).toBeUndefined();
  });

  test('--client refuses Go releases before 1.4 and names that are no release', async () => {
    const io = fakeIo(files);
    expect(await run(['apiserver.crt', '--client', 'go1.3'], io)).toBe(2);
    expect(io.err()).toMatch(/--client: go1\.3 is older than the modelled releases/);
    const other = fakeIo(files);
    expect(await run(['apiserver.crt', '--client', 'go2'], other)).toBe(2);
    expect(other.err().split('\n').filter(Boolean)).toHaveLength(1);
  });

  test('the seed certificate passes for Heapster v1.6 (Go 1.8 accepts its own leaf as root)', async () => {
    const { code, report } = await runJson(['apiserver.crt']);
    expect(code).toBe(0);
    expect(report.verdict).toBe('pass');
    expect(report.primaryClient).toBe('go1.8');
    expect(report.heapster).toEqual({ version: 'v1.6', go: 'go1.8' });
    expect(report.names.filter((name) => name.decisive).map((name) => name.name)).toEqual([
      'kubernetes.default',
      '10.0.0.1',
    ]);
  });

  test('the seed certificate fails for Heapster v0.18 (Go 1.5): its self-signed cert is not a CA', async () => {
    const { code, report } = await runJson(['apiserver.crt', '--heapster-version', 'v0.18']);
    expect(code).toBe(1);
    const first = report.results.find(
      (result) => result.client === 'go1.5' && result.name === 'kubernetes.default',
    );
    expect(first?.code).toBe('self-signed-not-ca');
    expect(first?.message).toBe(
      'x509: certificate signed by unknown authority (possibly because of "x509: invalid signature: parent certificate cannot sign this kind of certificate" while trying to verify candidate authority certificate "vm-56-65@1446612345")',
    );
    expect(report.findings[0]?.code).toBe('self-signed-not-ca');
  });

  test('--client all runs every profile with the primary first, --name replaces the defaults', async () => {
    const { report } = await runJson([
      'apiserver.crt',
      '--client',
      'all',
      '--name',
      'https://kubernetes.default.svc.cluster.local:443',
    ]);
    expect(report.clients.map((client) => client.id)[0]).toBe('go1.8');
    expect(report.clients).toHaveLength(11);
    expect(report.names).toEqual([
      {
        name: 'kubernetes.default.svc.cluster.local',
        kind: 'dns',
        dialledBy: 'named with --name',
        decisive: true,
      },
    ]);
    expect(report.verdict).toBe('fail');
    const go = report.results.find((result) => result.client === 'go');
    expect(go?.message).toBe(
      'x509: certificate is valid for kubernetes.default.svc, kubernetes.default, kubernetes, not kubernetes.default.svc.cluster.local',
    );
  });

  test('KUBERNETES_SERVICE_HOST decides the dialled IP', async () => {
    const { code, report } = await runJson(['apiserver.crt', '--client', 'go'], {
      KUBERNETES_SERVICE_HOST: '10.96.0.1',
    });
    expect(code).toBe(1);
    const ip = report.results.find((result) => result.name === '10.96.0.1');
    expect(ip?.message).toBe('x509: certificate is valid for 10.10.56.65, 10.0.0.1, not 10.96.0.1');
    expect(ip?.code).toBe('ip-not-in-sans');
  });

  test('--at outside the validity period reports the expiry first', async () => {
    const { code, report } = await runJson([
      'apiserver.crt',
      '--client',
      'go',
      '--at',
      '1500000000',
    ]);
    expect(code).toBe(1);
    expect(report.evaluatedAt).toBe('2017-07-14T02:40:00.000Z');
    expect(report.results[0]?.message).toBe(
      'x509: certificate has expired or is not yet valid: current time 2017-07-14T02:40:00Z is after 2016-11-03T04:45:45Z',
    );
  });

  test('the text report leads with the verdict and marks the CN as unused', async () => {
    const io = fakeIo(files);
    expect(
      await run(
        ['apiserver.crt', '--heapster-version', 'v0.18', '--at', '2015-11-04T12:00:00Z'],
        io,
      ),
    ).toBe(1);
    const text = io.out();
    expect(text.split('\n')[0]).toBe(
      'FAIL  apiserver.crt — Heapster v0.18 (go1.5.1, profile go1.5) rejects',
    );
    expect(text.replace(/\s+/g, ' ')).toContain(
      'vm-56-65@1446612345 (not used for hostname checks by any client here)',
    );
    expect(text).toContain('kube-apiserver self-signing for host vm-56-65');
    expect(text).not.toMatch(ANSI);
  });

  test('colour only on a TTY, and never with NO_COLOR or --no-color', async () => {
    const tty = fakeIo(files, { tty: true });
    await run(['apiserver.crt'], tty);
    expect(tty.out()).toMatch(ANSI);
    for (const [args, env] of [
      [['--no-color'], {}],
      [[], { NO_COLOR: '1' }],
    ] as const) {
      const io = fakeIo(files, { tty: true, env: { ...env } });
      await run(['apiserver.crt', ...args], io);
      expect(io.out()).not.toMatch(ANSI);
    }
  });

  test.each([
    [['missing.crt'], 'diagnose: missing.crt: no such file\n'],
    [['apiserver.crt', '--client', 'curl'], /^diagnose: --client: unknown client "curl"/],
    [['apiserver.crt', '--at', 'yesterday'], /^diagnose: --at: "yesterday" is not a time/],
    [
      ['apiserver.crt', '--heapster-version', 'v9.0'],
      /^diagnose: --heapster-version: v9\.0 is outside/,
    ],
    [['apiserver.crt', '--bogus'], /^diagnose: unknown option --bogus/],
    // No argument is allowed with --kubeconfig or --in-cluster, so the message is ours.
    [[], /^diagnose: nothing to check: give a certificate file/],
    [['key.pem'], 'diagnose: key.pem: found a PRIVATE KEY block but no CERTIFICATE\n'],
  ])('%j → exit 2 with one line on stderr', async (args, expected) => {
    const io = fakeIo({
      ...files,
      'key.pem': '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n',
    });
    expect(await run(args, io)).toBe(2);
    expect(io.err().split('\n')).toHaveLength(2);
    if (typeof expected === 'string') expect(io.err()).toBe(expected);
    else expect(io.err()).toMatch(expected);
    expect(io.out()).toBe('');
  });

  test('--help documents exit codes; --version prints the version', async () => {
    const help = fakeIo();
    expect(await run(['--help'], help)).toBe(0);
    expect(help.out()).toContain('Exit codes:');
    expect(help.out()).toContain('--heapster-version');
    const version = fakeIo();
    expect(await run(['--version'], version)).toBe(0);
    expect(version.out()).toBe(`${VERSION}\n`);
    expect(VERSION).toBe(
      (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version,
    );
  });

  test('an internal error is exit 3 with a request to report it', async () => {
    const io = fakeIo(files);
    const broken = { ...io, read: () => Promise.reject(new TypeError('boom')) };
    expect(await run(['apiserver.crt'], broken)).toBe(3);
    expect(io.err()).toMatch(/^diagnose: internal error: boom — please report it/);
    expect(io.err()).not.toContain('at ');
  });
});
