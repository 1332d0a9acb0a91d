module.exports = {
  displayName: '@tradepilot/approvals',
  preset: '../../jest.preset.js',
};
