module.exports = {
  displayName: '@tradepilot/compose-init',
  preset: '../../jest.preset.js',
};
