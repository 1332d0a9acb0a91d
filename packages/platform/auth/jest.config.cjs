module.exports = {
  displayName: '@tradepilot/auth',
  preset: '../../../jest.preset.js',
};
