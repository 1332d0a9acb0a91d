import type { Role } from './roles';

/**
 * Whose data a caller reaches through a procedure:
 * - own-pilot-area / own-province: the caller's tenant (from the token), nothing else
 * - national: the ministry's cross-province view (read-only unless the entry says `writes`)
 * - department: what is routed to the caller's central department
 * - public: no user token needed (login)
 * - authenticated: any signed-in user, about themselves
 */
export type PolicyScope = 'own-pilot-area' | 'own-province' | 'national' | 'department' | 'public' | 'authenticated';

export type OwningService = 'gateway' | 'plans' | 'approvals' | 'supervision' | 'practices';

export interface ProcedurePolicy {
  service: OwningService;
  roles: readonly Role[];
  scope: PolicyScope;
}

const provinceOfficers: readonly Role[] = ['province-officer', 'pilot-area-officer'];
const ministry: readonly Role[] = ['ministry-officer'];

/**
 * One table for every procedure: the gateway routes and authorises with it, and each service
 * checks it again from the internal token. A procedure missing here is denied.
 */
export const procedurePolicy: Readonly<Record<string, ProcedurePolicy>> = {
  'auth.devLogin': { service: 'gateway', roles: [], scope: 'public' },
  'auth.me': { service: 'gateway', roles: [], scope: 'authenticated' },

  'plan.create': { service: 'plans', roles: provinceOfficers, scope: 'own-province' },
  'plan.submit': { service: 'plans', roles: ['province-officer'], scope: 'own-province' },
  'plan.get': { service: 'plans', roles: provinceOfficers, scope: 'own-province' },
  'plan.list': { service: 'plans', roles: provinceOfficers, scope: 'own-province' },

  'case.listOpen': { service: 'approvals', roles: ministry, scope: 'national' },
  'case.get': { service: 'approvals', roles: ministry, scope: 'national' },
  'case.decide': { service: 'approvals', roles: ministry, scope: 'national' },
};

export const policyFor = (path: string): ProcedurePolicy | undefined =>
  Object.prototype.hasOwnProperty.call(procedurePolicy, path) ? procedurePolicy[path] : undefined;
