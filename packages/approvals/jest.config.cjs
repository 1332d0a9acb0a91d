module.exports = {
  displayName: '@tradepilot/approvals',
  preset: '../../jest.preset.js',
  // integration files wait on events and timers more than they compute
  maxWorkers: 2,
};
