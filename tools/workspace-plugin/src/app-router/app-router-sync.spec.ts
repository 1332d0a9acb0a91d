import { readJson } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import appRouterSyncGenerator, { appRouterPath } from './app-router-sync';

function workspace(services: string[]) {
  const tree = createTreeWithEmptyWorkspace();
  tree.write(
    'packages/contracts/src/services.json',
    JSON.stringify([
      { name: 'gateway', kind: 'gateway', port: 3000, consumes: [] },
      ...services.map((name, i) => ({ name, kind: 'service', port: 3001 + i, consumes: [] })),
    ]),
  );
  tree.write(appRouterPath, '');
  tree.write(
    'packages/gateway/tsconfig.lib.json',
    JSON.stringify({ references: [{ path: '../contracts/tsconfig.lib.json' }] }),
  );
  return tree;
}

describe('the gateway router type follows the services registry (nx sync)', () => {
  it('merges every registered service router, in the registry order, and references its package', () => {
    const tree = workspace(['plans', 'field-visits']);
    const result = appRouterSyncGenerator(tree);
    expect(result).toHaveProperty('outOfSyncMessage', expect.stringContaining('npx nx sync'));
    const source = tree.read(appRouterPath, 'utf-8') ?? '';
    expect(source).toContain("import type { FieldVisitsRouter } from '@tradepilot/field-visits';");
    expect(source).toContain('TRPCMergeRouters<[GatewayRouter, PlansRouter, FieldVisitsRouter]>;');
    expect(readJson(tree, 'packages/gateway/tsconfig.lib.json').references).toEqual([
      { path: '../contracts/tsconfig.lib.json' },
      { path: '../plans/tsconfig.lib.json' },
      { path: '../field-visits/tsconfig.lib.json' },
    ]);
  });

  it('reports nothing once in sync, and out of sync again when the registry gains a service', () => {
    const tree = workspace(['plans']);
    appRouterSyncGenerator(tree);
    expect(appRouterSyncGenerator(tree)).toEqual({});
    tree.write(
      'packages/contracts/src/services.json',
      JSON.stringify([
        { name: 'plans', kind: 'service', port: 3001, consumes: [] },
        { name: 'trade-fairs', kind: 'service', port: 3002, consumes: [] },
      ]),
    );
    expect(appRouterSyncGenerator(tree)).toHaveProperty('outOfSyncMessage');
    expect(tree.read(appRouterPath, 'utf-8')).toContain('TradeFairsRouter');
  });

  it('lays a long merge out as Prettier would: the tuple on its own line, then one router per line', () => {
    const some = ['plans', 'approvals', 'supervision', 'practices'];
    const tree = workspace(some);
    appRouterSyncGenerator(tree);
    expect(tree.read(appRouterPath, 'utf-8')).toContain(
      'TRPCMergeRouters<\n  [GatewayRouter, PlansRouter, ApprovalsRouter, SupervisionRouter, PracticesRouter]\n>;',
    );
    const many = workspace([...some, 'field-visits', 'trade-fairs']);
    appRouterSyncGenerator(many);
    expect(many.read(appRouterPath, 'utf-8')).toContain('  [\n    GatewayRouter,\n    PlansRouter,\n');
  });
});
