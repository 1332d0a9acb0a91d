module.exports = {
  displayName: '@tradepilot/practices',
  preset: '../../jest.preset.js',
};
