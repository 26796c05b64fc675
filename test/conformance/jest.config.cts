// The real-data conformance suite (npm run test:conformance): pabulib elections beside the repository.
const preset = require('../../jest.preset.js');

module.exports = {
  ...preset,
  displayName: 'conformance',
  rootDir: '../..',
  roots: ['<rootDir>/test/conformance'],
  testMatch: ['<rootDir>/test/conformance/**/*.spec.ts'],
};
