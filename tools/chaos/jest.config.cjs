module.exports = {
  displayName: '@tradepilot/chaos',
  preset: '../../jest.preset.js',
  // the short run: five faults under load, then the audit
  testTimeout: 600_000,
};
