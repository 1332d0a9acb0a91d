module.exports = {
  displayName: '@tradepilot/service-kit',
  preset: '../../../jest.preset.js',
  // the broker-outage file mostly waits on its broker: the others run beside it
  maxWorkers: 2,
};
