module.exports = {
  displayName: '@tradepilot/messaging',
  preset: '../../../jest.preset.js',
  // the outage files spend most of their time waiting on a dead broker or database: two at once
  maxWorkers: 2,
};
