module.exports = {
  displayName: '@tradepilot/testing',
  preset: '../../../jest.preset.js',
};
