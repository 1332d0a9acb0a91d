module.exports = {
  displayName: '@tradepilot/local-stack',
  preset: '../../../jest.preset.js',
};
