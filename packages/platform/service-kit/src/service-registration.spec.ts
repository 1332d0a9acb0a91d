import { approvalCaseCompletedV1, planApprovedV1, practicePublishedV1 } from '@tradepilot/contracts';
import { eventHandler } from '@tradepilot/messaging';
import {
  assertRegisteredConsumption,
  registeredPort,
  registeredTopics,
  topicsReadBy,
} from './service-registration';

const handle = async () => undefined;

describe('a service reads only the topics the registry lists for it', () => {
  it('accepts handlers on registered topics', () => {
    const handlers = [eventHandler(planApprovedV1, handle), eventHandler(approvalCaseCompletedV1, handle)];
    expect(topicsReadBy(handlers)).toEqual(['approvals.case', 'plans.plan']);
    expect(() => assertRegisteredConsumption('plans', handlers)).not.toThrow();
  });

  it('refuses to start a service whose handler reads a topic it did not register', () => {
    const handlers = [eventHandler(planApprovedV1, handle), eventHandler(practicePublishedV1, handle)];
    expect(() => assertRegisteredConsumption('plans', handlers)).toThrow(
      /plans: its handlers read practices\.practice, which .*services\.json does not list/,
    );
  });

  it('leaves services outside the registry (tests’ own) unchecked', () => {
    expect(() =>
      assertRegisteredConsumption('test-service', [eventHandler(practicePublishedV1, handle)]),
    ).not.toThrow();
  });
});

describe('what a registered service gets from the registry at start', () => {
  it('creates the topics it publishes and the ones it reads, each once', () => {
    expect(registeredTopics('plans').sort()).toEqual(['approvals.case', 'plans.plan']);
    expect(registeredTopics('approvals')).toEqual(
      expect.arrayContaining(['approvals.case', 'approvals.delegation', 'plans.plan', 'practices.practice']),
    );
    expect(new Set(registeredTopics('approvals')).size).toBe(registeredTopics('approvals').length);
    expect(registeredTopics('gateway')).toEqual([]);
  });

  it('listens on its registry port; a name outside the registry on any free port', () => {
    expect(registeredPort('plans')).toBe(3001);
    expect(registeredPort('gateway')).toBe(3000);
    expect(registeredPort('test-service')).toBe(0);
  });
});
