import { ministryOfficers, operators, type PolicyTable } from './policy-types';

/** Procedures the gateway answers itself. */
export const gatewayPolicy: PolicyTable = {
  'auth.devLogin': { service: 'gateway', roles: [], scope: 'public' },
  'auth.refresh': { service: 'gateway', roles: [], scope: 'public' },
  'auth.logout': { service: 'gateway', roles: [], scope: 'public' },
  'auth.me': { service: 'gateway', roles: [], scope: 'authenticated' },
  // what the sign-in page offers (the built-in provider, an external OpenID Connect one)
  'auth.signInOptions': { service: 'gateway', roles: [], scope: 'public' },
  // the program's provinces, pilot areas and departments (reference data, names for screens)
  'reference.places': { service: 'gateway', roles: [], scope: 'authenticated' },
  // the ministry's record of cross-province reads, and its national overview
  'audit.crossProvinceCalls': { service: 'gateway', roles: ministryOfficers, scope: 'national' },
  'national.overview': { service: 'gateway', roles: ministryOfficers, scope: 'national' },
  // operators run the platform: tenants, users, dead letters; never domain data
  'operator.tenant.list': { service: 'gateway', roles: operators, scope: 'platform' },
  'operator.user.list': { service: 'gateway', roles: operators, scope: 'platform' },
  'operator.user.create': { service: 'gateway', roles: operators, scope: 'platform' },
  'operator.user.setDisabled': { service: 'gateway', roles: operators, scope: 'platform' },
  'operator.health': { service: 'gateway', roles: operators, scope: 'platform' },
  'operator.trace.services': { service: 'gateway', roles: operators, scope: 'platform' },
  'operator.trace.search': { service: 'gateway', roles: operators, scope: 'platform' },
  'operator.trace.get': { service: 'gateway', roles: operators, scope: 'platform' },
  'operator.deadLetter.list': { service: 'gateway', roles: operators, scope: 'platform' },
  'operator.deadLetter.replay': { service: 'gateway', roles: operators, scope: 'platform' },
  // outbox entries a relay set aside (too large, refused again and again), in every service
  'operator.quarantine.list': { service: 'gateway', roles: operators, scope: 'platform' },
  'operator.quarantine.replay': { service: 'gateway', roles: operators, scope: 'platform' },
};
