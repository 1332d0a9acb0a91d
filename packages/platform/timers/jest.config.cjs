module.exports = {
  displayName: '@tradepilot/timers',
  preset: '../../../jest.preset.js',
};
