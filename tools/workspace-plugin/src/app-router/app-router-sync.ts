import { readJson, updateJson, type Tree } from '@nx/devkit';
import { nameForms } from '../service/service-names';

const registryPath = 'packages/contracts/src/services.json';
export const appRouterPath = 'packages/gateway/src/app-router.ts';
const gatewayTsconfigPath = 'packages/gateway/tsconfig.lib.json';

interface RegistryEntry {
  name: string;
  kind: 'gateway' | 'service';
}

/**
 * The typed client's router, written out from the services registry: the gateway's own router
 * merged with each registered service's (`<Name>Router` exported by `@tradepilot/<name>`), in the
 * registry's order, types only. The gateway imports each of those types, so its project
 * references list each service package too.
 */
export function appRouterSource(registry: RegistryEntry[]): string {
  const services = registry.filter((entry) => entry.kind === 'service').map((entry) => nameForms(entry.name));
  const imports = services
    .map((s) => `import type { ${s.className}Router } from '@tradepilot/${s.fileName}';`)
    .join('\n');
  const routers = ['GatewayRouter', ...services.map((s) => `${s.className}Router`)];
  return `// Written by \`nx sync\` from ${registryPath} (@tradepilot/workspace:app-router): edit the registry, not this file.
${imports}
import type { TRPCMergeRouters } from '@trpc/server';
import type { GatewayRouter } from './gateway-router';

/** The one typed router clients see: the merge of the gateway's and the services' routers (types only). */
${mergedRouterType(routers)}
`;
}

// as Prettier lays it out at the workspace's print width, so formatting the file changes nothing
const printWidth = 110;

function mergedRouterType(routers: string[]): string {
  const oneLine = `export type AppRouter = TRPCMergeRouters<[${routers.join(', ')}]>;`;
  if (oneLine.length <= printWidth) return oneLine;
  const tuple = `  [${routers.join(', ')}]`;
  if (tuple.length <= printWidth) return `export type AppRouter = TRPCMergeRouters<\n${tuple}\n>;`;
  return `export type AppRouter = TRPCMergeRouters<\n  [\n${routers.map((r) => `    ${r},\n`).join('')}  ]\n>;`;
}

/** Brings the gateway's router type and project references in line with the registry; true when it changed them. */
export function syncAppRouter(tree: Tree): boolean {
  const registry = readJson<RegistryEntry[]>(tree, registryPath);
  let changed = false;
  const wanted = appRouterSource(registry);
  if (tree.read(appRouterPath, 'utf-8') !== wanted) {
    tree.write(appRouterPath, wanted);
    changed = true;
  }
  const references = registry
    .filter((entry) => entry.kind === 'service')
    .map((entry) => `../${entry.name}/tsconfig.lib.json`);
  const listed = readJson<{ references?: { path: string }[] }>(tree, gatewayTsconfigPath).references ?? [];
  const missing = references.filter((path) => !listed.some((ref) => ref.path === path));
  if (missing.length > 0) {
    updateJson(tree, gatewayTsconfigPath, (config: { references?: { path: string }[] }) => {
      config.references = [...(config.references ?? []), ...missing.map((path) => ({ path }))];
      return config;
    });
    changed = true;
  }
  return changed;
}

/** `nx sync` / `nx sync:check`: the gateway's router type follows the services registry. */
export default function appRouterSyncGenerator(tree: Tree) {
  const changed = syncAppRouter(tree);
  return changed
    ? {
        outOfSyncMessage: `${appRouterPath} does not list exactly the services of ${registryPath}: run \`npx nx sync\``,
      }
    : {};
}
