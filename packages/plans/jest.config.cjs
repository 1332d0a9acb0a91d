module.exports = {
  displayName: '@tradepilot/plans',
  preset: '../../jest.preset.js',
};
