module.exports = {
  displayName: '@tradepilot/telemetry',
  preset: '../../../jest.preset.js',
};
