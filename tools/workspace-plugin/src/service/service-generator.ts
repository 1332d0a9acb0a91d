import { generateFiles, installPackagesTask, type GeneratorCallback, type Tree } from '@nx/devkit';
import { join } from 'node:path';
import { defaultAggregate, nameForms, slugPattern } from './service-names';
import {
  readRegistry,
  registerAclRows,
  registerCompose,
  registerContracts,
  registerReferences,
  registerService,
  type ServicePlan,
} from './service-registrations';
import { syncAppRouter } from '../app-router/app-router-sync';
import { formatTypeScript } from './typescript-formatting';

export interface ServiceGeneratorOptions {
  name: string;
  aggregate?: string;
  skipInstall?: boolean;
}

/** Why a name cannot be used, or nothing when it can. */
export function refusal(tree: Tree, name: string, aggregate: string): string | undefined {
  for (const [what, value] of [
    ['name', name],
    ['aggregate', aggregate],
  ] as const)
    if (!slugPattern.test(value))
      return `${what} "${value}" is not a lowercase slug (letters and digits, words joined by single hyphens, starting with a letter)`;
  if (!/^[a-z]+(-[a-z]+)*$/.test(aggregate))
    return `aggregate "${aggregate}" must be letters and hyphens only (its events are <aggregate>.<verb>.v<N>): pass --aggregate`;
  if (readRegistry(tree).some((s) => s.name === name))
    return `a service named "${name}" is already registered`;
  for (const taken of [`apps/${name}`, `packages/${name}`, `packages/platform/${name}`, `tools/${name}`])
    if (tree.exists(taken)) return `${taken} exists already`;
  if (tree.exists(`packages/contracts/src/events/${nameForms(aggregate).snakeName}`))
    return `the event folder packages/contracts/src/events/${nameForms(aggregate).snakeName} exists already: choose another --aggregate`;
  return undefined;
}

/**
 * A new service behind the gateway, built as the others are: a thin app, a package with one
 * sample aggregate (a write through the outbox, a read, a consumer of its own event, audit,
 * bilingual errors, a unit and an integration test), its event and policy in contracts, and its
 * registration wherever a list has to be written out (the rest reads the registry).
 */
export default async function serviceGenerator(
  tree: Tree,
  options: ServiceGeneratorOptions,
): Promise<GeneratorCallback | undefined> {
  const name = options.name;
  const aggregateName = options.aggregate ?? defaultAggregate(name);
  const problem = refusal(tree, name, aggregateName);
  if (problem) throw new Error(`Refused: ${problem}.`);
  const registry = readRegistry(tree);
  const service = nameForms(name);
  const aggregate = nameForms(aggregateName);
  const plan: ServicePlan = {
    service,
    aggregate,
    port: Math.max(...registry.map((s) => s.port)) + 1,
    topic: `${name}.${aggregateName}`,
  };
  const substitutions = {
    service,
    aggregate,
    port: plan.port,
    topic: plan.topic,
    eventType: `${aggregate.snakeName}.created.v1`,
    serviceFile: service.fileName,
    aggregateFile: aggregate.fileName,
    aggregateSnake: aggregate.snakeName,
    tmpl: '',
  };
  generateFiles(tree, join(__dirname, 'files', 'service'), '.', substitutions);
  registerService(tree, plan);
  registerContracts(tree, plan);
  registerReferences(tree, plan);
  registerCompose(tree, plan);
  registerAclRows(tree, plan);
  await formatTypeScript(tree);
  // what `nx sync` would write next: the gateway's router type and references follow the registry
  syncAppRouter(tree);
  return options.skipInstall ? undefined : () => installPackagesTask(tree, true);
}
