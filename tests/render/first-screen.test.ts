/**
 * The answer above the fold: at 80 columns the verdict, the cause and the fix are within
 * the first 20 terminal rows, for the seed story and for a stale ca.crt.
 */
import { readFileSync } from 'node:fs';
import { run } from '../../src/cli/run.js';
import { visibleLength } from '../../src/render/format.js';
import { fakeIo } from '../helpers/fake-io.js';

const files = {
  'fixtures/seed/apiserver.crt': readFileSync('fixtures/seed/apiserver.crt'),
  'fixtures/stale-ca/served.crt': readFileSync('fixtures/stale-ca/served.crt'),
  'fixtures/stale-ca/ca.crt': readFileSync('fixtures/stale-ca/ca.crt'),
};

/** Terminal rows each line takes at `columns` (a line longer than the screen wraps). */
function rows(text: string, columns = 80): string[] {
  return text
    .replace(/\n$/, '')
    .split('\n')
    .flatMap((line) => {
      const count = Math.max(1, Math.ceil(visibleLength(line) / columns));
      return Array.from({ length: count }, (_, index) => (index === 0 ? line : ''));
    });
}

async function diagnose(args: string[], env: Record<string, string> = {}) {
  const io = fakeIo(files, { env });
  const code = await run(args, io);
  expect(io.err()).toBe('');
  return { code, out: io.out() };
}

const SEED = [
  'fixtures/seed/apiserver.crt',
  '--heapster-version',
  'v0.18',
  '--client',
  'heapster',
  '--client',
  'go',
  '--at',
  '2015-11-04T12:00:00Z',
];
const STALE = [
  'fixtures/stale-ca/served.crt',
  '--ca',
  'fixtures/stale-ca/ca.crt',
  '--at',
  '2016-03-01T00:00:00Z',
];

describe('the first screen at 80 columns', () => {
  test('the seed: verdict, the not-a-CA cause, the client words and the fix in 20 rows', async () => {
    const { code, out } = await diagnose(SEED);
    expect(code).toBe(1);
    const screen = rows(out).slice(0, 20).join('\n');
    expect(screen).toMatch(
      /^FAIL {2}fixtures\/seed\/apiserver\.crt — Heapster v0\.18 .*\n.*rejects kubernetes\.default, 10\.0\.0\.1/,
    );
    expect(screen).toContain('Cause: The trusted certificate is not allowed to sign');
    expect(screen).toContain('(self-signed-not-ca)');
    expect(screen).toContain('x509: certificate signed by unknown authority');
    expect(screen).toContain('Fix: Upgrade the apiserver');
    expect(screen).toContain('Heapster built with Go 1.8+');
  });

  test('a stale ca.crt: the stale-CA cause with both certificates named, and its fix, in 20 rows', async () => {
    const { code, out } = await diagnose(STALE);
    expect(code).toBe(1);
    const screen = rows(out).slice(0, 20).join('\n');
    expect(screen).toMatch(/^FAIL {2}fixtures\/stale-ca\/served\.crt/);
    expect(screen).toContain('Cause: Stale ca.crt');
    expect(screen).toContain('your ca.crt holds vm-56-65@1446612345');
    expect(screen).toContain('vm-56-65@1446699999');
    expect(screen).toContain('Fix: Keep the certificate stable');
    // The fix is whole: its last words are on the first screen too.
    expect(screen).toContain('at start.');
  });

  test('no line is wider than 80 columns unless it is one unbreakable token', async () => {
    for (const args of [SEED, STALE]) {
      const { out } = await diagnose(args);
      for (const line of out.split('\n')) {
        if (visibleLength(line) <= 80) continue;
        // Matrix rows are not wrapped; anything else over the width is a single long token.
        expect(line.trim().split(/\s+/).at(-1)?.length ?? 0).toBeGreaterThan(40);
      }
    }
  });

  test('identical messages are shown once for all the names that share them', async () => {
    const { out } = await diagnose(SEED);
    const names = out.slice(out.indexOf('Names, as go1.5 answers'), out.indexOf('Clients × names'));
    expect(names).toContain('(the same for 4 names)');
    expect(names.match(/x509: certificate signed by unknown authority/g)).toHaveLength(1);
  });

  test('COLUMNS widens the wrap when not on a terminal; a terminal gives its own width', async () => {
    const wide = await diagnose(STALE, { COLUMNS: '200' });
    expect(wide.out.split('\n')[0]).toBe(
      'FAIL  fixtures/stale-ca/served.crt — Heapster v1.6 (go1.8, profile go1.8) rejects kubernetes.default, 10.0.0.1',
    );
    const io = { ...fakeIo(files, { tty: true }), terminalColumns: () => 60 };
    await run([...STALE, '--no-color'], io);
    for (const line of io.out().split('\n')) {
      if (visibleLength(line) > 60) expect(line.trim().split(/\s+/).at(-1)?.length).toBe(64);
    }
  });

  test('--quiet prints the verdict line only; --summary the first screen only', async () => {
    const quiet = await diagnose([...STALE, '--quiet']);
    expect(quiet.code).toBe(1);
    expect(quiet.out).toBe(
      'FAIL  fixtures/stale-ca/served.crt — Heapster v1.6 (go1.8, profile go1.8) rejects kubernetes.default, 10.0.0.1\n',
    );
    const summary = await diagnose([...STALE, '--summary']);
    expect(summary.out).toContain('Fix: Keep the certificate stable');
    expect(summary.out).not.toContain('Certificate\n');
    expect(summary.out).not.toContain('Findings');
    expect(rows(summary.out).length).toBeLessThanOrEqual(20);
  });
});
