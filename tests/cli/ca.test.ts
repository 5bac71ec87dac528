/**
 * `--ca FILE` through run(argv, io): the pod's ca.crt as trust anchors, in every input
 * form, repeatable, with the stale-CA story of fixtures/stale-ca and one-line errors.
 */
import { readFileSync } from 'node:fs';
import { run } from '../../src/cli/run.js';
import type { Report } from '../../src/report/report.js';
import { fakeIo } from '../helpers/fake-io.js';

const served = readFileSync('fixtures/stale-ca/served.crt', 'utf8');
const staleCa = readFileSync('fixtures/stale-ca/ca.crt', 'utf8');
const AT = ['--at', '2016-03-01T00:00:00Z'];

function derOf(pem: string): Uint8Array {
  const body = pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
  return new Uint8Array(Buffer.from(body, 'base64'));
}

const files = {
  'served.crt': served,
  'ca.crt': staleCa,
  'current.crt': served,
  'ca.der': derOf(staleCa),
  'ca.b64': Buffer.from(staleCa).toString('base64'),
  'bundle.crt': `# the pod's ca.crt\n${staleCa}${served}`,
  'garbage.crt': 'not a certificate at all\n',
};

async function runJson(args: string[]): Promise<{ code: number; report: Report; err: string }> {
  const io = fakeIo(files);
  const code = await run([...args, ...AT, '--format', 'json'], io);
  return { code, report: JSON.parse(io.out() || 'null') as Report, err: io.err() };
}

describe('--ca', () => {
  test('a stale ca.crt fails with unknown authority, the stale-CA finding and the closest miss', async () => {
    const { code, report, err } = await runJson(['served.crt', '--ca', 'ca.crt']);
    expect(err).toBe('');
    expect(code).toBe(1);
    expect(report.trust.mode).toBe('ca');
    expect(report.trust.anchors.map((anchor) => anchor.subject.commonNames)).toEqual([
      ['vm-56-65@1446612345'],
    ]);
    expect(report.results[0]).toMatchObject({
      client: 'go1.8',
      name: 'kubernetes.default',
      code: 'unknown-authority',
      message: 'x509: certificate signed by unknown authority',
    });
    const codes = report.findings.map((finding) => [finding.code, finding.severity]);
    expect(codes).toContainEqual(['stale-ca', 'error']);
    expect(codes).toContainEqual(['closest-miss', 'error']);
    expect(codes.map(([code]) => code)).not.toContain('self-trust');
  });

  test('the text report tells the story in one sentence', async () => {
    const io = fakeIo(files);
    const code = await run(['served.crt', '--ca', 'ca.crt', ...AT, '--client', 'all'], io);
    expect(code).toBe(1);
    // Paragraphs wrap to the width: compare the words.
    const text = io.out().replace(/\s+/g, ' ');
    expect(text).toContain('trust: vm-56-65@1446612345');
    expect(text).toContain(
      'your ca.crt holds vm-56-65@1446612345, the server presents vm-56-65@1446699999',
    );
    expect(text).toContain('vm-56-65@1446612345 (ca.crt #0) a different subject');
    // OpenSSL and Node have their own words for it.
    expect(text).toContain('openssl, node: self-signed certificate');
    // The informational FQDN fails twice; both failures are listed, the printed one marked.
    expect(text).toContain('every failure: name-not-in-sans (printed), unknown-authority');
  });

  test('DER, base64 and a PEM bundle with text around it are all read as ca.crt', async () => {
    for (const ca of ['ca.der', 'ca.b64']) {
      const { report, err } = await runJson(['served.crt', '--ca', ca]);
      expect(err).toBe('');
      expect(report.findings.map((finding) => finding.code)).toContain('stale-ca');
    }
    const { code, report } = await runJson(['served.crt', '--ca', 'bundle.crt']);
    expect(report.trust.anchors).toHaveLength(2);
    expect(code).toBe(0);
  });

  test('repeatable: old and current certificate together verify', async () => {
    const { code, report } = await runJson([
      'served.crt',
      '--ca',
      'ca.crt',
      '--ca',
      'current.crt',
      '--client',
      'all',
    ]);
    expect(code).toBe(0);
    expect(report.trust.anchors).toHaveLength(2);
    const decisive = report.results.filter(
      (result) => result.name !== 'kubernetes.default.svc.cluster.local',
    );
    expect(decisive.every((result) => result.ok)).toBe(true);
    expect(report.findings.map((finding) => finding.code)).not.toContain('stale-ca');
  });

  test('without --ca the certificate trusts itself, and the report says so', async () => {
    const io = fakeIo(files);
    expect(await run(['served.crt', ...AT], io)).toBe(0);
    expect(io.out().replace(/\s+/g, ' ')).toContain(
      'trust: the certificate itself (no --ca given)',
    );
    expect(io.out()).toContain('(self-trust)');
  });

  test('a missing or unreadable --ca is one line on stderr and exit 2', async () => {
    for (const ca of ['nowhere.crt', 'garbage.crt']) {
      const io = fakeIo(files);
      expect(await run(['served.crt', '--ca', ca], io)).toBe(2);
      expect(io.out()).toBe('');
      expect(io.err()).toContain(ca);
      expect(io.err().trim().split('\n')).toHaveLength(1);
    }
  });

  test('--at moves every client: before the served certificate existed it is not yet valid', async () => {
    const io = fakeIo(files);
    await run(
      [
        'served.crt',
        '--ca',
        'current.crt',
        '--at',
        '2015-11-04T12:00:00Z',
        '--client',
        'go',
        '--client',
        'openssl',
        '--format',
        'json',
      ],
      io,
    );
    const report = JSON.parse(io.out()) as Report;
    const first = report.results.filter((result) => result.name === 'kubernetes.default');
    expect(first.map((result) => result.code)).toEqual(['not-yet-valid', 'not-yet-valid']);
    expect(first[1]?.nativeCode).toBe(9);
  });
});
