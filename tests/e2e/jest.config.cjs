module.exports = {
  displayName: '@tradepilot/e2e',
  preset: '../../jest.preset.js',
  // a generated suite runs thousands of calls in one test: on a loaded CI machine over 120 s
  testTimeout: 300_000,
  // every file starts its own processes: two at a time suit a two-core machine
  maxWorkers: 2,
};
