import { ministryOfficers, programRoles, provinceOfficers, type PolicyTable } from './policy-types';

/**
 * Published practices are for every signed-in user of every province (that is the point of
 * publishing); operators run the platform and read no domain data.
 */
const everyone = programRoles;

/** Procedures of the practices service. */
export const practicesPolicy: PolicyTable = {
  // exemplary practices of the caller's province (practices_<province>): the pilot area drafts
  'practice.create': { service: 'practices', roles: provinceOfficers, scope: 'own-province' },
  'practice.save': { service: 'practices', roles: provinceOfficers, scope: 'own-province' },
  'practice.submit': { service: 'practices', roles: provinceOfficers, scope: 'own-province' },
  'practice.get': { service: 'practices', roles: provinceOfficers, scope: 'own-province' },
  'practice.list': { service: 'practices', roles: provinceOfficers, scope: 'own-province' },
  'practice.audit': { service: 'practices', roles: provinceOfficers, scope: 'own-province' },

  // the ministry's pool of recommended practices, across provinces (practices_national)
  'practice.recommendedPool': { service: 'practices', roles: ministryOfficers, scope: 'national' },
  'practice.nationalSummary': { service: 'practices', roles: ministryOfficers, scope: 'national' },

  // numbered batches, composed and published by the ministry (practices_national)
  'batch.create': { service: 'practices', roles: ministryOfficers, scope: 'national' },
  'batch.save': { service: 'practices', roles: ministryOfficers, scope: 'national' },
  'batch.publish': { service: 'practices', roles: ministryOfficers, scope: 'national' },
  'batch.get': { service: 'practices', roles: ministryOfficers, scope: 'national' },
  'batch.list': { service: 'practices', roles: ministryOfficers, scope: 'national' },

  // replication of published practices by the caller's province (practices_<province>)
  'adoption.declare': { service: 'practices', roles: provinceOfficers, scope: 'own-province' },
  'adoption.advance': { service: 'practices', roles: provinceOfficers, scope: 'own-province' },
  'adoption.get': { service: 'practices', roles: provinceOfficers, scope: 'own-province' },
  'adoption.list': { service: 'practices', roles: provinceOfficers, scope: 'own-province' },
  // the ministry's practice × province matrix (practices_national)
  'adoption.matrix': { service: 'practices', roles: ministryOfficers, scope: 'national' },

  // the published library
  'library.version': { service: 'practices', roles: everyone, scope: 'authenticated' },
  'library.batches': { service: 'practices', roles: everyone, scope: 'authenticated' },
  'library.list': { service: 'practices', roles: everyone, scope: 'authenticated' },
  'library.search': { service: 'practices', roles: everyone, scope: 'authenticated' },
  'library.get': { service: 'practices', roles: everyone, scope: 'authenticated' },
  'library.lineage': { service: 'practices', roles: everyone, scope: 'authenticated' },
  'library.exportBatch': { service: 'practices', roles: everyone, scope: 'authenticated' },
  'library.printBatch': { service: 'practices', roles: everyone, scope: 'authenticated' },
};
