/**
 * The log lines (ResultEntry.logged) checked against the real Go 1.23, the release today's
 * Go row models (TODAY_GO, src/diagnose/clients.ts): a Go HTTP client that fails to verify
 * the fixture's server says exactly the url.Error and crypto/tls wrapper
 * src/diagnose/logged.ts puts around that row's message. Skips, saying why, where Go 1.23
 * is not installed.
 */
import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { processIo, type Io } from '../../src/cli/io.js';
import { run } from '../../src/cli/run.js';
import { TODAY_GO } from '../../src/diagnose/clients.js';
import { TLS_VERIFY_WRAPPER, urlError } from '../../src/diagnose/logged.js';
import type { Report } from '../../src/report/report.js';
import { goEnv } from './go-program.js';

const GO123 = '/usr/lib/go-1.23/bin/go';
const HERE = dirname(fileURLToPath(import.meta.url));
const SOURCE = join(HERE, 'go', 'logged', 'main.go');

async function build(): Promise<string> {
  const hash = createHash('sha256').update(readFileSync(SOURCE)).digest('hex').slice(0, 12);
  const output = join(HERE, '.bin', `go123-logged-${hash}`);
  if (!existsSync(output)) {
    mkdirSync(dirname(output), { recursive: true });
    await promisify(execFile)(GO123, ['build', '-o', output, SOURCE], { env: goEnv() });
  }
  return output;
}

interface LoggedCase {
  readonly certPem: string;
  readonly keyPem: string;
  readonly rootsPem: readonly string[];
  readonly method: 'Get' | 'Post';
  readonly url: string;
  readonly now: string;
}

async function oracle(cases: readonly LoggedCase[]): Promise<(string | null)[]> {
  const bin = await build();
  const input = cases.map((c) => ({ ...c, method: c.method.toUpperCase() }));
  return new Promise((resolve, reject) => {
    const child = spawn(bin, [], { env: goEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(JSON.parse(out) as (string | null)[]) : reject(new Error(err)),
    );
    child.stdin.end(JSON.stringify(input));
  });
}

async function report(args: readonly string[]): Promise<Report> {
  let out = '';
  const io: Io = { ...processIo, stdout: (t) => void (out += t), stderr: () => {}, env: {} };
  await run([...args, '--format', 'json'], io);
  return JSON.parse(out) as Report;
}

const available = existsSync(GO123);
const NOW = '2024-06-01T00:00:00Z';
const text = (path: string): string => readFileSync(path, 'utf8');

interface Case {
  readonly dir: string;
  readonly args: readonly string[];
  readonly roots: readonly string[];
  readonly method: 'Get' | 'Post';
  readonly url: string;
}

/** Each case's report against what a real Go 1.23 HTTP client says when it dials the fixture. */
async function expectGoWords(cases: readonly Case[]): Promise<void> {
  const reports = await Promise.all(
    cases.map((c) => report([`${c.dir}/apiserver.crt`, ...c.args, '--at', NOW])),
  );
  const answers = await oracle(
    cases.map((c) => ({
      certPem: text(`${c.dir}/apiserver.crt`),
      keyPem: text(`${c.dir}/apiserver.key`),
      rootsPem: c.roots,
      method: c.method,
      url: c.url,
      now: NOW,
    })),
  );
  cases.forEach((c, index) => {
    const result = reports[index]?.results.find((r) => r.client === TODAY_GO && !r.ok);
    expect(result?.message).toBeTruthy();
    const ours = urlError(c.method, c.url, `${TLS_VERIFY_WRAPPER}${result?.message ?? ''}`);
    expect(answers[index]).toBe(ours);
    // The report's logged line carries the same Go text, inside the component's own words.
    expect(result?.logged).toContain(`${TLS_VERIFY_WRAPPER}${result?.message ?? ''}`);
    // An in-cluster GET is logged as net/http's error itself, at the port the name was given.
    if (reports[index]?.component?.id === 'kube-apiserver') expect(result?.logged).toBe(ours);
  });
}

(available ? describe : describe.skip)('logged lines against the real Go 1.23', () => {
  test('the webhook call, the kubelet scrape and an in-cluster GET read as Go 1.23 writes them', async () => {
    await expectGoWords([
      {
        dir: 'fixtures/webhook-cn-only',
        args: ['--ca', 'fixtures/webhook-cn-only/ca.crt'],
        roots: [text('fixtures/webhook-cn-only/ca.crt')],
        method: 'Post' as const,
        url: 'https://my-webhook.my-ns.svc:443/validate?timeout=10s',
      },
      {
        dir: 'fixtures/kubelet-self-signed',
        args: ['--name', 'https://10.0.0.5:10250'],
        roots: [],
        method: 'Get' as const,
        url: 'https://10.0.0.5:10250/metrics/resource',
      },
      {
        dir: 'fixtures/kubeadm-apiserver',
        args: ['--ca', 'fixtures/kubeadm-apiserver/ca.crt', '--name', '10.0.0.1'],
        roots: [text('fixtures/kubeadm-apiserver/ca.crt')],
        method: 'Get' as const,
        url: 'https://10.0.0.1:443/api?timeout=32s',
      },
    ]);
  });

  test('the kubelet without its IP, the load balancer name, the proxy and the ingress fake certificate', async () => {
    const withCa = (dir: string, url: string): Omit<Case, 'method'> => ({
      dir,
      // The name dialled is the URL's scheme, host and port (the port tells the component).
      args: ['--ca', `${dir}/ca.crt`, '--name', new URL(url).origin],
      roots: [text(`${dir}/ca.crt`)],
      url,
    });
    await expectGoWords([
      {
        ...withCa('fixtures/kubelet-no-ip-san', 'https://192.168.56.11:10250/metrics/resource'),
        method: 'Get',
      },
      {
        ...withCa('fixtures/apiserver-lb-name', 'https://k8s-api.example.com:6443/api?timeout=32s'),
        method: 'Get',
      },
      {
        ...withCa('fixtures/apiserver-lb-name', 'https://192.168.1.50:6443/api?timeout=32s'),
        method: 'Get',
      },
      {
        ...withCa('fixtures/proxy-intercepted', 'https://192.168.1.10:6443/api?timeout=32s'),
        method: 'Get',
      },
      {
        ...withCa('fixtures/ingress-fake-certificate', 'https://shop.example.com/'),
        method: 'Get',
      },
    ]);
  });
});

if (!available) test.skip(`Go 1.23 oracle skipped: ${GO123} is not installed`, () => {});
