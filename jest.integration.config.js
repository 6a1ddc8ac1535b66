// Integration and end-to-end tests against the real PostgreSQL and Kafka (see test/setup).
module.exports = {
  ...require('./jest.preset'),
  displayName: 'integration',
  testMatch: ['<rootDir>/libs/**/*.int-spec.ts', '<rootDir>/services/**/*.int-spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
  globalSetup: '<rootDir>/test/setup/global-setup.mjs',
  globalTeardown: '<rootDir>/test/setup/global-teardown.mjs',
  testTimeout: 60000,
  maxWorkers: 1,
  // Kafka clients keep sockets and retry timers briefly after disconnect; don't let them hold the run.
  forceExit: true,
};
