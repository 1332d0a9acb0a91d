import { ministryOfficers, type PolicyTable } from './policy-types';

/** Procedures of the approvals service. */
export const approvalsPolicy: PolicyTable = {
  'case.listOpen': { service: 'approvals', roles: ministryOfficers, scope: 'national' },
  'case.get': { service: 'approvals', roles: ministryOfficers, scope: 'national' },
  'case.decide': { service: 'approvals', roles: ministryOfficers, scope: 'national' },
};
