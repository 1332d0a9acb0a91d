module.exports = {
  displayName: '@tradepilot/service-kit',
  preset: '../../../jest.preset.js',
};
