import { isRegisteredService, serviceRegistry, topicsConsumedBy, topicsOwnedBy } from '@tradepilot/contracts';
import type { EventHandler } from '@tradepilot/messaging';

/** The topics a set of handlers reads, once each, sorted. */
export const topicsReadBy = (handlers: readonly EventHandler[]): string[] =>
  [...new Set(handlers.map((h) => h.event.topic))].sort();

/**
 * A registered service reads only the topics the registry lists for it: the compose deployment
 * grants its Kafka principal exactly those, so a handler on another topic would work locally and
 * fail in production. Unregistered names (tests' own services) are not checked.
 */
export function assertRegisteredConsumption(service: string, handlers: readonly EventHandler[]): void {
  if (!isRegisteredService(service)) return;
  const registered = new Set(topicsConsumedBy(service));
  const missing = topicsReadBy(handlers).filter((topic) => !registered.has(topic));
  if (missing.length > 0)
    throw new Error(
      `${service}: its handlers read ${missing.join(', ')}, which packages/contracts/src/services.json does not list in its "consumes"`,
    );
}

/** The topics a registered service needs at start: those it publishes and those it reads. */
export const registeredTopics = (service: string): string[] => [
  ...new Set([...topicsOwnedBy(service), ...topicsConsumedBy(service)]),
];

/** The registry's port of a service (0, any free port, for a name outside the registry). */
export const registeredPort = (service: string): number =>
  serviceRegistry.find((s) => s.name === service)?.port ?? 0;
