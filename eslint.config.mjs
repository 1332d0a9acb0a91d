import nx from '@nx/eslint-plugin';
import { readFileSync } from 'node:fs';

// Who may depend on whom (DESIGN.md, "Shape"). Each project carries one scope: and one type: tag.
// The services come from the one registry (packages/contracts/src/services.json).
const services = JSON.parse(readFileSync(new URL('./packages/contracts/src/services.json', import.meta.url), 'utf8'))
  .filter((s) => s.kind === 'service')
  .map((s) => s.name);
const serviceScopes = services.map((s) => `scope:${s}`);
const servicePackages = services.map((s) => `@tradepilot/${s}`);

export const depConstraints = [
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  ...serviceScopes.map((scope) => ({ sourceTag: scope, onlyDependOnLibsWithTags: [scope, 'scope:shared'] })),
  // the gateway and the console see service routers as types only (rule below)
  { sourceTag: 'scope:gateway', onlyDependOnLibsWithTags: ['scope:gateway', 'scope:shared', ...serviceScopes] },
  {
    sourceTag: 'scope:console',
    onlyDependOnLibsWithTags: ['scope:console', 'scope:gateway', 'scope:shared', ...serviceScopes],
  },
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:service', 'type:platform', 'type:contracts'] },
  {
    sourceTag: 'type:service',
    onlyDependOnLibsWithTags: ['type:service', 'type:platform', 'type:contracts', 'type:testing'],
  },
  { sourceTag: 'type:platform', onlyDependOnLibsWithTags: ['type:platform', 'type:contracts', 'type:testing'] },
  // cross-service tests drive the apps through the gateway's typed client (types of the services)
  {
    sourceTag: 'type:testing',
    onlyDependOnLibsWithTags: ['type:platform', 'type:contracts', 'type:testing', 'type:service'],
  },
  { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:contracts'] },
];

const testFiles = ['**/*.spec.ts', '**/*.int-spec.ts', '**/jest.config.cjs', '**/src/test/**', 'tests/**'];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  { ignores: ['**/dist', '**/out-tsc', '**/test-output', '**/node_modules', '.infra/**'] },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.jsx', '**/*.mjs', '**/*.cjs'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          banTransitiveDependencies: true,
          allow: ['^.*/eslint(\\.base)?\\.config\\.[cm]?[jt]s$'],
          depConstraints,
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['apps/gateway/**/*.ts', 'packages/gateway/**/*.ts', 'apps/console/**/*.{ts,tsx}', 'tests/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: servicePackages.map((name) => ({
            name,
            message: 'The gateway and the console import service routers as types only (import type).',
            allowTypeImports: true,
          })),
        },
      ],
    },
  },
  {
    // test helpers stay out of production code
    files: ['apps/**/*.ts', 'packages/**/*.ts'],
    ignores: [...testFiles, 'packages/platform/testing/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: '@tradepilot/testing', message: 'Only tests may import @tradepilot/testing.' }] },
      ],
    },
  },
];
