// Unit tests: pure logic only, no I/O. Beside the code as *.spec.ts.
module.exports = {
  ...require('./jest.preset'),
  displayName: 'unit',
  testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/services/**/*.spec.ts', '<rootDir>/scripts/**/*.spec.ts'],
};
