module.exports = {
  displayName: '@tradepilot/bench',
  preset: '../../jest.preset.js',
};
