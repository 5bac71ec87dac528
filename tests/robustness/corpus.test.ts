/**
 * The malformed corpus (corpus.ts) through run(argv, io), and the certificates in it that
 * parse through the facts and every profile directly: nothing crashes, garbage is a clean
 * exit 2 naming the input, and anything that parses is judged.
 */
import { InputError } from '../../src/base/errors.js';
import { extractFacts } from '../../src/facts/extract.js';
import { loadCertificates } from '../../src/load/index.js';
import { PROFILES } from '../../src/verify/profiles.js';
import { computeSignatureChecks } from '../../src/verify/signatures.js';
import { buildCorpus, type CorpusCase } from './corpus.js';
import { brokenPromise, runCase } from './harness.js';

let corpus: CorpusCase[] = [];

beforeAll(async () => {
  corpus = await buildCorpus();
});

test('the corpus covers the cases the issue lists', () => {
  const ids = corpus.map((entry) => entry.id);
  for (const id of [
    'empty',
    'junk',
    'pem-truncated',
    'pem-bad-base64',
    'pem-label-key',
    'der-trailing',
    'der-tbs-wrong-tag',
    'serial-negative',
    'serial-huge',
    'critical-unknown',
    'san-ip-3-octets',
    'san-ip-5-octets',
    'san-ip-8-octets',
    'san-dns-nul',
    'san-dns-latin1',
    'cn-nul',
    'sans-10000',
    'chain-deep-50',
    'chain-cycle',
  ]) {
    expect(ids).toContain(id);
  }
  expect(new Set(ids).size).toBe(ids.length);
});

describe('every corpus case through run(argv, io)', () => {
  test('keeps the promises and meets its expectation, in text and JSON', async () => {
    const problems: string[] = [];
    for (const entry of corpus) {
      for (const format of ['text', 'json']) {
        const outcome = await runCase([...entry.argv, '--format', format], entry.files);
        const broken = brokenPromise(outcome);
        if (broken) {
          problems.push(`${entry.id} (${format}): ${broken}`);
          continue;
        }
        const { expect: wanted } = entry;
        if (wanted.kind === 'input-error') {
          if (outcome.code !== 2) problems.push(`${entry.id}: exit ${outcome.code}, wanted 2`);
          else if (!wanted.problem.test(outcome.stderr))
            problems.push(`${entry.id}: ${outcome.stderr.trim()} does not match ${wanted.problem}`);
          else if (!/^diagnose: (case\.crt|ca\.crt|nowhere\.crt|--[a-z-]+)\b/.test(outcome.stderr))
            problems.push(`${entry.id}: the line does not name the input: ${outcome.stderr}`);
        }
        if (wanted.kind === 'diagnosable' && outcome.code === 2)
          problems.push(`${entry.id}: parses but was refused: ${outcome.stderr.trim()}`);
        if (format === 'json' && outcome.code !== 2) JSON.parse(outcome.stdout);
      }
    }
    expect(problems).toEqual([]);
  });

  test('--debug and DEBUG=kube-tls-doctor add nothing to an input error', async () => {
    const empty = corpus.find((entry) => entry.id === 'empty') as CorpusCase;
    const plain = await runCase(empty.argv, empty.files);
    const debug = await runCase([...empty.argv, '--debug'], empty.files, {
      DEBUG: 'kube-tls-doctor',
    });
    expect(debug.code).toBe(2);
    expect(debug.stderr).toBe(plain.stderr);
  });
});

describe('the certificates that parse, through facts and every profile', () => {
  const HOSTS = [
    'kubernetes.default',
    'KUBERNETES.DEFAULT.',
    '10.0.0.1',
    '::1',
    '::ffff:10.0.0.1',
    '*.default',
    'xn--bcher-kva.example',
    'kubernetes.default\0.evil.example',
    'k\u00fcbernetes.default',
    '.',
    '',
  ];

  test('facts never throw anything but their own errors; profiles never throw at all', async () => {
    const problems: string[] = [];
    let judged = 0;
    for (const entry of corpus) {
      const input = entry.files[entry.argv[0] ?? ''];
      if (!input) continue;
      let loaded;
      try {
        loaded = loadCertificates(input, entry.id);
      } catch (error) {
        if (!(error instanceof InputError))
          problems.push(`${entry.id}: load threw ${String(error)}`);
        continue;
      }
      const withFacts = [];
      for (const [index, { cert }] of loaded.entries()) {
        try {
          withFacts.push({ cert, facts: await extractFacts(cert, index) });
        } catch (error) {
          if (!(error instanceof Error) || error.name !== 'FactsError')
            problems.push(`${entry.id}: facts threw ${String(error)}`);
        }
      }
      const [leaf, ...rest] = withFacts.map((item) => item.facts);
      if (!leaf || withFacts.length !== loaded.length) continue;
      const signatures = await computeSignatureChecks(withFacts);
      // The huge cases (10,000 SANs, 200 certificates) are linear but slow: two hosts, one trust set.
      const huge =
        (leaf.san?.dns.length ?? 0) + (leaf.san?.ip.length ?? 0) > 100 || rest.length > 60;
      for (const profile of PROFILES) {
        for (const host of huge ? HOSTS.slice(1, 3) : HOSTS) {
          for (const roots of huge ? [rest] : [[leaf], rest, []]) {
            try {
              const verdict = profile.verify({
                leaf,
                intermediates: rest,
                roots,
                host,
                now: new Date('2020-06-01T00:00:00Z'),
                signatures,
              });
              if (!verdict.ok && typeof verdict.message !== 'string')
                problems.push(`${entry.id} ${profile.id} ${host}: a failure without a message`);
              judged++;
            } catch (error) {
              problems.push(`${entry.id} ${profile.id} ${JSON.stringify(host)}: ${String(error)}`);
            }
          }
        }
      }
    }
    expect(problems).toEqual([]);
    expect(judged).toBeGreaterThan(1000);
  });
});

describe('limits', () => {
  test('10,000 SANs: text lines stay readable, the JSON keeps the verbatim message', async () => {
    const entry = corpus.find((item) => item.id === 'sans-10000') as CorpusCase;
    const text = await runCase(entry.argv, entry.files);
    expect(text.code).toBe(1);
    const longest = Math.max(...text.stdout.split('\n').map((line) => line.length));
    expect(longest).toBeLessThan(600);
    // Wrapped to the width: compare the words.
    const words = text.stdout.replace(/\s+/g, ' ');
    expect(words).toMatch(/… \(\d+ more entries; the JSON report has the whole message\) …/);
    expect(words).toMatch(/DNS SANs +host-0\.example\.com, .*, … 9981 more …, host-9999/);

    const json = await runCase([...entry.argv, '--format', 'json'], entry.files);
    const report = JSON.parse(json.stdout) as {
      results: { client: string; name: string; message: string | null }[];
      certificate: { san: { dns: string[] } };
    };
    expect(report.certificate.san.dns).toHaveLength(10_000);
    const go = report.results.find(
      (result) => result.client === 'go' && result.name === 'kubernetes.default',
    );
    expect(go?.message?.startsWith('x509: certificate is valid for host-0.example.com, ')).toBe(
      true,
    );
    expect(go?.message?.endsWith(', host-9999.example.com, not kubernetes.default')).toBe(true);
    // 10,000 names joined by ', ', and ', not <host>' after them.
    expect(go?.message?.split(', ')).toHaveLength(10_001);
  });

  test('more certificates than the limit: refused by count, before any is parsed', async () => {
    const entry = corpus.find((item) => item.id === 'too-many-certificates') as CorpusCase;
    const outcome = await runCase(entry.argv, entry.files);
    expect(outcome.stderr).toBe(
      'diagnose: case.crt: holds 1001 certificates, more than the limit of 1000\n',
    );
  });

  test('--max-input-bytes is applied to every input', async () => {
    const entry = corpus.find((item) => item.id === 'chain-cycle') as CorpusCase;
    const size = (entry.files['ca.crt'] as Uint8Array).length;
    const outcome = await runCase(
      [...entry.argv, '--max-input-bytes', String(size - 1)],
      entry.files,
    );
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toMatch(
      new RegExp(`^diagnose: (case|ca)\\.crt: is \\d+ bytes, more than the limit of ${size - 1}`),
    );
  });
});
