/**
 * `diagnose batch` end to end: directories, Secret Lists, stdin, exit codes, output
 * formats; and the built bin with worker threads printing exactly what one thread prints.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CORPUS_NOW, makeCorpus } from '../../bench/generate.js';
import { run } from '../../src/cli/run.js';
import { fakeIo } from '../helpers/fake-io.js';
import { builtFiles, gate } from '../oracle/require.js';

const corpus = makeCorpus();
const AT = CORPUS_NOW.toISOString();
const KEY =
  '-----BEGIN PRIVATE KEY-----\nMIIBVQIBADANBgkqhkiG9w0BAQEFAASCAT8wggE7AgEAAkEA\n-----END PRIVATE KEY-----\n';
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kube-tls-doctor-batch-'));
  mkdirSync(join(dir, 'pki', 'nested'), { recursive: true });
  mkdirSync(join(dir, 'pki', '..data'), { recursive: true });
  writeFileSync(join(dir, 'pki', 'apiserver.crt'), corpus.pem(0)); // CA-issued apiserver cert
  writeFileSync(join(dir, 'pki', 'apiserver.key'), KEY);
  writeFileSync(join(dir, 'pki', 'README'), 'not a certificate');
  writeFileSync(join(dir, 'pki', 'nested', 'svc.pem'), corpus.pem(1));
  writeFileSync(join(dir, 'pki', 'nested', 'expired.pem'), corpus.pem(3));
  writeFileSync(join(dir, 'pki', '..data', 'hidden.pem'), corpus.pem(3));
  writeFileSync(join(dir, 'ca.pem'), corpus.caPem);
  const secret = (name: string, data: Record<string, string>): object => ({
    kind: 'Secret',
    metadata: { namespace: 'web', name },
    data: Object.fromEntries(
      Object.entries(data).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
    ),
  });
  writeFileSync(
    join(dir, 'secrets.json'),
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'List',
      items: [secret('tls', { 'tls.crt': corpus.pem(4), 'tls.key': KEY })],
    }),
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function batch(
  args: string[],
  files: Record<string, string> = {},
): Promise<{ code: number; out: string; err: string }> {
  const io = fakeIo(files, { now: CORPUS_NOW, realFiles: true });
  const code = await run(['batch', ...args, '--at', AT], io);
  return { code, out: io.out(), err: io.err() };
}

describe('diagnose batch', () => {
  test('walks directories in name order, skips keys and dot-directories; one row per certificate and a tally', async () => {
    const { code, out, err } = await batch(
      [join(dir, 'pki'), join(dir, 'secrets.json'), '--ca', join(dir, 'ca.pem')],
      {
        [join(dir, 'ca.pem')]: corpus.caPem,
      },
    );
    expect(err).toBe('');
    expect(code).toBe(1); // the expired certificate fails
    const rows = out.split('\n').filter((line) => /^(PASS|FAIL) /.test(line));
    expect(rows.map((row) => row.split(/\s+/).slice(0, 5).join(' '))).toEqual([
      `PASS 2026-05-22 names kube-apiserver ${join(dir, 'pki', 'apiserver.crt')}`,
      `FAIL ${rows[1]?.split(/\s+/)[1]} checks ${rows[1]?.split(/\s+/)[3]} ${join(dir, 'pki', 'nested', 'expired.pem')}`,
      `PASS ${rows[2]?.split(/\s+/)[1]} checks webhook ${join(dir, 'pki', 'nested', 'svc.pem')}`,
      `PASS ${rows[3]?.split(/\s+/)[1]} checks ${rows[3]?.split(/\s+/)[3]} web/tls:tls.crt`,
    ]);
    expect(rows[1]).toMatch(/ expired$/);
    expect(rows[3]).toMatch(/ expiring \(warning\)$/);
    expect(out).toMatch(
      /\n4 certificates: 3 pass, 1 fail \(1 diagnosed for the apiserver names, 3 by their own checks\)\n/,
    );
    expect(out).toMatch(/\n2 files without certificates skipped\n$/);
  });

  test('--format jsonl: one object per certificate with its source, then the tally', async () => {
    const { code, out } = await batch([join(dir, 'secrets.json'), '--format', 'jsonl']);
    expect(code).toBe(0);
    const [record, tally, ...rest] = out
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(rest).toEqual([]);
    expect(record?.['source']).toEqual({
      kind: 'secret',
      file: join(dir, 'secrets.json'),
      namespace: 'web',
      name: 'tls',
      key: 'tls.crt',
    });
    expect(record?.['verdict']).toBe('pass');
    expect(tally).toMatchObject({ type: 'tally', certificates: 1, pass: 1, fail: 0 });
  });

  test('standard input, and exit 0 when every certificate passes', async () => {
    const { code, out, err } = await batch(['-'], { '-': corpus.pem(1) });
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toMatch(/^PASS {2}\S+ {2}checks {2}webhook {2}- {2}CN=svc-1\.ns-1\.svc\n/);
  });

  test('an unreadable input: one line on stderr, the rest still audited, exit 2', async () => {
    const missing = join(dir, 'missing.pem');
    const bad = join(dir, 'bad.pem');
    writeFileSync(bad, '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n');
    const { code, out, err } = await batch([missing, bad, join(dir, 'pki', 'nested', 'svc.pem')]);
    expect(code).toBe(2);
    expect(err.split('\n')).toEqual([
      `diagnose: ${missing}: no such file or directory`,
      expect.stringMatching(new RegExp(`^diagnose: ${bad.replace(/[.]/g, '\\.')}: `)),
      '',
    ]);
    expect(out).toMatch(/1 certificate: 1 pass, 0 fail/);
    expect(out).toMatch(/2 inputs could not be read/);
  });

  test('nothing to audit is an input error', async () => {
    const empty = join(dir, 'empty');
    mkdirSync(empty, { recursive: true });
    const { code, err } = await batch([empty]);
    expect(code).toBe(2);
    expect(err).toBe(`diagnose: ${empty}: no certificate found\n`);
  });
});

gate(builtFiles('dist/cli.cjs', 'dist/batch-worker.js')).test(
  'the built bin: worker threads print exactly what one thread prints',
  () => {
    const many = join(dir, 'many');
    mkdirSync(many, { recursive: true });
    for (let i = 0; i < 700; i++)
      writeFileSync(join(many, `c${String(i).padStart(4, '0')}.pem`), corpus.pem(i));
    const runBin = (jobs: string): { status: number | null; stdout: string; stderr: string } =>
      spawnSync(
        process.execPath,
        ['bin/diagnose.js', 'batch', many, '--at', AT, '--format', 'jsonl', '--jobs', jobs],
        {
          encoding: 'utf8',
          maxBuffer: 64 << 20,
        },
      );
    const one = runBin('1');
    const two = runBin('2');
    expect(one.stderr).toBe('');
    expect(two.stderr).toBe('');
    expect(one.status).toBe(1);
    expect(two.status).toBe(one.status);
    expect(two.stdout).toBe(one.stdout);
    expect(one.stdout.split('\n').length).toBe(700 + 2);
  },
);
