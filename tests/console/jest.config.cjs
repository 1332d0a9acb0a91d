module.exports = {
  displayName: '@tradepilot/console-e2e',
  preset: '../../jest.preset.js',
  // a flow of a dozen screens on a two-core machine that runs the rest of the suite beside it
  testTimeout: 180_000,
  // one stack and one browser for every flow of a file: one file at a time
  maxWorkers: 1,
};
