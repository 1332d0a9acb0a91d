// A Jest reporter beside the default one: when a project's run has failures it writes them (the
// test's name, where it is, Jest's message) to <infra dir>/test-failures/, and `npm test` prints
// them again after Nx's summary. A failure deep inside a long, interleaved CI log, whose tail is
// often all a reader gets, otherwise names only the failed project.
// Plain CommonJS: Jest loads reporters without its transform.
const { existsSync, mkdirSync, rmSync, writeFileSync } = require('node:fs');
const { dirname, join, relative } = require('node:path');
const { stripVTControlCharacters } = require('node:util');

// a failure's message with its stack: enough lines to see the assertion and the test's own frame
const linesPerFailure = 40;

function repoRoot(from) {
  let dir = from;
  while (!existsSync(join(dir, 'nx.json'))) {
    const parent = dirname(dir);
    if (parent === dir) return from;
    dir = parent;
  }
  return dir;
}

/** Where the failures of the project rooted at `rootDir` are written (`npm test` reads the folder). */
function failuresFile(rootDir) {
  const root = repoRoot(rootDir);
  const dir = process.env.TRADEPILOT_INFRA_DIR ?? join(root, '.infra');
  const name = relative(root, rootDir).replace(/[\\/]/g, '+') || 'workspace';
  return join(dir, 'test-failures', `${name}.txt`);
}

// the test's own frames stay; Jest's and the libraries' are noise here
const firstLines = (text) =>
  stripVTControlCharacters(text)
    .split('\n')
    .filter((line) => !/^\s+at .*node_modules/.test(line))
    .slice(0, linesPerFailure)
    .join('\n');

class FailedTestsReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
  }

  onRunComplete(_contexts, results) {
    const file = failuresFile(this.rootDir);
    const parts = [];
    for (const suite of results.testResults) {
      const where = relative(repoRoot(this.rootDir), suite.testFilePath);
      if (suite.testExecError) {
        parts.push(
          `✕ ${where} (the file did not run)\n${firstLines(suite.failureMessage ?? suite.testExecError.message)}`,
        );
      }
      for (const test of suite.testResults) {
        if (test.status !== 'failed') continue;
        parts.push(`✕ ${where} › ${test.fullName}\n${firstLines(test.failureMessages.join('\n'))}`);
      }
    }
    if (parts.length === 0) {
      rmSync(file, { force: true });
      return;
    }
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${parts.join('\n\n')}\n`);
  }
}

module.exports = FailedTestsReporter;
