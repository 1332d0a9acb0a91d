import { provinceOfficers, type PolicyTable } from './policy-types';

/** Procedures of the plans service. */
export const plansPolicy: PolicyTable = {
  'plan.create': { service: 'plans', roles: provinceOfficers, scope: 'own-province' },
  'plan.submit': { service: 'plans', roles: ['province-officer'], scope: 'own-province' },
  'plan.get': { service: 'plans', roles: provinceOfficers, scope: 'own-province' },
  'plan.list': { service: 'plans', roles: provinceOfficers, scope: 'own-province' },
};
