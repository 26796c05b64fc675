// Integration, e2e and browser specs: real MariaDB (a database per Jest worker) and Redis.
const preset = require('../jest.preset.js');

module.exports = {
  ...preset,
  displayName: 'integration',
  rootDir: '..',
  roots: ['<rootDir>/test'],
  testMatch: ['<rootDir>/test/**/*.spec.ts'],
  // Real pabulib data from beside the repository: npm run test:conformance.
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/conformance/'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  setupFiles: ['reflect-metadata', '<rootDir>/test/support/worker-env.ts'],
  maxWorkers: 2,
  testTimeout: 60_000,
  forceExit: false,
};
