/**
 * The process boundary of the built bin (src/cli/main.ts): a reader that goes away ends
 * the run quietly with exit 0 (`diagnose batch … | head -1`), and a slow reader is waited
 * for rather than buffered (Io.drained).
 */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const built = existsSync('dist/cli.cjs');
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kube-tls-doctor-pipe-'));
  mkdirSync(join(dir, 'many'));
  for (let i = 0; i < 2000; i++)
    copyFileSync(
      'fixtures/seed/apiserver.crt',
      join(dir, 'many', `c${String(i).padStart(4, '0')}.crt`),
    );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the bin, closes its stdout after the first chunk, and returns how it ended. */
function closedEarly(
  args: string[],
): Promise<{ code: number | null; stderr: string; signal: string | null }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/diagnose.js', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    child.on('close', (code, signal) => resolve({ code, stderr, signal }));
  });
}

(built ? describe : describe.skip)('a closed reader', () => {
  test.each([['text'], ['jsonl']])(
    'batch --format %s | head -1: exit 0, nothing on stderr',
    async (format) => {
      const ended = await closedEarly([
        'batch',
        join(dir, 'many'),
        '--format',
        format,
        '--at',
        '2015-11-04T12:00:00Z',
      ]);
      expect(ended.stderr).toBe('');
      expect(ended.signal).toBeNull();
      expect(ended.code).toBe(0);
    },
    60_000,
  );
});
