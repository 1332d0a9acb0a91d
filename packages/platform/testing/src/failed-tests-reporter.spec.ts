import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './repo-root';

// the reporter is plain CommonJS (Jest loads reporters untransformed)
const FailedTestsReporter = require('../jest/failed-tests-reporter.cjs') as new (config: {
  rootDir: string;
}) => {
  onRunComplete(contexts: unknown, results: unknown): void;
};

const projectRoot = join(repoRoot(), 'packages/platform/testing');
const suite = (
  tests: { fullName: string; status: string; failureMessages: string[] }[],
  execError?: string,
) => ({
  testFilePath: join(projectRoot, 'src/plan.int-spec.ts'),
  testResults: tests,
  ...(execError ? { testExecError: { message: execError }, failureMessage: execError } : {}),
});

describe('the failed-tests reporter', () => {
  let infraDir: string;
  const before = process.env['TRADEPILOT_INFRA_DIR'];
  beforeEach(() => {
    infraDir = mkdtempSync(join(tmpdir(), 'failed-tests-'));
    process.env['TRADEPILOT_INFRA_DIR'] = infraDir;
  });
  afterEach(() => {
    if (before === undefined) delete process.env['TRADEPILOT_INFRA_DIR'];
    else process.env['TRADEPILOT_INFRA_DIR'] = before;
    rmSync(infraDir, { recursive: true, force: true });
  });
  const written = () => join(infraDir, 'test-failures', 'packages+platform+testing.txt');

  it("writes each failed test with its file and Jest's message, without colours or library frames", () => {
    new FailedTestsReporter({ rootDir: projectRoot }).onRunComplete([], {
      testResults: [
        suite([
          { fullName: 'plans a plan', status: 'passed', failureMessages: [] },
          {
            fullName: 'plans saves a draft',
            status: 'failed',
            failureMessages: [
              '\u001b[31mexpected 2\u001b[39m\n    at Object.<anonymous> (src/plan.int-spec.ts:3:22)\n    at run (/x/node_modules/jest-circus/build/a.js:1:1)',
            ],
          },
        ]),
        suite([], 'Cannot find module ./gone'),
      ],
    });
    expect(readFileSync(written(), 'utf8')).toBe(
      [
        '✕ packages/platform/testing/src/plan.int-spec.ts › plans saves a draft',
        'expected 2',
        '    at Object.<anonymous> (src/plan.int-spec.ts:3:22)',
        '',
        '✕ packages/platform/testing/src/plan.int-spec.ts (the file did not run)',
        'Cannot find module ./gone',
        '',
      ].join('\n'),
    );
  });

  it('removes what an earlier failing run of the project wrote once the project passes', () => {
    const reporter = new FailedTestsReporter({ rootDir: projectRoot });
    reporter.onRunComplete([], {
      testResults: [suite([{ fullName: 'plans', status: 'failed', failureMessages: ['boom'] }])],
    });
    expect(existsSync(written())).toBe(true);
    reporter.onRunComplete([], {
      testResults: [suite([{ fullName: 'plans', status: 'passed', failureMessages: [] }])],
    });
    expect(existsSync(written())).toBe(false);
  });
});
