import { readFileSync } from 'node:fs';
import { marked, type Tokens } from 'marked';
import { run } from '../../src/cli/run.js';
import type { Report } from '../../src/report/report.js';
import { redactReport } from '../../src/render/redact.js';
import { fakeIo } from '../helpers/fake-io.js';

const files = {
  'apiserver.crt': readFileSync('fixtures/seed/apiserver.crt', 'utf8'),
  'dns.crt': readFileSync('fixtures/dns-name-missing/apiserver.crt', 'utf8'),
  'ca.crt': readFileSync('fixtures/dns-name-missing/ca.crt', 'utf8'),
};
const SEED = [
  'apiserver.crt',
  '--heapster-version',
  'v0.18',
  '--client',
  'all',
  '--at',
  '2015-11-04T12:00:00Z',
];

async function output(args: string[]): Promise<string> {
  const io = fakeIo(files);
  await run(args, io);
  expect(io.err()).toBe('');
  return io.out();
}

function tables(markdown: string): Tokens.Table[] {
  return marked.lexer(markdown).filter((token): token is Tokens.Table => token.type === 'table');
}

describe('--format markdown', () => {
  test('GFM tables with a cell for every column: names × clients, then certificate facts', async () => {
    const md = await output([...SEED, '--format', 'markdown']);
    const [matrix, facts] = tables(md);
    expect(matrix?.header.map((cell) => cell.text)).toEqual([
      'Name',
      'Dialled by',
      '`go1.5`',
      '`go1.23`',
      '`go`',
      '`go1.15`',
      '`go1.14`',
      '`go1.11`',
      '`go1.10`',
      '`go1.8`',
      '`go1.4`',
      '`openssl`',
      '`node`',
    ]);
    expect(matrix?.rows).toHaveLength(5);
    for (const row of matrix?.rows ?? []) expect(row).toHaveLength(13);
    const cn = facts?.rows.find((row) => row[0]?.text === 'Common Name');
    expect(cn?.[1]?.text).toBe('`vm-56-65@1446612345` (not used for hostname checks)');
  });

  test('summary first, findings with fixes, raw answers in a <details> block', async () => {
    const md = await output([...SEED, '--format', 'markdown']);
    expect(md.split('\n')[2]).toMatch(
      /^\*\*FAIL\*\* — Heapster v0\.18 .* rejects `kubernetes\.default`, `10\.0\.0\.1`\./,
    );
    expect(md).toContain('**Fix:** Upgrade the apiserver');
    const html = marked.parse(md) as string;
    expect(html).toMatch(/<details>\s*<summary>Raw answers of every client<\/summary>/);
    const raw = /```json\n([\s\S]*?)\n```/.exec(md)?.[1] ?? '';
    expect((JSON.parse(raw) as { results: unknown[] }).results).toHaveLength(55);
  });

  test('deterministic with --at', async () => {
    expect(await output([...SEED, '--format', 'markdown'])).toBe(
      await output([...SEED, '--format', 'markdown']),
    );
  });
});

describe('--redact', () => {
  test('host names, IPs, serials and fingerprints become placeholders, consistently', async () => {
    const args = [
      'dns.crt',
      '--ca',
      'ca.crt',
      '--name',
      'master4.example.com',
      '--name',
      '10.0.0.1',
      '--at',
      '2015-11-04T12:00:00Z',
    ];
    const plain = JSON.parse(await output([...args, '--format', 'json'])) as Report;
    const redacted = JSON.parse(await output([...args, '--format', 'json', '--redact'])) as Report;
    const text = JSON.stringify(redacted);
    expect(text).not.toContain('master4.example.com');
    expect(text).not.toContain('10.0.0.1');
    expect(text).not.toContain(plain.certificate.fingerprintSha256);
    expect(redacted.names.map((name) => name.name)).toEqual(['host-1.example', '192.0.2.1']);
    expect(redacted.certificate.san?.dns).toEqual(['host-1.example']);
    expect(redacted.certificate.san?.ip.map((ip) => ip.text)).toEqual(['192.0.2.1']);
    expect(redacted.certificate.serialHex).toBe(redacted.certificate.serialDecimal);
    // The verdicts do not change, only the words.
    expect(redacted.results.map((r) => [r.ok, r.code])).toEqual(
      plain.results.map((r) => [r.ok, r.code]),
    );
  });

  test('same input, same placeholders; in-cluster names stay', async () => {
    const report = JSON.parse(await output([...SEED, '--format', 'json'])) as Report;
    const once = JSON.stringify(redactReport(report));
    expect(JSON.stringify(redactReport(report))).toBe(once);
    expect(once).toContain('kubernetes.default');
    expect(once).not.toContain('vm-56-65');
    expect(once).toContain('host-1.example@1446612345');
  });

  test('addresses inside the dialled-by words are redacted with the rest', async () => {
    const report = JSON.parse(await output([...SEED, '--format', 'json'])) as Report;
    const redacted = JSON.stringify(redactReport(report));
    expect(report.names[1]?.dialledBy).toContain('10.0.0.0/24');
    expect(redacted).not.toMatch(/\b10\.0\.0\.\d+/);
  });

  test('markdown and text take --redact too', async () => {
    for (const format of ['markdown', 'text']) {
      const out = await output([...SEED, '--format', format, '--redact']);
      expect(out).not.toMatch(/vm-56-65|10\.10\.56\.65/);
    }
  });
});
