module.exports = {
  displayName: '@tradepilot/workspace',
  preset: '../../jest.preset.js',
  // the templates are not tests of this project
  testPathIgnorePatterns: ['/files/'],
};
