/** The seed fixture diagnosed in-process, for renderer and diagnose tests. */
import { readFileSync } from 'node:fs';
import { diagnose } from '../../src/diagnose/index.js';
import type { Report } from '../../src/report/report.js';
import { certificatesFrom } from '../../src/inputs/index.js';
import { defaultNames } from '../../src/names/defaults.js';
import { computeSignatureChecks } from '../../src/verify/signatures.js';
import type { ClientId } from '../../src/verify/types.js';

export const SEED_TIME = new Date('2015-11-04T12:00:00Z');

export async function seedReport(clients: readonly ClientId[], now = SEED_TIME): Promise<Report> {
  const certificates = await certificatesFrom(
    readFileSync('fixtures/seed/apiserver.crt'),
    'apiserver.crt',
  );
  return diagnose({
    source: 'apiserver.crt',
    certificates: certificates.map((entry) => entry.facts),
    roots: null,
    names: defaultNames({}),
    clients,
    heapster: null,
    now,
    signatures: await computeSignatureChecks(certificates),
    toolVersion: '0.0.0-test',
  });
}
