import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import serviceGenerator, { refusal } from './service-generator';
import { registryPath } from './service-registrations';

function workspace() {
  const tree = createTreeWithEmptyWorkspace();
  tree.write(
    registryPath,
    JSON.stringify([
      { name: 'gateway', kind: 'gateway', port: 3000, consumes: [] },
      { name: 'plans', kind: 'service', port: 3001, consumes: ['plans.plan'] },
    ]),
  );
  tree.write('packages/contracts/src/events/plan/index.ts', '');
  tree.write('tools/keygen/package.json', '{}');
  return tree;
}

describe('the service generator refuses what would collide or break a convention', () => {
  it.each([
    ['plans', 'plan-record', 'a service named "plans" is already registered'],
    ['keygen', 'key', 'tools/keygen exists already'],
    ['Field_Visits', 'visit', '"Field_Visits" is not a lowercase slug'],
    ['visits-', 'visit', 'is not a lowercase slug'],
    ['visits', 'plan', 'the event folder packages/contracts/src/events/plan exists already'],
    ['round2s', 'round2', 'must be letters and hyphens only'],
  ])('%s (aggregate %s)', (name, aggregate, reason) => {
    expect(refusal(workspace(), name, aggregate)).toContain(reason);
  });

  it('accepts a new slug, and refuses before writing anything', async () => {
    expect(refusal(workspace(), 'field-visits', 'field-visit')).toBeUndefined();
    const tree = workspace();
    const before = tree.listChanges().length;
    await expect(serviceGenerator(tree, { name: 'plans' })).rejects.toThrow(
      /^Refused: a service named "plans"/,
    );
    expect(tree.listChanges()).toHaveLength(before);
  });
});
