module.exports = {
  displayName: '@tradepilot/tenancy',
  preset: '../../../jest.preset.js',
};
