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
  // A worker exits on its own once its event loop drains, and jest kills it if that takes
  // longer than this (default 500 ms) with "a worker process has failed to exit gracefully".
  // The suites leave nothing running — servers closed, children awaited, timers cleared or
  // unref'd: each worker's loop drains within a tenth of a second of jest's end message — but
  // under --experimental-vm-modules every test file's modules stay in the worker's heap
  // (150–250 MB by the last file), and freeing that heap after the 'exit' event takes
  // ~200 ms on a quiet 2-core machine, past 500 ms on a loaded one. A leaked handle still
  // shows as that warning, five seconds later.
  workerGracefulExitTimeout: 5000,
  reporters: ['default', '<rootDir>/scripts/jest-summary-reporter.js'],
};
