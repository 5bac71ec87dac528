/** @type {import('jest').Config} */
export default {
  preset: 'ts-jest/presets/default-esm',
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  setupFiles: ['reflect-metadata'],
  globalSetup: '<rootDir>/scripts/jest-global-setup.js',
  globalTeardown: '<rootDir>/scripts/jest-global-teardown.js',
  moduleNameMapper: {
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json', diagnostics: false }],
  },
  testTimeout: 120000,
  // jest's default is one worker fewer than the cores: one worker on a 2-core machine. Many
  // suites wait on real verifiers and the built bin (child processes), so one worker per
  // core keeps both cores busy.
  maxWorkers: '100%',
  reporters: ['default', '<rootDir>/scripts/jest-summary-reporter.js'],
};
