import type { PolicyTable } from './policy-types';

/** Procedures the gateway answers itself. */
export const gatewayPolicy: PolicyTable = {
  'auth.devLogin': { service: 'gateway', roles: [], scope: 'public' },
  'auth.me': { service: 'gateway', roles: [], scope: 'authenticated' },
};
