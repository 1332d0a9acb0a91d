module.exports = {
  displayName: '@tradepilot/infra',
  preset: '../jest.preset.js',
  testMatch: ['<rootDir>/tests/**/*.spec.ts', '<rootDir>/tests/**/*.int-spec.ts'],
  testTimeout: 240_000,
};
