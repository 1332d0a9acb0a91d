// Shared Jest settings: SWC transforms TypeScript; workspace packages resolve to their sources
// through the "@tradepilot/source" export condition, so tests never need a build first.
const swcConfig = {
  swcrc: false,
  jsc: {
    target: 'es2022',
    parser: { syntax: 'typescript', decorators: false, dynamicImport: true },
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};

module.exports = {
  // every test run makes sure the local Kafka, FerretDB and Jaeger answer (starting them if not)
  globalSetup: require('node:path').join(__dirname, 'packages/platform/testing/src/global-setup.ts'),
  // the default output, and each failure written where `npm test` prints it again after Nx's summary
  reporters: [
    'default',
    require('node:path').join(__dirname, 'packages/platform/testing/jest/failed-tests-reporter.cjs'),
  ],
  testEnvironment: 'node',
  // each wait in a test is a bounded poll with its own limit; the test's timeout only catches a
  // hang, and must not cut a poll short on a CI machine at load 20+ (as 30 s did)
  testTimeout: 120_000,
  testEnvironmentOptions: {
    customExportConditions: ['@tradepilot/source', 'node', 'require', 'default'],
  },
  transform: { '^.+\\.[cm]?[tj]s$': ['@swc/jest', swcConfig] },
  // jose ships ES modules only; SWC turns them into CommonJS for Jest
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/src/**/*.int-spec.ts'],
  coverageDirectory: 'test-output/jest/coverage',
};
