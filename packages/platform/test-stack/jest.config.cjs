module.exports = {
  displayName: '@tradepilot/test-stack',
  preset: '../../../jest.preset.js',
};
