/**
 * The cluster inventory end to end (fixtures/inventory, written by
 * scripts/inventory-fixture.ts): every caBundle against the serving Secret it guards, the
 * same from JSON, YAML, standard input, several files and any order of the objects; and
 * each pair judged exactly as a single `diagnose` of that List with --webhook judges it.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { stringify } from 'yaml';
import { STREAM_YAML_FROM } from '../../../src/cli/batch/walk.js';
import { run } from '../../../src/cli/run.js';
import type { TrustRecord } from '../../../src/batch/types.js';
import type { Report } from '../../../src/report/report.js';
import { fakeIo } from '../../helpers/fake-io.js';
import { builtFiles, gate } from '../../oracle/require.js';

const DIR = 'fixtures/inventory';
const AT = '2025-06-01T00:00:00Z';
const JSON_LIST = readFileSync(`${DIR}/cluster.json`);
const YAML_LIST = readFileSync(`${DIR}/cluster.yaml`);
const FILES = { [`${DIR}/cluster.json`]: JSON_LIST, [`${DIR}/cluster.yaml`]: YAML_LIST };

async function cli(
  args: string[],
  files: Record<string, string | Uint8Array> = FILES,
): Promise<{ code: number; out: string; err: string }> {
  const io = fakeIo(files);
  const code = await run(args, io);
  return { code, out: io.out(), err: io.err() };
}

async function lines(
  args: string[],
  files?: Record<string, string | Uint8Array>,
): Promise<Record<string, unknown>[]> {
  const { out, err } = await cli(['batch', ...args, '--format', 'jsonl', '--at', AT], files);
  expect(err).toBe('');
  return out
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

const trustOf = (records: Record<string, unknown>[]): TrustRecord[] =>
  records.filter((record) => record['type'] === 'trust') as unknown as TrustRecord[];

const ITEMS = (JSON.parse(JSON_LIST.toString('utf8')) as { items: Record<string, unknown>[] })
  .items;
const list = (items: readonly unknown[]): string =>
  JSON.stringify({ apiVersion: 'v1', kind: 'List', items });

describe('diagnose batch over a cluster inventory', () => {
  test('text: each caBundle against its Secret — a match, the regenerated CA, the absent Secret — and the tally by component', async () => {
    const { code, out, err } = await cli(['batch', `${DIR}/cluster.json`, '--at', AT]);
    expect(err).toBe('');
    expect(code).toBe(1);
    const section = out.slice(
      out.indexOf('Webhooks and APIServices against their serving Secrets'),
    );
    const rows = section.split('\n').filter((line) => /^(PASS|FAIL|MISS|NOCA) /.test(line));
    expect(rows.map((row) => row.split(/ {2}/).slice(0, 5))).toEqual([
      [
        'PASS',
        '2026-01-01',
        'webhook',
        'ValidatingWebhookConfiguration demo-webhook, webhook "validate.demo.example.com" → demo-webhook.demo.svc',
        'Secret demo/demo-webhook-tls',
      ],
      [
        'FAIL',
        '2034-01-01',
        'webhook',
        'ValidatingWebhookConfiguration ingress-nginx-admission, webhook "validate.nginx.ingress.kubernetes.io" → ingress-nginx-controller-admission.ingress-nginx.svc',
        'Secret ingress-nginx/ingress-nginx-admission',
      ],
      [
        'FAIL',
        '2034-01-01',
        'webhook',
        'MutatingWebhookConfiguration policy-webhook, webhook "mutate.policy.example.com" → policy-webhook.policy.svc',
        'Secret policy/policy-webhook-tls (paired by policy-webhook.policy: the Service without .svc; the kube-apiserver dials policy-webhook.policy.svc)',
      ],
      [
        'PASS',
        '2025-09-01',
        'aggregated-apiserver',
        'APIService v1beta1.custom.metrics.k8s.io → custom-metrics-apiserver.custom-metrics.svc',
        'Secret custom-metrics/cm-adapter-serving-certs',
      ],
      [
        'MISS',
        '----------',
        'aggregated-apiserver',
        'APIService v1beta1.metrics.k8s.io → metrics-server.kube-system.svc',
        'no Secret in the input holds a certificate for metrics-server.kube-system.svc',
      ],
      [
        'PASS',
        '2026-01-01',
        'webhook',
        'CustomResourceDefinition widgets.demo.example.com → demo-webhook.demo.svc',
        'Secret demo/demo-webhook-tls',
      ],
    ]);
    // The regenerated CA: the deciding client's words, and the certificate that expires first.
    expect(section).toContain(
      '      go1.23: x509: certificate signed by unknown authority (possibly because of "crypto/rsa: verification error" while trying to verify candidate authority certificate "ingress-nginx-admission-ca")\n',
    );
    expect(section).toContain(
      '      expires first: tls.crt#2 CN=custom-metrics-intermediate 2025-09-01\n',
    );
    // A certificate that names its Service without .svc: paired, and refused in Go's words.
    expect(section).toContain(
      '      go1.23: x509: certificate is valid for policy-webhook, policy-webhook.policy, not policy-webhook.policy.svc\n',
    );
    // Every certificate of the input, with its component; the intermediate is marked.
    expect(out).toMatch(
      /^PASS {2}2025-09-01 {2}checks {2}ca {2}custom-metrics\/cm-adapter-serving-certs:tls\.crt#2 {2}CN=custom-metrics-intermediate {2}\(expires first in its chain\)$/m,
    );
    expect(out).toMatch(
      /^PASS {2}2034-01-01 {2}checks {2}ca {2}ConfigMap default\/kube-root-ca\.crt data\["ca\.crt"\] {2}CN=kubernetes$/m,
    );
    expect(out).toContain('\n17 certificates: 17 pass, 0 fail');
    expect(out).toContain('\nby component: ca 7, webhook 6, aggregated-apiserver 3, other 1\n');
    expect(out).toContain(
      '\n6 webhook or APIService caBundles against the serving Secret: 3 pass, 2 fail, 1 without their Secret in the input; 1 APIService served by the kube-apiserver itself\n',
    );
    // Only certificates are printed: no key, no password.
    for (const secret of ['not a key', 'not a password']) {
      expect(out).not.toContain(secret);
      expect(out).not.toContain(Buffer.from(secret).toString('base64'));
    }
  });

  test('JSON Lines: a trust line per pair, components and the first to expire on every certificate line', async () => {
    const records = await lines([`${DIR}/cluster.json`]);
    const trust = trustOf(records);
    expect(trust.map((record) => [record.object, record.secret, record.verdict])).toEqual([
      ['ValidatingWebhookConfiguration demo-webhook', 'demo/demo-webhook-tls', 'pass'],
      [
        'ValidatingWebhookConfiguration ingress-nginx-admission',
        'ingress-nginx/ingress-nginx-admission',
        'fail',
      ],
      ['MutatingWebhookConfiguration policy-webhook', 'policy/policy-webhook-tls', 'fail'],
      [
        'APIService v1beta1.custom.metrics.k8s.io',
        'custom-metrics/cm-adapter-serving-certs',
        'pass',
      ],
      ['APIService v1beta1.metrics.k8s.io', null, 'absent'],
      ['CustomResourceDefinition widgets.demo.example.com', 'demo/demo-webhook-tls', 'pass'],
    ]);
    const [demo, ingress, policy, custom] = trust;
    expect(demo?.expiresFirst).toEqual({
      subject: 'CN=demo-webhook',
      notAfter: '2026-01-01T00:00:00.000Z',
      where: 'tls.crt',
    });
    expect(ingress?.findings.map((finding) => finding.code)).toContain('unknown-authority');
    expect(ingress?.logged).toMatch(
      /^failed calling webhook "validate\.nginx\.ingress\.kubernetes\.io": failed to call webhook: Post "https:\/\/ingress-nginx-controller-admission\.ingress-nginx\.svc:443\/networking\/v1\/ingresses\?timeout=10s": tls: failed to verify certificate: x509: certificate signed by unknown authority/,
    );
    expect(policy?.findings.map((finding) => finding.code)).toEqual(['name-not-in-sans']);
    expect(policy?.note).toBe(
      'paired by policy-webhook.policy: the Service without .svc; the kube-apiserver dials policy-webhook.policy.svc',
    );
    // The caBundle's CA has the Secret's issuer name but another key: it anchors nothing.
    expect(ingress?.expiresFirst?.where).toBe('tls.crt');
    expect(custom?.expiresFirst?.where).toBe('tls.crt#2');
    const certificates = records.filter((record) => record['type'] === 'certificate');
    expect(certificates).toHaveLength(17);
    expect(
      certificates
        .filter((record) => record['expiresFirst'] === true)
        .map((record) => [record['subject'], record['component']]),
    ).toEqual([['CN=custom-metrics-intermediate', 'ca']]);
    const tally = records.at(-1);
    expect(tally).toMatchObject({
      type: 'tally',
      certificates: 17,
      components: {
        ca: { certificates: 7, fail: 0 },
        webhook: { certificates: 6, fail: 0 },
        'aggregated-apiserver': { certificates: 3, fail: 0 },
        other: { certificates: 1, fail: 0 },
      },
      trust: { pass: 3, fail: 2, unchecked: 0, absent: 1, local: 1 },
    });
  });

  test('the same from YAML, standard input (streamed), a YAML document stream, several files and any order of the objects', async () => {
    const expected = trustOf(await lines([`${DIR}/cluster.json`]));
    const without = (records: readonly TrustRecord[]): unknown =>
      records.map((record) => ({ ...record, file: '' }));
    expect(without(trustOf(await lines([`${DIR}/cluster.yaml`])))).toEqual(without(expected));
    expect(without(trustOf(await lines(['-'], { '-': JSON_LIST })))).toEqual(without(expected));
    // Secrets first (the order kubectl does not use): pairing waits for the end of the input.
    const reversed = trustOf(await lines(['-'], { '-': list([...ITEMS].reverse()) }));
    const key = (record: TrustRecord): string => `${record.object} ${record.secret ?? ''}`;
    // Entries keep their own input order (reversed here), each with the same record.
    expect(without([...reversed].reverse())).toEqual(without(expected));
    expect(reversed.map(key).sort()).toEqual(expected.map(key).sort());
    // One file per object (a file named on the command line must hold something to read,
    // as for diagnose: the ConfigMap without ca.crt is left out).
    const files = Object.fromEntries(
      ITEMS.filter((item) => JSON.stringify(item).includes('"Corefile"') === false).map(
        (item, index) => [`split/${index}.json`, JSON.stringify(item)],
      ),
    );
    // Documents joined by `---` past the size that is streamed a document at a time.
    const padding = `# ${'-'.repeat(78)}\n`.repeat(14_000);
    const documents = `${ITEMS.map((item) => stringify(item)).join('---\n')}${padding}`;
    expect(documents.length).toBeGreaterThan(STREAM_YAML_FROM);
    const streamed = trustOf(await lines(['-'], { '-': documents }));
    expect(without(streamed)).toEqual(without(expected));
    // A stream with nothing to audit at all says why, as the same document read alone does.
    const corefile = ITEMS.find((item) => JSON.stringify(item).includes('"Corefile"'));
    const nothing = await cli(['batch', '-', '--at', AT], {
      '-': `${stringify(corefile)}---\n${stringify(corefile)}${padding}`,
    });
    expect({ code: nothing.code, err: nothing.err }).toEqual({
      code: 2,
      err: 'diagnose: -: ConfigMap kube-system/coredns has no ca.crt\n',
    });
    const split = trustOf(await lines(Object.keys(files), files));
    expect(split.map(key).sort()).toEqual(expected.map(key).sort());
    expect(split.map((record) => record.verdict).sort()).toEqual(
      expected.map((record) => record.verdict).sort(),
    );
  });

  test('the same from a YAML List read an item at a time (kubectl -o yaml, past the streaming size), on standard input and named', async () => {
    const expected = trustOf(await lines([`${DIR}/cluster.json`]));
    const without = (records: readonly TrustRecord[]): unknown =>
      records.map((record) => ({ ...record, file: '' }));
    // cluster.yaml is one List document (kind before items, metadata after): comments
    // after its metadata take it past the size read as a stream.
    const padded = `${YAML_LIST.toString('utf8')}${`# ${'-'.repeat(78)}\n`.repeat(14_000)}`;
    expect(padded.length).toBeGreaterThan(STREAM_YAML_FROM);
    // kubectl's layout, entries at column 0, and the other common one at column 2.
    const indented = stringify({ apiVersion: 'v1', items: ITEMS, kind: 'List' });
    expect(indented).toMatch(/^items:\n {2}- /m);
    const indentedPadded = `${indented}${`# ${'-'.repeat(78)}\n`.repeat(14_000)}`;
    for (const text of [padded, indentedPadded]) {
      expect(without(trustOf(await lines(['-'], { '-': text })))).toEqual(without(expected));
      expect(without(trustOf(await lines(['big.yaml'], { 'big.yaml': text })))).toEqual(
        without(expected),
      );
    }
  });

  test('each pair gets the verdict and the words a single diagnose of the List with --webhook gives', async () => {
    const trust = trustOf(await lines([`${DIR}/cluster.json`])).filter(
      (record) => record.secret !== null,
    );
    expect(trust).toHaveLength(5);
    for (const record of trust) {
      const pick = record.webhook ?? record.object.split(' ')[1] ?? '';
      const single = await cli([
        `${DIR}/cluster.json`,
        '--webhook',
        pick,
        '--format',
        'json',
        '--at',
        AT,
      ]);
      expect(single.err).toBe('');
      const report = JSON.parse(single.out) as Report;
      const decisive = new Set(report.names.filter((name) => name.decisive).map((n) => n.name));
      const failed = report.results.find(
        (result) =>
          result.client === report.primaryClient && decisive.has(result.name) && !result.ok,
      );
      expect({
        verdict: record.verdict,
        primaryClient: record.primaryClient,
        names: record.names,
        findings: record.findings,
        message: record.message,
        logged: record.logged,
        exit: record.verdict === 'pass' ? 0 : 1,
      }).toEqual({
        verdict: report.verdict,
        primaryClient: report.primaryClient,
        names: report.names.map((name) => name.name),
        findings: report.findings.map(({ code, severity }) => ({ code, severity })),
        message: failed?.message ?? null,
        logged: failed?.logged ?? null,
        exit: single.code,
      });
      expect(report.inputs?.find((entry) => entry.role === 'certificate')?.detail).toMatch(
        new RegExp(`^Secret ${record.secret ?? ''} `),
      );
    }
  });
});

gate(builtFiles('dist/cli.cjs', 'dist/batch-worker.js')).test(
  'the built bin: with worker threads the inventory is what one thread finds, from a file and from a pipe',
  () => {
    const runBin = (
      args: string[],
      input?: Buffer,
    ): { status: number | null; stdout: string; stderr: string } =>
      spawnSync(process.execPath, ['bin/diagnose.js', 'batch', ...args, '--at', AT], {
        encoding: 'utf8',
        maxBuffer: 16 << 20,
        ...(input ? { input } : {}),
      });
    const one = runBin([`${DIR}/cluster.json`, '--format', 'jsonl', '--jobs', '1']);
    const two = runBin([`${DIR}/cluster.json`, '--format', 'jsonl', '--jobs', '2']);
    const piped = runBin(['-', '--format', 'jsonl', '--jobs', '2'], JSON_LIST);
    expect(one.stderr).toBe('');
    expect(one.status).toBe(1);
    expect([two.status, two.stderr, two.stdout]).toEqual([one.status, one.stderr, one.stdout]);
    expect(piped.stdout.replaceAll('"file":"-"', `"file":"${DIR}/cluster.json"`)).toBe(one.stdout);
    expect(one.stdout).toContain('"type":"trust"');
  },
);
