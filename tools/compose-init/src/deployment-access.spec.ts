import { catalogTopics, registeredServices, topicsConsumedBy } from '@tradepilot/contracts';
import { deadLetterReplayGroupPrefix } from '@tradepilot/messaging';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { aclTable, kafkaAcls, replayPrincipal } from './deployment-access';

const rows = kafkaAcls();
const grants = (principal: string, name: string) =>
  rows.filter((r) => r.principal === principal && r.name === name).flatMap((r) => r.operations);

describe('the Kafka ACLs of the compose deployment', () => {
  it('let every service read exactly the topics the registry says it consumes, in its own group', () => {
    for (const service of registeredServices) {
      const readable = rows
        .filter((r) => r.principal === service.name && r.resource === 'topic' && r.operations.includes('READ'))
        .map((r) => r.name)
        .sort();
      expect(readable).toEqual([...topicsConsumedBy(service.name)].sort());
      if (readable.length > 0) expect(grants(service.name, service.name)).toEqual(['READ']);
    }
  });

  it('let a service write its own topics and the dead letters of what it reads, nothing else', () => {
    for (const service of registeredServices) {
      const writable = rows
        .filter((r) => r.principal === service.name && r.operations.includes('WRITE'))
        .map((r) => r.name);
      const allowed = new Set([
        ...catalogTopics.filter((t) => t.startsWith(`${service.name}.`)),
        ...topicsConsumedBy(service.name).map((t) => `${t}.dlq`),
      ]);
      expect(writable.filter((t) => !allowed.has(t))).toEqual([]);
    }
    // the approvals case topic is the one a forger would want: only approvals writes it
    const writers = rows
      .filter((r) => r.name === 'approvals.case' && r.operations.includes('WRITE'))
      .map((r) => r.principal);
    expect(writers.sort()).toEqual(['approvals', 'dlq-replay', 'gateway']);
  });

  it('let the replay tool and the gateway’s operator procedures list and replay every dead letter', () => {
    for (const principal of [replayPrincipal, 'gateway']) {
      for (const topic of catalogTopics) {
        expect(grants(principal, `${topic}.dlq`)).toEqual(['READ', 'DESCRIBE']);
        expect(grants(principal, topic)).toEqual(['WRITE', 'DESCRIBE']);
      }
      // the replay's consumer groups are named `<prefix>.<dlq>…`: the grant is on that prefix
      expect(
        rows.find((r) => r.principal === principal && r.resource === 'group' && r.pattern === 'prefixed')?.name,
      ).toBe(deadLetterReplayGroupPrefix);
    }
  });

  it('are what the README’s table says', () => {
    const readme = readFileSync(join(__dirname, '../../../README.md'), 'utf8');
    expect(readme).toContain(aclTable());
  });
});
