import { roles, type Role } from '../roles';
import { ministryOfficers, provinceOfficers, type PolicyTable } from './policy-types';

/** The measures catalog is national reference data: every signed-in role reads it. */
const everyone: readonly Role[] = roles;
/** Who edits the catalog (the issue: ministry officers and operators). */
const catalogEditors: readonly Role[] = ['ministry-officer', 'operator'];

/** Procedures of the plans service. */
export const plansPolicy: PolicyTable = {
  // measures catalog (plans_national)
  'taskGroup.list': { service: 'plans', roles: everyone, scope: 'authenticated' },
  'measure.list': { service: 'plans', roles: everyone, scope: 'authenticated' },
  'measure.get': { service: 'plans', roles: everyone, scope: 'authenticated' },
  'measure.export': { service: 'plans', roles: everyone, scope: 'authenticated' },
  'measure.create': { service: 'plans', roles: catalogEditors, scope: 'national' },
  'measure.update': { service: 'plans', roles: catalogEditors, scope: 'national' },
  'measure.import': { service: 'plans', roles: catalogEditors, scope: 'national' },
  'measure.history': { service: 'plans', roles: catalogEditors, scope: 'national' },

  // implementation plans of the caller's province (plans_<province>)
  'plan.create': { service: 'plans', roles: provinceOfficers, scope: 'own-province' },
  'plan.save': { service: 'plans', roles: provinceOfficers, scope: 'own-province' },
  'plan.sign': { service: 'plans', roles: provinceOfficers, scope: 'own-province' },
  'plan.submit': { service: 'plans', roles: ['province-officer'], scope: 'own-province' },
  'plan.get': { service: 'plans', roles: provinceOfficers, scope: 'own-province' },
  'plan.list': { service: 'plans', roles: provinceOfficers, scope: 'own-province' },
  'plan.coverage': { service: 'plans', roles: provinceOfficers, scope: 'own-province' },
  'plan.versions': { service: 'plans', roles: provinceOfficers, scope: 'own-province' },
  'plan.getVersion': { service: 'plans', roles: provinceOfficers, scope: 'own-province' },
  'plan.diff': { service: 'plans', roles: provinceOfficers, scope: 'own-province' },
  'plan.audit': { service: 'plans', roles: provinceOfficers, scope: 'own-province' },
  'plan.startAmendment': { service: 'plans', roles: ['province-officer'], scope: 'own-province' },
  'plan.startImplementation': { service: 'plans', roles: ['province-officer'], scope: 'own-province' },
  'plan.close': { service: 'plans', roles: ['province-officer'], scope: 'own-province' },

  // the ministry's cross-province reads: separately named, read-only, each recorded
  'plan.nationalList': { service: 'plans', roles: ministryOfficers, scope: 'national' },
  'plan.nationalSummary': { service: 'plans', roles: ministryOfficers, scope: 'national' },
  'plan.nationalGet': { service: 'plans', roles: ministryOfficers, scope: 'national' },
  'plan.nationalAudit': { service: 'plans', roles: ministryOfficers, scope: 'national' },
  'plan.nationalDiff': { service: 'plans', roles: ministryOfficers, scope: 'national' },
};
