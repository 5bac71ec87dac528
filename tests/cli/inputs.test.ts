/**
 * Every input form gives the report its PEM files give: Secrets (yaml, json, List),
 * kubeconfigs, service-account directories, Heapster's --source, and live servers on
 * 127.0.0.1 (an endpoint, a kubeconfig's server, --in-cluster). Broken inputs fail with
 * one line naming the file and the problem, and no output ever holds a secret value.
 */
import { run } from '../../src/cli/run.js';
import type { Report } from '../../src/report/report.js';
import { tlsHandshake } from '../../src/live/handshake.js';
import { fakeIo, filesUnder } from '../helpers/fake-io.js';
import { FAKE_TOKEN_SIGNATURE } from '../inputs/generate-fixtures.js';
import { nodeTlsServer, type Running } from '../live/servers.js';

const DIR = 'fixtures/inputs';

const FILES = filesUnder(DIR);
const f = (name: string): string => `${DIR}/${name}`;
const text = (name: string): string => Buffer.from(FILES[f(name)] ?? []).toString('utf8');

/** Every output of this file, for the secret scan at the end. */
const outputs: string[] = [];

interface Outcome {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

async function cli(
  args: string[],
  options: { env?: Record<string, string>; extra?: Record<string, string> } = {},
): Promise<Outcome> {
  const io = fakeIo(
    { ...FILES, ...(options.extra ?? {}) },
    { ...(options.env ? { env: options.env } : {}), tlsHandshake },
  );
  const code = await run(args, io);
  outputs.push(io.out(), io.err());
  return { code, out: io.out(), err: io.err() };
}

async function report(args: string[], options: Parameters<typeof cli>[1] = {}): Promise<Report> {
  const outcome = await cli([...args, '--format', 'json', '--client', 'all'], options);
  expect(outcome.err).toBe('');
  return JSON.parse(outcome.out) as Report;
}

/** What must not depend on the input form: verdicts, messages, findings, certificates, trust. */
function core(r: Report): unknown {
  return {
    verdict: r.verdict,
    names: r.names.map(({ name, kind, decisive }) => ({ name, kind, decisive })),
    results: r.results,
    findings: r.findings,
    certificate: r.certificate,
    chain: r.chain,
    trust: r.trust,
  };
}

const PEM = [f('apiserver-chain.crt'), '--ca', f('root-ca.crt')];

describe('offline input forms give the PEM report', () => {
  let pem: unknown;
  beforeAll(async () => {
    pem = core(await report(PEM));
  });

  test.each([
    ['a tls Secret as yaml (tls.crt + ca.crt)', [f('secret-tls.yaml')]],
    ['a tls Secret as json', [f('secret-tls.json')]],
    ['a List of Secrets (kubectl get secrets -A -o yaml)', [f('secrets-list.yaml')]],
    [
      '--ca a service-account token Secret (yaml)',
      [f('apiserver-chain.crt'), '--ca', f('secret-token.yaml')],
    ],
    [
      '--ca a service-account token Secret (json)',
      [f('apiserver-chain.crt'), '--ca', f('secret-token.json')],
    ],
    ['--ca a List whose Secrets agree', [f('apiserver-chain.crt'), '--ca', f('secrets-list.yaml')]],
    [
      '--ca a kubeconfig with certificate-authority-data',
      [f('apiserver-chain.crt'), '--ca', f('kubeconfig-data.yaml')],
    ],
    [
      '--ca a kubeconfig with a relative certificate-authority',
      [f('apiserver-chain.crt'), '--ca', f('kubeconfig-file.yaml')],
    ],
    ['--ca a service-account directory', [f('apiserver-chain.crt'), '--ca', f('serviceaccount')]],
    [
      '--serviceaccount-dir',
      [f('apiserver-chain.crt'), '--serviceaccount-dir', f('serviceaccount')],
    ],
  ])('%s', async (_label, args) => {
    const r = await report(args);
    expect(core(r)).toEqual(pem);
    expect(r.inputs?.length).toBeGreaterThan(0);
  });

  test('--kubeconfig beside a certificate: its CA and its server name, no connection', async () => {
    const r = await report([f('apiserver-chain.crt'), '--kubeconfig', f('kubeconfig-data.yaml')]);
    // What kubectl gets with that kubeconfig: the kubeconfig's client decides.
    expect(core(r)).toEqual(
      core(await report([...PEM, '--name', '127.0.0.1', '--component', 'kubeconfig-client'])),
    );
    expect(r.connection).toBeUndefined();
    const byName = await report([
      f('apiserver-chain.crt'),
      '--kubeconfig',
      f('kubeconfig-data.yaml'),
      '--context',
      'in-cluster-name',
    ]);
    expect(byName.names.map((name) => name.name)).toEqual(['kubernetes.default']);
  });

  test('a stale ca.crt is found: the Secret with the old CA fails where the PEM CA passes', async () => {
    const stale = await cli([
      f('apiserver-chain.crt'),
      '--ca',
      f('stale-root-ca.crt'),
      '--client',
      'go',
    ]);
    expect(stale.code).toBe(1);
    const list = await cli([f('apiserver-chain.crt'), '--ca', f('secrets-list-stale.yaml')]);
    expect(list.code).toBe(2);
    expect(list.err).toMatch(
      /^diagnose: fixtures\/inputs\/secrets-list-stale\.yaml: holds 2 different ca\.crt values \(\[kube-system\/heapster-token-x7k2p\] vs \[default\/default-token-old\]\)/,
    );
  });
});

describe('findings from the inputs', () => {
  test('insecure-skip-tls-verify is reported, and the checks still run with its CA', async () => {
    const r = await report([f('apiserver-chain.crt'), '--ca', f('kubeconfig-insecure.yaml')]);
    expect(r.findings.find((x) => x.code === 'insecure-skip-tls-verify')).toBeUndefined();
    const live = await report([
      f('apiserver-chain.crt'),
      '--kubeconfig',
      f('kubeconfig-insecure.yaml'),
    ]);
    const finding = live.findings.find((x) => x.code === 'insecure-skip-tls-verify');
    expect(finding?.severity).toBe('warning');
    expect(finding?.title).toBe(
      'TLS verification is switched off: the symptom is hidden, not fixed',
    );
    expect(live.verdict).toBe('pass');
  });

  test('no CA in the kubeconfig: the system roots, which hold no cluster CA', async () => {
    const r = await report([f('apiserver-chain.crt'), '--ca', f('kubeconfig-no-ca.yaml')]);
    expect(r.trust).toEqual({ mode: 'ca', anchors: [] });
    expect(r.findings.map((x) => x.code)).toContain('system-roots');
    expect(r.verdict).toBe('fail');
  });

  test.each([
    [
      'serviceaccount-no-ca',
      'open fixtures/inputs/serviceaccount-no-ca/ca.crt: no such file or directory',
    ],
    [
      'serviceaccount-der-ca',
      'error creating pool from fixtures/inputs/serviceaccount-der-ca/ca.crt: data does not contain any valid RSA or ECDSA certificates',
    ],
  ])('%s: client-go only logs and falls back to the system roots', async (dir, cause) => {
    const r = await report([f('apiserver-chain.crt'), '--serviceaccount-dir', f(dir)]);
    const finding = r.findings.find((x) => x.code === 'system-roots');
    expect(finding?.detail).toMatchObject({
      note: `client-go logs "Expected to load root CA config from ${f(dir)}/ca.crt, but got err: ${cause}" and continues with the system roots.`,
    });
    expect(r.verdict).toBe('fail');
  });

  test('Heapster --source: v0.16 ignores the URL and dials the Service IP, v0.18 ignores insecure', async () => {
    const old = await report([
      f('apiserver-chain.crt'),
      '--ca',
      f('root-ca.crt'),
      '--source',
      'kubernetes:https://kubernetes.default?inClusterConfig=true&insecure=true',
      '--heapster-version',
      'v0.16',
    ]);
    expect(old.names.map((name) => name.name)).toEqual(['10.0.0.1']);
    expect(old.findings.map((x) => x.code)).toEqual(
      expect.arrayContaining(['heapster-url-ignored', 'heapster-insecure-ignored']),
    );
    const v19 = await report([
      f('apiserver-chain.crt'),
      '--source',
      'kubernetes:https://kubernetes.default?inClusterConfig=true&insecure=true',
      '--heapster-version',
      'v0.19',
      '--serviceaccount-dir',
      f('serviceaccount'),
    ]);
    expect(v19.names.map((name) => name.name)).toEqual(['kubernetes.default']);
    expect(v19.findings.map((x) => x.code)).toContain('insecure-skip-tls-verify');
    // The CA Heapster uses with inClusterConfig is the service-account ca.crt.
    expect(v19.trust.anchors.map((anchor) => anchor.subject.dn)).toEqual(['CN=cluster-root-ca']);
  });
});

describe('broken inputs: exit 2, one line naming the file and the problem', () => {
  test.each([
    [
      [f('apiserver-chain.crt'), '--ca', f('broken/secret-bad-base64.yaml')],
      `${f('broken/secret-bad-base64.yaml')}: Secret kube-system/heapster-token-x7k2p: data["ca.crt"] is not valid base64`,
    ],
    [
      [f('apiserver-chain.crt'), '--ca', f('broken/secret-no-ca.yaml')],
      `${f('broken/secret-no-ca.yaml')}: has no ca.crt in its Secret`,
    ],
    [
      [f('broken/secret-syntax.yaml')],
      `${f('broken/secret-syntax.yaml')}: is not valid YAML (line 4, column 10): Nested mappings are not allowed in compact mappings`,
    ],
    [
      [f('secret-token.yaml')],
      `${f('secret-token.yaml')}: has no tls.crt (a served certificate); its ca.crt is a CA: pass it with --ca and give the apiserver certificate or endpoint as the argument`,
    ],
    [
      [f('apiserver-chain.crt'), '--ca', f('broken/kubeconfig-bad-base64.yaml')],
      `${f('broken/kubeconfig-bad-base64.yaml')}: cluster "prod": certificate-authority-data is not valid base64`,
    ],
    [
      [f('apiserver-chain.crt'), '--ca', f('broken/kubeconfig-missing-ca-file.yaml')],
      `${f('broken/kubeconfig-missing-ca-file.yaml')}: cluster prod: certificate-authority fixtures/inputs/broken/nope/ca.crt: no such file (paths are relative to the kubeconfig)`,
    ],
    [
      [f('apiserver-chain.crt'), '--ca', f('broken/kubeconfig-syntax.yaml')],
      /^fixtures\/inputs\/broken\/kubeconfig-syntax\.yaml: is not valid YAML \(line \d+, column \d+\): /,
    ],
    [
      ['--kubeconfig', f('kubeconfig-data.yaml'), '--context', 'nope'],
      `${f('kubeconfig-data.yaml')}: has no context "nope" (contexts: prod, in-cluster-name)`,
    ],
    [
      ['--in-cluster'],
      '--in-cluster: unable to load in-cluster configuration, KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT must be defined',
    ],
    [
      [],
      'nothing to check: give a certificate file (or -), an endpoint (https://host:port), --kubeconfig FILE or --in-cluster',
    ],
  ])('%j', async (args, expected) => {
    const outcome = await cli(args);
    expect(outcome.code).toBe(2);
    expect(outcome.out).toBe('');
    const line = outcome.err.replace(/^diagnose: /, '').replace(/\n$/, '');
    expect(line).not.toContain('\n');
    if (typeof expected === 'string') expect(line).toBe(expected);
    else expect(line).toMatch(expected);
  });
});

describe('live: real servers on 127.0.0.1', () => {
  let chain: Running;
  beforeAll(async () => {
    chain = await nodeTlsServer({ cert: text('apiserver-chain.crt'), key: text('apiserver.key') });
  });
  afterAll(() => chain.close());

  const kubeconfig = (port: number, extra = ''): string =>
    text('kubeconfig-data.yaml').replace(/127\.0\.0\.1:6443/g, `127.0.0.1:${port}`) + extra;

  test('an endpoint gives the report of its certificate files, plus the connection', async () => {
    const live = await report([`https://127.0.0.1:${chain.port}`, '--ca', f('root-ca.crt')]);
    expect(core(live)).toEqual(core(await report([...PEM, '--name', '127.0.0.1'])));
    expect(live.connection).toMatchObject({
      endpoint: `127.0.0.1:${chain.port}`,
      servername: null,
      protocol: 'TLSv1.3',
      presented: { order: 'as-sent', shape: 'in-order' },
    });
    const hostPort = await report([`127.0.0.1:${chain.port}`, '--ca', f('secret-token.yaml')]);
    expect(core(hostPort)).toEqual(core(live));
  });

  test('--kubeconfig with no certificate checks the live server it names, with its CA', async () => {
    const extra = { 'kc.yaml': kubeconfig(chain.port) };
    const live = await report(['--kubeconfig', 'kc.yaml'], { extra });
    // kubectl with that kubeconfig decides: the same as the files with --component kubeconfig-client.
    const asKubectl = ['--component', 'kubeconfig-client'];
    expect(core(live)).toEqual(core(await report([...PEM, '--name', '127.0.0.1', ...asKubectl])));
    const byName = await report(['--kubeconfig', 'kc.yaml', '--context', 'in-cluster-name'], {
      extra,
    });
    expect(byName.connection?.servername).toBe('kubernetes.default');
    expect(core(byName)).toEqual(
      core(await report([...PEM, '--name', 'kubernetes.default', ...asKubectl])),
    );
  });

  test('--in-cluster: KUBERNETES_SERVICE_HOST/PORT and the service-account dir, as a pod sees them', async () => {
    const env = {
      KUBERNETES_SERVICE_HOST: '127.0.0.1',
      KUBERNETES_SERVICE_PORT: String(chain.port),
    };
    const extra = {
      'sa/ca.crt': text('root-ca.crt'),
      'sa/token': text('serviceaccount/token'),
      'sa/namespace': 'kube-system',
    };
    const live = await report(['--in-cluster', '--serviceaccount-dir', 'sa'], { env, extra });
    expect(core(live)).toEqual(core(await report(PEM, { env })));
    expect(live.names.filter((name) => name.decisive).map((name) => name.name)).toEqual([
      'kubernetes.default',
      '127.0.0.1',
    ]);
    expect(live.connection?.servername).toBeNull();
    expect(live.connection?.sni?.servername).toBe('kubernetes.default');
  });

  test('a server that asks for SNI-specific certificates is flagged', async () => {
    const { createSecureContext } = await import('node:tls');
    const sni = await nodeTlsServer({
      cert: text('apiserver-chain.crt'),
      key: text('apiserver.key'),
      SNICallback: (name, done) =>
        done(
          null,
          name === 'kubernetes.default'
            ? createSecureContext({ cert: text('other.crt'), key: text('other.key') })
            : undefined,
        ),
    });
    try {
      const env = {
        KUBERNETES_SERVICE_HOST: '127.0.0.1',
        KUBERNETES_SERVICE_PORT: String(sni.port),
      };
      const extra = { 'sa/ca.crt': text('root-ca.crt'), 'sa/token': text('serviceaccount/token') };
      const r = await report(['--in-cluster', '--serviceaccount-dir', 'sa'], { env, extra });
      expect(r.findings.map((x) => x.code)).toContain('sni-dependent');
      expect(r.connection?.sni).toEqual({
        servername: 'kubernetes.default',
        sameCertificate: false,
        error: null,
      });
    } finally {
      await sni.close();
    }
  });

  test('a closed port: exit 2, one line', async () => {
    const { closedPort } = await import('../live/servers.js');
    const port = await closedPort();
    const outcome = await cli([`https://127.0.0.1:${port}`, '--timeout', '2']);
    expect(outcome).toEqual({
      code: 2,
      out: '',
      err: `diagnose: 127.0.0.1:${port}: connection refused: nothing listens on that port\n`,
    });
  });

  test('no connection unless asked: a certificate file never dials', async () => {
    let dialled = 0;
    const io = fakeIo(FILES, {
      tlsHandshake: () => {
        dialled++;
        return Promise.reject(new Error('must not dial'));
      },
    });
    await run([f('apiserver-chain.crt'), '--kubeconfig', f('kubeconfig-data.yaml')], io);
    await run([f('secret-tls.yaml'), '--source', 'kubernetes:https://kubernetes.default'], io);
    expect(dialled).toBe(0);
  });
});

describe('no output holds a secret', () => {
  test('tokens, keys and non-certificate Secret values never appear', async () => {
    for (const format of ['text', 'json']) {
      await cli([f('secret-tls.yaml'), '--format', format, '--client', 'all']);
      await cli([f('apiserver-chain.crt'), '--ca', f('secrets-list.yaml'), '--format', format]);
      await cli([
        f('apiserver-chain.crt'),
        '--kubeconfig',
        f('kubeconfig-data.yaml'),
        '--format',
        format,
      ]);
      await cli([
        f('apiserver-chain.crt'),
        '--serviceaccount-dir',
        f('serviceaccount'),
        '--format',
        format,
      ]);
    }
    const token = text('serviceaccount/token');
    const tlsKey = text('apiserver.key');
    const forbidden = [
      token,
      FAKE_TOKEN_SIGNATURE,
      Buffer.from(token).toString('base64').slice(0, 40),
      'PRIVATE KEY',
      tlsKey.split('\n')[1] ?? 'unreachable',
      Buffer.from(tlsKey).toString('base64').slice(0, 40),
    ];
    const all = outputs.join('\n');
    expect(all.length).toBeGreaterThan(10_000);
    for (const secret of forbidden) expect(all).not.toContain(secret);
    // What may be said about the token: its public claims.
    expect(all).toContain(
      'token present (JWT iss=kubernetes/serviceaccount, sub=system:serviceaccount:kube-system:heapster, exp=none)',
    );
  });
});
