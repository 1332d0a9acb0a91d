module.exports = {
  displayName: '@tradepilot/console',
  preset: '../../jest.preset.js',
  // checks of the sources and of the built bundle: no infrastructure to start
  globalSetup: undefined,
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
};
