import { roles, type Role } from '../roles';

/**
 * Whose data a caller reaches through a procedure:
 * - own-pilot-area / own-province: the caller's tenant (from the token), nothing else
 * - national: the ministry's cross-province view (read-only unless the entry says otherwise)
 * - department: what is routed to the caller's central department
 * - platform: operators running the platform (tenants, users, dead letters), never domain data
 * - public: no user token needed (signing in)
 * - authenticated: any signed-in user, about themselves
 *
 * Calls in the national and department scopes reach across provinces: the gateway writes each
 * one to the audit log (who, which provinces, what, when).
 */
export type PolicyScope =
  | 'own-pilot-area'
  | 'own-province'
  | 'national'
  | 'department'
  | 'platform'
  | 'public'
  | 'authenticated';

/** Scopes whose calls reach across provinces and are therefore audited. */
export const crossProvinceScopes: readonly PolicyScope[] = ['national', 'department'];

/** A name in the services registry (services.json); a test checks every entry of the table. */
export type OwningService = string;

export interface ProcedurePolicy {
  service: OwningService;
  roles: readonly Role[];
  scope: PolicyScope;
}

export type PolicyTable = Readonly<Record<string, ProcedurePolicy>>;

export const provinceOfficers: readonly Role[] = ['province-officer', 'pilot-area-officer'];
export const ministryOfficers: readonly Role[] = ['ministry-officer'];
export const operators: readonly Role[] = ['operator'];
export const departmentLiaisons: readonly Role[] = ['department-liaison'];
/** Every signed-in role that works on the program (operators run the platform, not the program). */
export const programRoles: readonly Role[] = roles.filter((r) => r !== 'operator');
