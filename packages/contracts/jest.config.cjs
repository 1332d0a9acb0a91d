module.exports = {
  displayName: '@tradepilot/contracts',
  preset: '../../jest.preset.js',
};
