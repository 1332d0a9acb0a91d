module.exports = {
  displayName: '@tradepilot/console-e2e',
  preset: '../../jest.preset.js',
  testTimeout: 180_000,
  // a stack and a browser per file: one file at a time on a two-core machine
  maxWorkers: 1,
};
