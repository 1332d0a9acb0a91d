module.exports = {
  displayName: '@tradepilot/attachments',
  preset: '../../../jest.preset.js',
};
