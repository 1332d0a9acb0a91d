module.exports = {
  displayName: '@tradepilot/testing',
  preset: '../../../jest.preset.js',
  globalSetup: '<rootDir>/src/global-setup.ts',
};
