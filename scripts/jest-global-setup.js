// jest globalSetup: one fresh directory per run for the shared test keys
// (tests/helpers/key-pool.ts). Workers inherit the variable; teardown removes the directory.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup() {
  process.env.KUBE_TLS_DOCTOR_TEST_KEYS = mkdtempSync(join(tmpdir(), 'kube-tls-doctor-test-keys-'));
}
