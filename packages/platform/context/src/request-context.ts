import { AsyncLocalStorage } from 'node:async_hooks';

/** The caller as the platform knows them after verifying a token. */
export interface ContextActor {
  userId: string;
  roles: string[];
  /** the role the current action is taken in */
  actingRole: string;
  organisationId: string | null;
  /** set when a delegate acts for this user */
  actingForUserId?: string | null;
}

/**
 * What a request or a consumed event runs for: its tenant (a province, or `national`) and actor.
 * Kept free of dependencies so the telemetry bootstrap can read it before anything else loads.
 */
export interface RequestContext {
  tenant: string;
  actor?: ContextActor;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function runInContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

export function currentContext(): RequestContext | undefined {
  return storage.getStore();
}

/** The current tenant; throws where code needs a tenant and none is set. */
export function requireTenant(): string {
  const tenant = storage.getStore()?.tenant;
  if (!tenant) throw new Error('no tenant in the current context');
  return tenant;
}
