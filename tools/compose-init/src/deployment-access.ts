import { catalogTopics, serviceRegistry, topicsOwnedBy } from '@tradepilot/contracts';
import { TenantRegistry } from '@tradepilot/tenancy';

/** A service of the compose deployment: its principal's name is its own name. */
export interface DeployedService {
  name: string;
  /** topics whose events it reads (its consumer group is named after it) */
  consumes: string[];
}

/**
 * What each service reads (the registry does not say yet); the services are the registry's and
 * the topics a service writes are derived from the event catalog (`<service>.<aggregate>`).
 */
const consumedTopics: Record<string, string[]> = {
  plans: ['plans.plan', 'approvals.case'],
  approvals: ['plans.plan', 'supervision.report', 'practices.practice'],
  practices: ['approvals.case', 'practices.practice', 'practices.adoption'],
};

export const deployedServices: DeployedService[] = serviceRegistry.map((s) => ({
  name: s.name,
  consumes: consumedTopics[s.name] ?? [],
}));

/** The principal of the operator's dead-letter replay tool. */
export const replayPrincipal = 'dlq-replay';

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
 * consumes, and reads what it consumes (in its own consumer group); the replay tool reads every
 * dead-letter topic and writes back to every topic. Topics are created by the admin principal.
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
  for (const each of allTopics()) {
    topic(replayPrincipal, deadLetterOf(each), ['READ', 'DESCRIBE']);
    topic(replayPrincipal, each, ['WRITE', 'DESCRIBE']);
  }
  rows.push({
    principal: replayPrincipal,
    resource: 'group',
    name: replayPrincipal,
    pattern: 'prefixed',
    operations: ['READ'],
  });
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
