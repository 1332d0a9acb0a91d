module.exports = {
  displayName: '@tradepilot/messaging',
  preset: '../../../jest.preset.js',
};
