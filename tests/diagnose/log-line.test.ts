/**
 * `diagnose explain '<log text>'`: every message each profile can produce (its own words for
 * each code's example failure, as `explain <code>` shows them), wrapped as the component that
 * meets it logs it, is recognised with its code; so are the real log formats of
 * fixtures/trust/logs.json; text without a TLS error is not.
 */
import { readFileSync } from 'node:fs';
import { run } from '../../src/cli/run.js';
import { clientWords } from '../../src/diagnose/explain.js';
import { clientsText, explainLog } from '../../src/diagnose/log-line.js';
import { GO_ERAS } from '../../src/verify/go/eras.js';
import { FAILURE_CODES } from '../../src/verify/failures.js';
import { fakeIo } from '../helpers/fake-io.js';

/** How each client's error reaches a log, per kind of client. */
function wrapped(client: string, message: string): string[] {
  if (client === 'openssl') {
    const text = message.replace(/^error \d+ at \d+ depth lookup: /, '');
    return [
      `apiserver.crt: CN = x\n${message}\nerror apiserver.crt: verification failed`,
      `curl: (60) SSL certificate problem: ${text}`,
      `ssl.SSLCertVerificationError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: ${text} (_ssl.c:1006)`,
    ];
  }
  if (client === 'node') {
    const [, text, code] = /^(.*) \(err\.code ([A-Z_]+)\)$/.exec(message) ?? [];
    return [
      `Error: ${text ?? message}\n    at TLSSocket.onConnectSecure (node:_tls_wrap:1659:34) {\n  code: '${code ?? ''}'\n}`,
    ];
  }
  const modern = client === 'go';
  return [
    // kube-apiserver calling a webhook (Go ≥ 1.20 wraps the x509 error in crypto/tls).
    `E1207 10:00:00.000000 1 dispatcher.go:214] failed calling webhook "v.example.com": failed to call webhook: Post "https://svc.ns.svc:443/validate?timeout=10s": ${modern ? 'tls: failed to verify certificate: ' : ''}${message}`,
    // metrics-server scraping a kubelet.
    `E1207 10:00:00.000000 1 scraper.go:140] "Failed to scrape node" err="Get \\"https://192.168.56.11:10250/metrics/resource\\": ${message.replace(/"/g, '\\"')}" node="node1"`,
    // A controller's reflector (client-go), as older Go printed url.Error.
    `W1207 reflector.go:535] failed to list *v1.Pod: Get https://10.96.0.1:443/api/v1/pods: ${message}`,
  ];
}

describe('every message a profile can produce is recognised with its code', () => {
  const cases = FAILURE_CODES.flatMap((code) =>
    clientWords(code).flatMap(({ clients, message }) =>
      clients.flatMap((client) =>
        wrapped(client, message).map((line) => [code, client, line] as const),
      ),
    ),
  );
  test('there are cases for every profile', () => {
    expect(new Set(cases.map(([, client]) => client)).size).toBeGreaterThanOrEqual(10);
  });
  test.each(cases)('%s by %s', (code, client, line) => {
    const found = explainLog(line);
    expect(found).not.toBeNull();
    const hits = found?.recognised.flatMap((entry) =>
      entry.codes.filter((hit) => hit.code === code && hit.clients.includes(client)),
    );
    expect(hits?.length).toBeGreaterThan(0);
  });
});

interface LogCase {
  readonly line: string;
  readonly code: string | null;
  readonly component: string | null;
  readonly source: string;
}
const LOGS = JSON.parse(readFileSync('fixtures/trust/logs.json', 'utf8')) as LogCase[];

describe('real log formats (fixtures/trust/logs.json)', () => {
  test.each(LOGS.map((entry) => [entry.source, entry] as const))('%s', (_source, entry) => {
    const found = explainLog(entry.line);
    expect(found).not.toBeNull();
    if (entry.code !== null)
      expect(found?.recognised.flatMap((hit) => hit.codes.map(({ code }) => code))).toContain(
        entry.code,
      );
    if (entry.component !== null) expect(found?.components).toEqual([entry.component]);
    expect(found?.next.length).toBeGreaterThan(0);
  });

  test('the webhook line names the webhook, its Service and the commands that fetch the inputs', () => {
    const found = explainLog(LOGS[0]?.line ?? '');
    expect(found?.go120).toBe(true);
    expect(found?.contexts[0]?.detail).toContain(
      'Service ingress-nginx/ingress-nginx-controller-admission',
    );
    expect(found?.next).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^kubectl get validatingwebhookconfigurations,mutatingwebhookconfigurations -o yaml/,
        ),
        expect.stringMatching(
          /^kubectl -n ingress-nginx get secrets --field-selector type=kubernetes.io\/tls -o yaml/,
        ),
        'diagnose secrets.yaml --ca webhooks.yaml --webhook validate.nginx.ingress.kubernetes.io',
      ]),
    );
  });

  test('a longer message wins over the shorter one inside it', () => {
    const found = explainLog('x509: certificate has expired or is not yet valid');
    expect(found?.recognised.map((entry) => entry.text)).toEqual([
      'x509: certificate has expired or is not yet valid',
    ]);
  });

  test('text without a TLS error is not recognised', () => {
    for (const text of [
      '',
      'connection refused',
      'error: the server doesn\'t have a resource type "pods"',
    ])
      expect(explainLog(text)).toBeNull();
  });
});

describe('diagnose explain on the command line', () => {
  const cli = async (
    args: string[],
    stdin?: string,
  ): Promise<{ code: number; out: string; err: string }> => {
    const io = fakeIo(stdin === undefined ? {} : { '-': stdin });
    const code = await run(args, io);
    return { code, out: io.out(), err: io.err() };
  };

  test('a log line: exit 0, the reason, the component and what to run next', async () => {
    const result = await cli(['explain', LOGS[0]?.line ?? '']);
    expect(result.code).toBe(0);
    expect(result.out).toContain('reason    unknown-authority');
    expect(result.out).toContain('Component   webhook');
    expect(result.out).toContain(
      '$ diagnose secrets.yaml --ca webhooks.yaml --webhook validate.nginx.ingress.kubernetes.io',
    );
  });

  test('from standard input', async () => {
    const result = await cli(['explain', '-'], LOGS[4]?.line ?? '');
    expect(result.code).toBe(0);
    expect(result.out).toContain('reason    no-ip-sans');
  });

  test('nothing recognised: one line, exit 2; a code still explains itself', async () => {
    const none = await cli(['explain', 'all is well']);
    expect(none.code).toBe(2);
    expect(none.err).toBe(
      'diagnose: explain: no TLS or x509 error recognised in the text (give a code, or the log line that holds the error)\n',
    );
    const unknown = await cli(['explain', 'no-such-code']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('is not a code this tool reports');
    const code = await cli(['explain', 'unknown-authority']);
    expect(code.code).toBe(0);
    expect(code.out).toMatch(/^unknown-authority — /);
  });
});

describe('who prints a text', () => {
  test('neighbouring Go rows fold into one release range; a gap splits it', () => {
    const all = GO_ERAS.map((era) => era.id);
    expect(clientsText([...all, 'openssl'])).toBe(
      'Go 1.4–today (go1.4 … go1.24), OpenSSL 3.0 (openssl verify) (openssl)',
    );
    const withoutGo15 = all.filter((id) => id !== 'go1.15');
    expect(clientsText(withoutGo15)).toBe(
      'Go 1.16–today (go1.16 … go1.24), Go 1.4–1.14.15 (go1.4 … go1.14)',
    );
    expect(clientsText(['go1.15'])).toBe('Go 1.15 (go1.15)');
  });
});
