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
  // Generous: on a host that slows down (seen at 3× during a session) the heaviest tests, such as the
  // residents' vote with argon2 codes and the reference equal-shares search, ran past 60 s.
  testTimeout: 150_000,
  forceExit: false,
};
