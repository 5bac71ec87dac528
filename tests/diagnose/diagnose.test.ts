import { seedReport } from '../helpers/seed-report.js';

describe('diagnose', () => {
  test('the verdict is the primary client on the decisive names only', async () => {
    // go1.8 accepts the seed's own leaf as root; only the informational FQDN fails.
    const report = await seedReport(['go1.8', 'go1.5']);
    expect(report.verdict).toBe('pass');
    expect(report.results.filter((r) => !r.ok && r.client === 'go1.8').map((r) => r.name)).toEqual([
      'kubernetes.default.svc.cluster.local',
    ]);
    const failing = await seedReport(['go1.5', 'go1.8']);
    expect(failing.verdict).toBe('fail');
  });

  test('one result per client × name, in client then name order', async () => {
    const report = await seedReport(['go', 'openssl', 'node']);
    expect(report.results).toHaveLength(15);
    expect(report.results.map((r) => r.client)).toEqual([
      ...Array<string>(5).fill('go'),
      ...Array<string>(5).fill('openssl'),
      ...Array<string>(5).fill('node'),
    ]);
  });

  test('findings: errors first; a failure only the informational name hits is a warning', async () => {
    const report = await seedReport(['go1.5', 'go']);
    const codes = report.findings.map((f) => [f.code, f.severity]);
    expect(codes[0]).toEqual(['self-signed-not-ca', 'error']);
    expect(codes).toContainEqual(['name-not-in-sans', 'warning']);
    expect(codes).toContainEqual(['kube-generated-cn', 'info']);
    expect(codes).toContainEqual(['self-trust', 'info']);
    const severities = report.findings.map((f) => f.severity);
    expect([...severities].sort((a, b) => rank(a) - rank(b))).toEqual(severities);
  });

  test('each finding aggregates the clients and names it hit with their verbatim messages', async () => {
    const report = await seedReport(['go1.5', 'go1.4']);
    const notCa = report.findings.find((f) => f.code === 'self-signed-not-ca');
    // Every failure counts, not only the first: the FQDN fails its name check first and the
    // chain after it, so it is listed here too.
    expect(notCa?.detail).toMatchObject({
      clients: ['go1.5', 'go1.4'],
      names: [
        'kubernetes.default',
        '10.0.0.1',
        'kubernetes',
        'kubernetes.default.svc',
        'kubernetes.default.svc.cluster.local',
      ],
    });
    const messages = notCa?.detail && 'messages' in notCa.detail ? notCa.detail.messages : [];
    expect(messages).toHaveLength(1);
    expect(messages[0]?.clients).toEqual(['go1.5', 'go1.4']);
  });

  test('expiry is reported for every client when evaluated after NotAfter', async () => {
    const report = await seedReport(['go', 'openssl', 'node'], new Date('2020-01-01T00:00:00Z'));
    const first = report.results.filter((r) => r.name === 'kubernetes.default').map((r) => r.code);
    expect(first).toEqual(['expired', 'expired', 'expired']);
  });
});

describe('the signature-check budget', () => {
  test('pairs left unchecked are reported as a warning, with their count', async () => {
    const { certificatesFrom } = await import('../../src/inputs/index.js');
    const { computeSignatureChecks } = await import('../../src/verify/signatures.js');
    const { diagnose } = await import('../../src/diagnose/index.js');
    const { readFileSync } = await import('node:fs');
    const served = await certificatesFrom(readFileSync('fixtures/stale-ca/served.crt'), 'served');
    const ca = await certificatesFrom(readFileSync('fixtures/stale-ca/ca.crt'), 'ca');
    const run = async (budget: number) =>
      diagnose({
        source: 'served',
        certificates: served.map((entry) => entry.facts),
        roots: ca.map((entry) => entry.facts),
        names: [],
        clients: ['go'],
        heapster: null,
        now: new Date('2016-03-01T00:00:00Z'),
        signatures: await computeSignatureChecks([...served, ...ca], budget),
        toolVersion: 'test',
      });
    expect((await run(10)).findings.map((f) => f.code)).not.toContain('signature-budget');
    const starved = (await run(0)).findings.find((f) => f.code === 'signature-budget');
    expect(starved?.severity).toBe('warning');
    expect(starved?.detail).toMatchObject({ skipped: expect.any(Number) as number });
    expect((starved?.detail as { skipped: number }).skipped).toBeGreaterThan(0);
  });
});

function rank(severity: string): number {
  return ['error', 'warning', 'info'].indexOf(severity);
}
