module.exports = {
  displayName: '@tradepilot/gateway',
  preset: '../../jest.preset.js',
};
