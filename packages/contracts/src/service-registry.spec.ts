import { eventCatalog } from './event-catalog';
import { procedurePolicy } from './procedure-policy';
import {
  catalogTopics,
  isRegisteredService,
  registeredServices,
  serviceRegistry,
  serviceUrlVariable,
  topicOwner,
  topicsConsumedBy,
  topicsOwnedBy,
} from './service-registry';

describe('the services registry', () => {
  it('names each process once, as a lowercase slug, on a port of its own, with one gateway', () => {
    const names = serviceRegistry.map((s) => s.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[a-z][a-z0-9-]*$/);
    const ports = serviceRegistry.map((s) => s.port);
    expect(new Set(ports).size).toBe(ports.length);
    expect(serviceRegistry.filter((s) => s.kind === 'gateway')).toHaveLength(1);
    expect(registeredServices.every((s) => s.kind === 'service')).toBe(true);
  });

  it('knows the owner of every procedure in the policy table', () => {
    const unknown = Object.entries(procedurePolicy)
      .filter(([, policy]) => !isRegisteredService(policy.service))
      .map(([path, policy]) => `${path} → ${policy.service}`);
    expect(unknown).toEqual([]);
  });

  it('derives topics from the event catalog, named <owning service>.<aggregate>', () => {
    for (const topic of catalogTopics) expect(topic).toMatch(/^[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*$/);
    expect(new Set(catalogTopics)).toEqual(new Set(eventCatalog.map((e) => e.topic)));
    expect(topicOwner('approvals.case')).toBe('approvals');
    expect(topicsOwnedBy('plans')).toContain('plans.plan');
    expect(topicsOwnedBy('approvals')).toEqual(
      expect.arrayContaining(['approvals.case', 'approvals.delegation', 'approvals.application']),
    );
    expect(topicsOwnedBy('supervision')).toEqual(
      expect.arrayContaining(['supervision.report', 'supervision.issue', 'supervision.period']),
    );
    expect(topicsOwnedBy('gateway')).toEqual([]);
  });

  it('lets a service read only topics of the catalog, and the gateway none', () => {
    const unknown = serviceRegistry.flatMap((s) =>
      s.consumes.filter((topic) => !catalogTopics.includes(topic)).map((topic) => `${s.name} → ${topic}`),
    );
    expect(unknown).toEqual([]);
    expect(topicsConsumedBy('gateway')).toEqual([]);
    expect(topicsConsumedBy('approvals')).toContain('plans.plan');
    expect(topicsConsumedBy('no-such-service')).toEqual([]);
  });

  it('derives the gateway’s URL variable of a service', () => {
    expect(serviceUrlVariable('plans')).toBe('PLANS_URL');
    expect(serviceUrlVariable('key-issues')).toBe('KEY_ISSUES_URL');
  });
});
