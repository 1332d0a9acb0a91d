module.exports = {
  displayName: '@tradepilot/supervision',
  preset: '../../jest.preset.js',
};
