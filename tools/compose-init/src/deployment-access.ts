import { catalogTopics, serviceRegistry, topicsConsumedBy, topicsOwnedBy } from '@tradepilot/contracts';
import { deadLetterReplayGroupPrefix } from '@tradepilot/messaging';
import { TenantRegistry } from '@tradepilot/tenancy';

/** A service of the compose deployment: its principal's name is its own name. */
export interface DeployedService {
  name: string;
  /** topics whose events it reads (its consumer group is named after it) */
  consumes: string[];
}

/** Every process of the registry with the topics it reads (the gateway reads none). */
export const deployedServices: DeployedService[] = serviceRegistry.map((s) => ({
  name: s.name,
  consumes: topicsConsumedBy(s.name),
}));

/** The principal of the operator's dead-letter replay tool. */
export const replayPrincipal = 'dlq-replay';

/**
 * Who replays dead letters: the command-line tool, and the gateway, whose operator procedures
 * (`operator.deadLetter.list` / `replay`) are its only use of Kafka.
 */
export const replayingPrincipals = (): string[] => [
  replayPrincipal,
  ...serviceRegistry.filter((s) => s.kind === 'gateway').map((s) => s.name),
];

export const deadLetterOf = (topic: string) => `${topic}.dlq`;

export const allTopics = (): string[] => [...catalogTopics].sort();

export const ownTopics = (service: string): string[] => topicsOwnedBy(service);

/** Every database a service may use: one per province of the registry, and its national one. */
export function databasesOf(service: string, registry = TenantRegistry.fromSeed()): string[] {
  return [...registry.tenantIds().map((tenant) => `${service}_${tenant}`), `${service}_national`];
}

export type KafkaOperation = 'READ' | 'WRITE' | 'DESCRIBE';

export interface KafkaAclRow {
  principal: string;
  resource: 'topic' | 'group';
  name: string;
  /** a consumer group name may carry the deployment's prefix: groups match by prefix */
  pattern: 'literal' | 'prefixed';
  operations: KafkaOperation[];
}

/**
 * The ACL table: each service writes its own topics and the dead-letter topics of the topics it
 * consumes, and reads what it consumes (in its own consumer group); the replaying principals read
 * every dead-letter topic and write back to every topic. Topics are created by the admin principal.
 */
export function kafkaAcls(services: DeployedService[] = deployedServices): KafkaAclRow[] {
  const rows: KafkaAclRow[] = [];
  const topic = (principal: string, name: string, operations: KafkaOperation[]) =>
    rows.push({ principal, resource: 'topic', name, pattern: 'literal', operations });
  for (const service of services) {
    for (const own of ownTopics(service.name)) topic(service.name, own, ['WRITE', 'DESCRIBE']);
    for (const consumed of service.consumes) {
      topic(service.name, consumed, ['READ', 'DESCRIBE']);
      topic(service.name, deadLetterOf(consumed), ['WRITE', 'DESCRIBE']);
    }
    if (service.consumes.length > 0)
      rows.push({
        principal: service.name,
        resource: 'group',
        name: service.name,
        pattern: 'prefixed',
        operations: ['READ'],
      });
  }
  for (const principal of replayingPrincipals()) {
    for (const each of allTopics()) {
      topic(principal, deadLetterOf(each), ['READ', 'DESCRIBE']);
      topic(principal, each, ['WRITE', 'DESCRIBE']);
    }
    rows.push({
      principal,
      resource: 'group',
      name: deadLetterReplayGroupPrefix,
      pattern: 'prefixed',
      operations: ['READ'],
    });
  }
  return rows;
}

/** Every secret the deployment needs, by file name; each is generated once into the secrets volume. */
export function secretFiles(services: DeployedService[] = deployedServices): string[] {
  return [
    'mongo-root-password',
    'mongo-keyfile',
    'kafka-admin-password',
    `kafka-${replayPrincipal}-password`,
    ...services.flatMap((s) => [`mongo-${s.name}-password`, `kafka-${s.name}-password`]),
  ];
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && b.every((n) => a.includes(n));

/** Names as the table shows them: the whole catalog (or all its dead letters) in a word. */
function shown(names: string[]): string {
  if (sameSet(names, allTopics())) return 'every topic of the event catalog';
  if (sameSet(names, allTopics().map(deadLetterOf))) return 'every `<topic>.dlq`';
  return names.map((n) => (n.startsWith('group ') ? `group \`${n.slice(6)}*\`` : `\`${n}\``)).join(', ');
}

/** The ACL table as the README shows it: one line per principal, resource kind and operations. */
export function aclTable(rows: KafkaAclRow[] = kafkaAcls()): string {
  const lines = new Map<string, { principal: string; names: string[]; operations: string }>();
  for (const row of rows) {
    const operations = row.operations.join(', ');
    const key = `${row.principal}|${row.resource}|${operations}`;
    const name = row.resource === 'group' ? `group ${row.name}` : row.name;
    const line = lines.get(key) ?? { principal: row.principal, names: [], operations };
    line.names.push(name);
    lines.set(key, line);
  }
  return [
    '| principal | topics / group | operations |',
    '| --- | --- | --- |',
    ...[...lines.values()].map((l) => `| \`${l.principal}\` | ${shown(l.names)} | ${l.operations} |`),
  ].join('\n');
}
