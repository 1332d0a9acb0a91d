import { ministryOfficers, provinceOfficers, type PolicyTable } from './policy-types';

/** Procedures of the supervision service. */
export const supervisionPolicy: PolicyTable = {
  // the plans in force supervision follows, in the caller's province (supervision_<province>)
  'supervisedPlan.get': { service: 'supervision', roles: provinceOfficers, scope: 'own-province' },
  'supervisedPlan.list': { service: 'supervision', roles: provinceOfficers, scope: 'own-province' },

  // the ministry's national picture, from the projection in supervision_national
  'implementation.nationalSummary': { service: 'supervision', roles: ministryOfficers, scope: 'national' },
};
