/**
 * The signature-check budget (src/verify/signatures.ts): a bundle built so that every
 * certificate could have signed every other costs at most the budget, duplicates cost
 * nothing, and what is left unchecked is counted, not silently trusted.
 */
import { computeSignatureChecks, DEFAULT_SIGNATURE_BUDGET } from '../../src/verify/signatures.js';
import { makeCert, testKey, type MadeCert } from '../helpers/certs.js';

const NOW = new Date('2020-01-01T00:00:00Z');
const LATER = new Date('2030-01-01T00:00:00Z');

async function sameName(count: number): Promise<MadeCert[]> {
  const key = await testKey('budget');
  return Promise.all(
    Array.from({ length: count }, (_, i) =>
      makeCert(
        {
          subject: 'CN=same',
          serialHex: (0x100 + i).toString(16),
          notBefore: NOW,
          notAfter: LATER,
          basicConstraints: { ca: true },
        },
        key,
      ),
    ),
  );
}

const entries = (certs: readonly MadeCert[]) => certs.map((made) => made.read);

test('30 same-name certificates under one key: 30 children, one key each → 30 checks, no more', async () => {
  const certs = await sameName(30);
  // The parents all share one key, so each child needs one check whatever the parent.
  const checks = await computeSignatureChecks(entries(certs), 30);
  expect(checks.skipped).toBe(0);
  const [a, b] = certs;
  expect(checks.verifies(a!.facts, b!.facts)).toBe(true);
});

test('a budget smaller than the work: the rest is counted and fails closed', async () => {
  const certs = await sameName(30);
  const checks = await computeSignatureChecks(entries(certs), 10);
  expect(checks.skipped).toBe(20);
  const verified = certs.filter((child) => checks.verifies(child.facts, certs[0]!.facts));
  expect(verified).toHaveLength(10);
});

test('many copies of one certificate cost one check', async () => {
  const [only] = await sameName(1);
  const checks = await computeSignatureChecks(entries(Array.from({ length: 500 }, () => only!)), 1);
  expect(checks.skipped).toBe(0);
  expect(checks.verifies(only!.facts, only!.facts)).toBe(true);
});

test('distinct keys under one name: the pairs grow quadratically, the checks stop at the budget', async () => {
  const keys = await Promise.all(Array.from({ length: 12 }, (_, i) => testKey(`budget-${i}`)));
  const certs = await Promise.all(
    keys.map((key, i) =>
      makeCert(
        {
          subject: 'CN=crowd',
          serialHex: (0x200 + i).toString(16),
          notBefore: NOW,
          notAfter: LATER,
        },
        key,
      ),
    ),
  );
  const full = await computeSignatureChecks(entries(certs));
  expect(full.skipped).toBe(0); // 144 pairs, well under the default
  expect(DEFAULT_SIGNATURE_BUDGET).toBeGreaterThanOrEqual(144);
  const bounded = await computeSignatureChecks(entries(certs), 50);
  expect(bounded.skipped).toBe(144 - 50);
});
