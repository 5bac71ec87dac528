// jest globalTeardown: removes this run's test-key directory (scripts/jest-global-setup.js).
import { rmSync } from 'node:fs';

export default function teardown() {
  const dir = process.env.KUBE_TLS_DOCTOR_TEST_KEYS;
  if (dir) rmSync(dir, { recursive: true, force: true });
}
