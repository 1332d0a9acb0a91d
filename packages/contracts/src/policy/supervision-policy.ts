import { ministryOfficers, programRoles, provinceOfficers, type PolicyTable } from './policy-types';

/** Procedures of the supervision service. */
export const supervisionPolicy: PolicyTable = {
  // the plans in force supervision follows, in the caller's province (supervision_<province>)
  'supervisedPlan.get': { service: 'supervision', roles: provinceOfficers, scope: 'own-province' },
  'supervisedPlan.list': { service: 'supervision', roles: provinceOfficers, scope: 'own-province' },

  // the reporting schedule is the ministry's data (supervision_national); everyone sees when reports are due
  'reportingSchedule.save': { service: 'supervision', roles: ministryOfficers, scope: 'national' },
  'reportingSchedule.get': { service: 'supervision', roles: programRoles, scope: 'authenticated' },
  'period.list': { service: 'supervision', roles: programRoles, scope: 'authenticated' },
  'period.lock': { service: 'supervision', roles: ministryOfficers, scope: 'national' },

  // the ministry's national picture, from the projection in supervision_national
  'implementation.nationalSummary': { service: 'supervision', roles: ministryOfficers, scope: 'national' },
};
