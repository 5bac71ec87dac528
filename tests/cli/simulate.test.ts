import { marked } from 'marked';
import { run } from '../../src/cli/run.js';
import type { RestartSimulation } from '../../src/generate/restart.js';
import { planRestarts } from '../../src/generate/restart.js';
import { fakeIo } from '../helpers/fake-io.js';

async function simulate(args: string[]): Promise<{ code: number; sim: RestartSimulation }> {
  const io = fakeIo();
  const code = await run(['simulate-restart', ...args, '--format', 'json'], io);
  expect(io.err()).toBe('');
  return { code, sim: JSON.parse(io.out()) as RestartSimulation };
}

describe('planRestarts: when each era regenerates', () => {
  const start = new Date('2015-11-04T04:45:45Z');
  test('up to 1.2 every start regenerates, one hour apart', () => {
    const plan = planRestarts({
      regenerates: 'every-start',
      restarts: 2,
      loseCertDir: false,
      start,
    });
    expect(plan.map((s) => [s.at.toISOString(), s.regenerates])).toEqual([
      ['2015-11-04T04:45:45.000Z', true],
      ['2015-11-04T05:45:45.000Z', true],
      ['2015-11-04T06:45:45.000Z', true],
    ]);
  });
  test('from 1.3 only a lost cert dir regenerates', () => {
    const kept = planRestarts({
      regenerates: 'when-missing',
      restarts: 2,
      loseCertDir: false,
      start,
    });
    const lost = planRestarts({
      regenerates: 'when-missing',
      restarts: 2,
      loseCertDir: true,
      start,
    });
    expect(kept.map((s) => s.regenerates)).toEqual([true, false, false]);
    expect(lost.map((s) => s.regenerates)).toEqual([true, true, true]);
  });
});

describe('diagnose simulate-restart', () => {
  test('1.2: each restart changes CN and key, keeps the SANs, and ca.crt stops verifying', async () => {
    const { code, sim } = await simulate([
      '--k8s-version',
      '1.2',
      '--restarts',
      '2',
      '--at',
      '1446612345',
    ]);
    expect(code).toBe(1);
    expect(sim.steps.map((step) => step.commonName)).toEqual([
      'vm-56-65@1446612345',
      'vm-56-65@1446615945',
      'vm-56-65@1446619545',
    ]);
    expect(new Set(sim.steps.map((step) => step.keySha256)).size).toBe(3);
    expect(sim.steps.every((step) => step.sameSans)).toBe(true);
    expect(sim.steps[0]?.answers.every((answer) => answer.ok)).toBe(true);
    for (const step of sim.steps.slice(1)) {
      expect(step.sameAsCaCrt).toBe(false);
      const go = step.answers.filter((answer) => answer.client === 'go');
      expect(go.map((answer) => answer.message)).toEqual([
        'x509: certificate signed by unknown authority',
        'x509: certificate signed by unknown authority',
      ]);
    }
    expect(sim.failureCodes).toContain('unknown-authority');
    expect(sim.failureCodes.some((c) => c.includes('san') || c.includes('cn'))).toBe(false);
  });

  test('1.6 keeps its files across restarts unless the cert dir is lost', async () => {
    const kept = await simulate(['--k8s-version', '1.6', '--restarts', '2', '--at', '1500000000']);
    expect(kept.code).toBe(0);
    expect(kept.sim.steps.every((step) => step.sameAsCaCrt)).toBe(true);
    const lost = await simulate([
      '--k8s-version',
      '1.6',
      '--restarts',
      '1',
      '--lose-cert-dir',
      '--at',
      '1500000000',
    ]);
    expect(lost.code).toBe(1);
    expect(lost.sim.steps[1]?.sameAsCaCrt).toBe(false);
  });

  test('text names the cause; markdown has a valid table with one column per client', async () => {
    const args = [
      'simulate-restart',
      '--k8s-version',
      '1.2',
      '--restarts',
      '1',
      '--at',
      '1446612345',
    ];
    const text = fakeIo();
    await run(args, text);
    expect(text.out().replace(/\s+/g, ' ')).toContain(
      'The trust anchor went stale, not the hostname.',
    );
    const md = fakeIo();
    await run([...args, '--format', 'markdown'], md);
    const table = marked.lexer(md.out()).find((token) => token.type === 'table') as
      { header: unknown[]; rows: unknown[][] } | undefined;
    expect(table?.header).toHaveLength(5 + 4);
    expect(table?.rows).toHaveLength(2);
    for (const row of table?.rows ?? []) expect(row).toHaveLength(9);
  });

  test('bad --restarts is a usage error', async () => {
    const io = fakeIo();
    expect(await run(['simulate-restart', '--k8s-version', '1.2', '--restarts', '-1'], io)).toBe(2);
    expect(io.err()).toMatch(/--restarts/);
  });
});
