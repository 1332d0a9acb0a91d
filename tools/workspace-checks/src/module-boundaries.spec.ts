import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '../../..');

/**
 * Lints `code` with the workspace's own ESLint and configuration, as if it were the file `path`
 * (the same command `nx lint` runs); returns the rules that fired.
 */
function firedRules(path: string, code: string): string[] {
  const run = spawnSync(
    join(root, 'node_modules/.bin/eslint'),
    ['--stdin', '--stdin-filename', join(root, path), '--format', 'json'],
    { cwd: root, input: code, encoding: 'utf8', env: { ...process.env, NX_DAEMON: 'false' } },
  );
  if (!run.stdout) throw new Error(`eslint produced no report: ${run.stderr}`);
  const [result] = JSON.parse(run.stdout) as { messages: { ruleId: string | null; message: string }[] }[];
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('module boundaries (DESIGN.md: services never import each other)', () => {
  it('a service package importing another service package fails lint', () => {
    const rules = firedRules(
      'packages/plans/src/boundary-probe.ts',
      "import { approvalsService } from '@tradepilot/approvals';\nexport const probe = approvalsService;\n",
    );
    expect(rules).toContain('@nx/enforce-module-boundaries');
  });

  it('a platform package importing a service package fails lint', () => {
    const rules = firedRules(
      'packages/platform/messaging/src/boundary-probe.ts',
      "import { plansService } from '@tradepilot/plans';\nexport const probe = plansService;\n",
    );
    expect(rules).toContain('@nx/enforce-module-boundaries');
  });

  it('the gateway may import a service router as a type, never as a value', () => {
    const asValue = firedRules(
      'packages/gateway/src/boundary-probe.ts',
      "import { plansService } from '@tradepilot/plans';\nexport const probe = plansService;\n",
    );
    expect(asValue).toContain('@typescript-eslint/no-restricted-imports');
    const asType = firedRules(
      'packages/gateway/src/boundary-probe.ts',
      "import type { PlansRouter } from '@tradepilot/plans';\nexport type Probe = PlansRouter;\n",
    );
    expect(asType).toEqual([]);
  });

  it('a service may use the shared platform and contracts (the rule is not simply "deny all")', () => {
    const rules = firedRules(
      'packages/plans/src/boundary-probe.ts',
      "import { topics } from '@tradepilot/contracts';\nimport { Outbox } from '@tradepilot/messaging';\nexport const probe = [topics, Outbox];\n",
    );
    expect(rules).toEqual([]);
  });

  it('production code may not import the test helpers', () => {
    const rules = firedRules(
      'packages/plans/src/boundary-probe.ts',
      "import { eventually } from '@tradepilot/testing';\nexport const probe = eventually;\n",
    );
    expect(rules).toContain('no-restricted-imports');
  });
});
