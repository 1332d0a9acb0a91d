import { eventCatalog } from './event-catalog';
import registered from './services.json';

/**
 * One entry per deployable process. Everything else is derived from it: the Nx scope
 * (`scope:<name>`), the databases (`<name>_<tenant>`), the gateway's URL variable, the local and
 * compose stacks, the operators' topic list. Kept as JSON so the lint config and the service
 * generator read the same list.
 */
export interface ServiceRegistration {
  /** app folder (`apps/<name>`), package (`@tradepilot/<name>`), telemetry service name */
  name: string;
  /** the gateway is the public entry; every other entry is a service behind it */
  kind: 'gateway' | 'service';
  /** where it listens by default (npm start, compose) */
  port: number;
  /**
   * topics its event handlers read (its consumer group is named after it): the compose ACLs grant
   * exactly these, and the service refuses to start when a handler reads a topic not listed here
   */
  consumes: string[];
}

export type ServiceName = string;

export const serviceRegistry: readonly ServiceRegistration[] = (registered as ServiceRegistration[]).map(
  (entry) => Object.freeze({ ...entry }),
);

/** The services behind the gateway, in registry order. */
export const registeredServices: readonly ServiceRegistration[] = serviceRegistry.filter(
  (s) => s.kind === 'service',
);

export const isRegisteredService = (name: string): boolean => serviceRegistry.some((s) => s.name === name);

const variablePrefix = (name: string) => name.toUpperCase().replace(/[^A-Z0-9]/g, '_');

/** The gateway's variable holding a service's base URL, e.g. `PLANS_URL`. */
export const serviceUrlVariable = (name: ServiceName): string => `${variablePrefix(name)}_URL`;

/** The variable that moves an app's port (npm start), e.g. `GATEWAY_PORT`. */
export const servicePortVariable = (name: ServiceName): string => `${variablePrefix(name)}_PORT`;

/** Topics are `<owning service>.<aggregate>`: the owner is the part before the first dot. */
export const topicOwner = (topic: string): string => topic.slice(0, topic.indexOf('.'));

/** Every topic of the event catalog, once, in catalog order. */
export const catalogTopics: readonly string[] = [...new Set(eventCatalog.map((e) => e.topic))];

/** The topics a service publishes (from the catalog). */
export const topicsOwnedBy = (name: ServiceName): string[] =>
  catalogTopics.filter((topic) => topicOwner(topic) === name);

/** The topics a service reads, as registered (empty for an unregistered name). */
export const topicsConsumedBy = (name: ServiceName): string[] => [
  ...(serviceRegistry.find((s) => s.name === name)?.consumes ?? []),
];
