/**
 * Batch verdicts are single-run verdicts: every apiserver-like certificate gets the
 * answer `diagnose <file>` gives (same verdict, same findings), with and without
 * --ca and --name; the others get their own checks; and the answer for an item never
 * depends on which items came before it.
 */
import { auditItem, looksLikeApiserver, type AuditContext } from '../../src/batch/audit.js';
import { auditContext, type BatchSettings } from '../../src/batch/settings.js';
import type { CertRecord, Item } from '../../src/batch/types.js';
import { CORPUS_NOW, makeCorpus } from '../../bench/generate.js';
import { run } from '../../src/cli/run.js';
import type { Report } from '../../src/report/report.js';
import { userNames } from '../../src/names/defaults.js';
import { readFileSync } from 'node:fs';
import { fakeIo } from '../helpers/fake-io.js';
import { testSettings } from './settings.js';

const corpus = makeCorpus();
const AT = CORPUS_NOW.toISOString();

function item(name: string, pem: string): Item {
  return { source: { kind: 'file', file: name }, bytes: new Uint8Array(Buffer.from(pem)) };
}

async function single(
  files: Record<string, string>,
  args: string[],
): Promise<{ code: number; report: Report }> {
  const io = fakeIo(files, { now: CORPUS_NOW });
  const code = await run([...args, '--at', AT, '--format', 'json'], io);
  return { code, report: JSON.parse(io.out()) as Report };
}

async function audit(items: readonly Item[], context: AuditContext): Promise<CertRecord[]> {
  const records: CertRecord[] = [];
  for (const entry of items) records.push(...(await auditItem(entry, context)));
  return records;
}

// Apiserver certificates of the corpus: CA-issued (i % 20 === 0) and self-signed by the
// apiserver's generator (i % 20 === 10), some without the Service IP.
const APISERVER = [0, 10, 20, 30, 40, 50, 60, 70, 90, 130];
const OTHERS = [1, 3, 4, 5, 6, 7, 9, 15];

describe('names mode gives the single run its verdict and findings', () => {
  const cases: [string, string[], Partial<BatchSettings> | 'ca'][] = [
    ['self trust, default names', [], {}],
    ['--ca, default names', ['--ca', 'ca.pem'], 'ca'],
    ['--client all', ['--client', 'all'], {}],
    ['--name', ['--name', 'kubernetes.default.svc.cluster.local'], {}],
  ];
  test.each(cases)('%s', async (_label, args, overrides) => {
    let extra: Partial<BatchSettings> = overrides === 'ca' ? {} : overrides;
    if (overrides === 'ca') {
      extra = { ca: [{ bytes: new Uint8Array(Buffer.from(corpus.caPem)), source: 'ca.pem' }] };
    }
    if (args.includes('--client')) {
      extra = {
        plan: { clientValues: ['all'], nameOptions: {} },
        clients: [
          'go1.8',
          'go1.23',
          'go',
          'go1.15',
          'go1.14',
          'go1.11',
          'go1.10',
          'go1.5',
          'go1.4',
          'openssl',
          'node',
        ],
      };
    }
    if (args.includes('--name')) extra = { names: userNames([args[1] as string]) };
    const context = await auditContext(testSettings(extra));
    for (const i of APISERVER) {
      const pem = corpus.pem(i);
      const [record] = await audit([item(`c${i}.pem`, pem)], context);
      const { code, report } = await single({ [`c${i}.pem`]: pem, 'ca.pem': corpus.caPem }, [
        `c${i}.pem`,
        ...args,
      ]);
      expect(record?.mode).toBe('names');
      expect(record?.verdict).toBe(report.verdict);
      expect(code).toBe({ pass: 0, fail: 1, unchecked: 4 }[report.verdict]);
      expect(record?.findings).toEqual(
        report.findings.map((finding) => ({ code: finding.code, severity: finding.severity })),
      );
      expect(record?.names).toEqual(report.names.map((name) => name.name));
    }
  });

  test('the seed certificate: the README verdicts for Heapster v1.6 and v0.18', async () => {
    const seed = readFileSync('fixtures/seed/apiserver.crt', 'utf8');
    for (const [version, go, profile] of [
      ['v1.6', 'go1.9', 'go1.8'],
      ['v0.18', 'go1.5.1', 'go1.5'],
    ] as const) {
      const context = await auditContext(
        testSettings({
          clients: [profile],
          heapster: { version, go },
          plan: { clientValues: [], heapsterVersion: version, nameOptions: {} },
          now: new Date('2015-11-04T12:00:00Z'),
        }),
      );
      const [record] = await audit([item('seed.crt', seed)], context);
      const io = fakeIo({ 'seed.crt': seed });
      const code = await run(
        ['seed.crt', '--heapster-version', version, '--at', '2015-11-04T12:00:00Z'],
        io,
      );
      expect(record?.verdict).toBe(code === 0 ? 'pass' : 'fail');
    }
  });
});

describe('checks mode', () => {
  test('certificates that are not apiserver certificates get their own checks', async () => {
    const context = await auditContext(testSettings());
    const records = await audit(
      OTHERS.map((i) => item(`c${i}.pem`, corpus.pem(i))),
      context,
    );
    const byFile = new Map(
      records.map((record) => [record.source.kind === 'file' ? record.source.file : '', record]),
    );
    const codes = (i: number): string[] =>
      byFile.get(`c${i}.pem`)?.checks.map((check) => check.code) ?? [];
    expect(records.every((record) => record.mode === 'checks')).toBe(true);
    expect(codes(1)).toEqual([]);
    expect(byFile.get('c1.pem')?.verdict).toBe('pass');
    expect(codes(3)).toEqual(['expired']);
    expect(byFile.get('c3.pem')?.verdict).toBe('fail');
    expect(codes(4)).toEqual(['expiring']);
    expect(byFile.get('c4.pem')?.verdict).toBe('pass');
    expect(codes(5)).toEqual(['sha1-signature']);
    expect(codes(6)).toEqual(['cn-only']);
    expect(codes(15)).toEqual([]); // a CA without SANs is not CN-only
  });

  test('the cluster CA lists DNS:kubernetes but is a CA, so it is not judged as the apiserver', async () => {
    const context = await auditContext(testSettings());
    const [record] = await audit([item('ca.pem', corpus.caPem)], context);
    expect(record?.mode).toBe('checks');
    expect(record?.verdict).toBe('pass');
  });

  test('a chain file: the leaf is diagnosed, the chain certificates are checked', async () => {
    const context = await auditContext(testSettings());
    const records = await audit([item('chain.pem', corpus.pem(0) + corpus.caPem)], context);
    expect(records.map((record) => [record.index, record.mode])).toEqual([
      [0, 'names'],
      [1, 'checks'],
    ]);
    // With its CA in the chain but no --ca, trust is the leaf itself, as in a single run.
    const { report } = await single({ 'chain.pem': corpus.pem(0) + corpus.caPem }, ['chain.pem']);
    expect(records[0]?.verdict).toBe(report.verdict);
  });
});

describe('order independence', () => {
  test('the same records whatever the order of the items', async () => {
    const indices = [...APISERVER, ...OTHERS];
    const items = indices.map((i) => item(`c${i}.pem`, corpus.pem(i)));
    const key = (record: CertRecord): string => JSON.stringify(record);
    const forward = (await audit(items, await auditContext(testSettings()))).map(key).sort();
    for (let round = 0; round < 3; round++) {
      // A deterministic shuffle: rotate and reverse.
      const shuffled = [...items.slice(round * 5), ...items.slice(0, round * 5)].reverse();
      const again = (await audit(shuffled, await auditContext(testSettings()))).map(key).sort();
      expect(again).toEqual(forward);
    }
  });
});

describe('looksLikeApiserver', () => {
  test('the apiserver generator CN or the kubernetes Service names on a non-CA', async () => {
    const context = await auditContext(testSettings());
    const [apiserver] = await audit([item('a.pem', corpus.pem(0))], context);
    const [generated] = await audit([item('b.pem', corpus.pem(10))], context);
    const [service] = await audit([item('c.pem', corpus.pem(1))], context);
    expect([apiserver?.mode, generated?.mode, service?.mode]).toEqual(['names', 'names', 'checks']);
    expect(looksLikeApiserver).toBeInstanceOf(Function);
  });
});

describe("today's clusters", () => {
  test('a healthy kubeadm apiserver certificate is no false FAIL: the Service IP comes from its SANs', async () => {
    const served = readFileSync('fixtures/kubeadm-apiserver/apiserver.crt', 'utf8');
    const ca = readFileSync('fixtures/kubeadm-apiserver/ca.crt', 'utf8');
    const context = await auditContext(
      testSettings({
        ca: [{ bytes: new Uint8Array(Buffer.from(ca)), source: 'ca.crt' }],
        now: new Date('2024-06-01T00:00:00Z'),
      }),
    );
    const [record] = await audit([item('apiserver.crt', served)], context);
    expect(record?.verdict).toBe('pass');
    expect(record?.primaryClient).toBe('go1.23');
    expect(record?.names).toContain('10.96.0.1');
    expect(record?.names).not.toContain('10.0.0.1');
  });
});
