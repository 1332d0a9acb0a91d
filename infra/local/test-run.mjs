#!/usr/bin/env node
// `npm test`: lint, type-check and every test of every project (`nx run-many`, extra arguments passed
// on), then, when any test failed, each failure again at the very end (the Jest reporter
// packages/platform/testing/jest/failed-tests-reporter.cjs wrote them), so the tail of a long CI log
// says which test failed and why, not only which project.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const failures = join(process.env.TRADEPILOT_INFRA_DIR ?? join(root, '.infra'), 'test-failures');
rmSync(failures, { recursive: true, force: true });

const nx = join(root, 'node_modules/.bin/nx');
const run = spawnSync(
  nx,
  ['run-many', '-t', 'lint', 'typecheck', 'test', '--outputStyle=stream', ...process.argv.slice(2)],
  { cwd: root, stdio: 'inherit' },
);
if (run.error) throw run.error;

const written = existsSync(failures)
  ? readdirSync(failures)
      .filter((f) => f.endsWith('.txt'))
      .sort()
  : [];
if (written.length > 0) {
  process.stdout.write('\n== failed tests (as Jest reported them above)\n');
  for (const file of written) {
    process.stdout.write(`\n-- ${file.replace(/\.txt$/, '').replace(/\+/g, '/')}\n`);
    process.stdout.write(readFileSync(join(failures, file), 'utf8'));
  }
}
process.exit(run.status ?? 1);
