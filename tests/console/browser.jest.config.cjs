module.exports = {
  displayName: '@tradepilot/console-e2e',
  preset: '../../jest.preset.js',
  // a flow of a dozen screens; a two-core machine shared with builds renders slowly
  testTimeout: 300_000,
  // a stack and a browser per file: one file at a time on a two-core machine
  maxWorkers: 1,
};
