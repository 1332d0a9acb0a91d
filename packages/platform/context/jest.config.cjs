module.exports = {
  displayName: '@tradepilot/context',
  preset: '../../../jest.preset.js',
};
