module.exports = {
  displayName: '@tradepilot/e2e',
  preset: '../../jest.preset.js',
  testTimeout: 120_000,
  // every file starts its own processes: two at a time suit a two-core machine
  maxWorkers: 2,
};
