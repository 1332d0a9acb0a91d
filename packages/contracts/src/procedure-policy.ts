import { approvalsPolicy } from './policy/approvals-policy';
import { gatewayPolicy } from './policy/gateway-policy';
import { plansPolicy } from './policy/plans-policy';
import { practicesPolicy } from './policy/practices-policy';
import type { PolicyTable, ProcedurePolicy } from './policy/policy-types';
import { supervisionPolicy } from './policy/supervision-policy';

export * from './policy/policy-types';

/**
 * One table for every procedure (each service's part in its own file): the gateway routes and
 * authorises with it, and each service checks it again from the internal token. A procedure
 * missing here is denied.
 */
export const procedurePolicy: PolicyTable = {
  ...gatewayPolicy,
  ...plansPolicy,
  ...approvalsPolicy,
  ...supervisionPolicy,
  ...practicesPolicy,
};

export const policyFor = (path: string): ProcedurePolicy | undefined =>
  Object.prototype.hasOwnProperty.call(procedurePolicy, path) ? procedurePolicy[path] : undefined;
