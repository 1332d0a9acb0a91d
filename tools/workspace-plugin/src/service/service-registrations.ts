import { readJson, updateJson, type Tree } from '@nx/devkit';
import { parseDocument } from 'yaml';
import { addImport, addToList } from './source-insertions';
import type { NameForms } from './service-names';

export interface ServicePlan {
  service: NameForms;
  aggregate: NameForms;
  port: number;
  topic: string;
}

export const registryPath = 'packages/contracts/src/services.json';

interface RegistryEntry {
  name: string;
  kind: 'gateway' | 'service';
  port: number;
  consumes: string[];
}

export const readRegistry = (tree: Tree): RegistryEntry[] => readJson<RegistryEntry[]>(tree, registryPath);

/** One entry per line, so adding a service adds one line. */
export const registryText = (entries: RegistryEntry[]): string =>
  `[\n${entries
    .map(
      (e) =>
        `  { ${Object.entries(e)
          .map(([key, value]) => `"${key}": ${JSON.stringify(value).replace(/","/g, '", "')}`)
          .join(', ')} }`,
    )
    .join(',\n')}\n]\n`;

/** The one registry: routing, URLs, ports, ACLs, stacks, lint scopes and chaos read it. */
export function registerService(tree: Tree, plan: ServicePlan): void {
  const entries = readRegistry(tree);
  entries.push({ name: plan.service.fileName, kind: 'service', port: plan.port, consumes: [plan.topic] });
  tree.write(registryPath, registryText(entries));
}

/** The lists TypeScript needs written out: the event catalog, the exports and the policy table. */
export function registerContracts(tree: Tree, plan: ServicePlan): void {
  const { aggregate, service } = plan;
  const contracts = 'packages/contracts/src';
  tree.write(
    `${contracts}/index.ts`,
    `${tree.read(`${contracts}/index.ts`, 'utf-8')}export * from './events/${aggregate.snakeName}';\n`,
  );
  addImport(
    tree,
    `${contracts}/event-catalog.ts`,
    `import { ${aggregate.propertyName}Events } from './events/${aggregate.snakeName}/${aggregate.fileName}-events';`,
  );
  addToList(
    tree,
    `${contracts}/event-catalog.ts`,
    'eventCatalog: readonly EventDefinition[] = [',
    `...${aggregate.propertyName}Events`,
  );
  addImport(
    tree,
    `${contracts}/procedure-policy.ts`,
    `import { ${service.propertyName}Policy } from './policy/${service.fileName}-policy';`,
  );
  addToList(
    tree,
    `${contracts}/procedure-policy.ts`,
    'procedurePolicy: PolicyTable = {',
    `...${service.propertyName}Policy`,
  );
}

/** TypeScript project references of the solution (the gateway's follow the registry: `syncAppRouter`). */
export function registerReferences(tree: Tree, plan: ServicePlan): void {
  const name = plan.service.fileName;
  updateJson(tree, 'tsconfig.json', (config: { references: { path: string }[] }) => {
    config.references.push({ path: `./packages/${name}` }, { path: `./apps/${name}` });
    return config;
  });
}

/**
 * The compose deployment: its container (made like the last registered service's), its secrets
 * volume, the gateway's URL of it and its health among the gateway's dependencies. Inserted as
 * text beside the last service's lines, so the file keeps its layout and comments.
 */
export function registerCompose(tree: Tree, plan: ServicePlan): void {
  const path = 'infra/compose/docker-compose.yml';
  const name = plan.service.fileName;
  const services = readRegistry(tree).filter((s) => s.kind === 'service' && s.name !== name);
  const last = services.at(-1);
  if (!last) throw new Error('the registry lists no service to model the compose entry on');
  let text = tree.read(path, 'utf-8') ?? '';
  const insertAfter = (anchor: RegExp, lines: string) => {
    const match = anchor.exec(text);
    if (!match) throw new Error(`${path}: cannot find ${String(anchor)} to register ${name}`);
    const at = match.index + match[0].length;
    text = text.slice(0, at) + lines + text.slice(at);
  };
  const escaped = last.name.replace(/[-]/g, '\\-');
  const block = new RegExp(`\\n  ${escaped}:\\n(?:    .*\\n|\\s*\\n(?=    ))+`).exec(text);
  if (!block) throw new Error(`${path}: cannot find the container of ${last.name}`);
  const container = block[0]
    .replace(new RegExp(`\\b${escaped}\\b`, 'g'), name)
    .replace(`"${last.port}"`, `"${plan.port}"`);
  insertAfter(new RegExp(`\\n  ${escaped}:\\n(?:    .*\\n|\\s*\\n(?=    ))+`), `\n${container.slice(1)}`);
  insertAfter(
    new RegExp(`\\n      - secrets-${escaped}:/secrets/${escaped}\\n`),
    `      - secrets-${name}:/secrets/${name}\n`,
  );
  insertAfter(
    new RegExp(`\\n      [A-Z_]+_URL: http://${escaped}:${last.port}\\n`),
    `      ${plan.service.constantName}_URL: http://${name}:${plan.port}\n`,
  );
  insertAfter(
    new RegExp(`\\n      ${escaped}:\\n        condition: service_healthy\\n`),
    `      ${name}:\n        condition: service_healthy\n`,
  );
  insertAfter(new RegExp(`\\n  secrets-${escaped}:\\n`), `  secrets-${name}:\n`);
  parseDocument(text); // still YAML
  tree.write(path, text);
}

/** The README's Kafka ACL table: the new service's rows, before the tools' (the compose-init test compares). */
export function registerAclRows(tree: Tree, plan: ServicePlan): void {
  const name = plan.service.fileName;
  const text = tree.read('README.md', 'utf-8') ?? '';
  const anchor = '| `dlq-replay` | every `<topic>.dlq` |';
  if (!text.includes(anchor)) throw new Error('README.md: cannot find the Kafka ACL table');
  const rows = [
    `| \`${name}\` | \`${plan.topic}\`, \`${plan.topic}.dlq\` | WRITE, DESCRIBE |`,
    `| \`${name}\` | \`${plan.topic}\` | READ, DESCRIBE |`,
    `| \`${name}\` | group \`${name}*\` | READ |`,
  ];
  tree.write('README.md', text.replace(anchor, `${rows.join('\n')}\n${anchor}`));
}
