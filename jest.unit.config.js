// The fast tier (npm run test:unit) for the edit-test loop: the whole suite but the real
// verifiers, the built bin and the heavy randomised and corpus runs. `npm test` runs all.
import base from './jest.config.js';

// Read by tests/oracle/require.ts: tests needing an oracle or the built bin are skipped.
process.env.KUBE_TLS_DOCTOR_ORACLES = 'off';

/** @type {import('jest').Config} */
export default {
  ...base,
  testPathIgnorePatterns: [
    '/node_modules/',
    '<rootDir>/tests/differential/',
    '<rootDir>/tests/e2e/',
    '<rootDir>/tests/live/',
    '<rootDir>/tests/robustness/',
    '\\.fuzz\\.test\\.ts$',
    '\\.property\\.test\\.ts$',
  ],
};
