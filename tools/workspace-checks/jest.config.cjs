module.exports = {
  displayName: '@tradepilot/workspace-checks',
  preset: '../../jest.preset.js',
};
