import type { Role } from '../roles';
import { ministryOfficers, type PolicyTable } from './policy-types';

/** Everyone who may hold a step of an approval chain: the engine checks role + organisation per case. */
const approvers: readonly Role[] = ['ministry-officer', 'department-liaison', 'province-officer'];
/** Approvers and those who originate cases (a pilot area sees its own cases). */
const caseReaders: readonly Role[] = [...approvers, 'pilot-area-officer'];
/** Bulk decisions are a separate permission: liaisons (consultations) do not get it. */
const bulkApprovers: readonly Role[] = ['ministry-officer', 'province-officer'];

/**
 * Procedures of the approvals service. Cases are read and decided by national and provincial
 * users alike, so those entries use scope `authenticated`: the engine answers only with cases
 * the caller's role, organisation and province (or a delegation) reach, NOT_FOUND otherwise.
 */
export const approvalsPolicy: PolicyTable = {
  'case.listOpen': { service: 'approvals', roles: ministryOfficers, scope: 'national' },
  'case.nationalSummary': { service: 'approvals', roles: ministryOfficers, scope: 'national' },
  'case.get': { service: 'approvals', roles: caseReaders, scope: 'authenticated' },
  'case.decide': { service: 'approvals', roles: approvers, scope: 'authenticated' },
  'case.bulkDecide': { service: 'approvals', roles: bulkApprovers, scope: 'authenticated' },
  'case.inbox': { service: 'approvals', roles: approvers, scope: 'authenticated' },
  'case.escalations': { service: 'approvals', roles: approvers, scope: 'authenticated' },
  'caseType.list': { service: 'approvals', roles: caseReaders, scope: 'authenticated' },
  'delegation.set': { service: 'approvals', roles: approvers, scope: 'authenticated' },
  'delegation.list': { service: 'approvals', roles: approvers, scope: 'authenticated' },
  'calendar.load': { service: 'approvals', roles: ['operator'], scope: 'national' },
  'calendar.get': { service: 'approvals', roles: [...caseReaders, 'operator'], scope: 'authenticated' },
  'matter.delegate': {
    service: 'approvals',
    roles: ['ministry-officer', 'department-liaison'],
    scope: 'national',
  },
  'matter.list': { service: 'approvals', roles: approvers, scope: 'authenticated' },
  'matter.statistics': {
    service: 'approvals',
    roles: ['ministry-officer', 'province-officer'],
    scope: 'authenticated',
  },
  'application.register': { service: 'approvals', roles: ['province-officer'], scope: 'own-province' },
  'application.get': { service: 'approvals', roles: ['province-officer'], scope: 'own-province' },
  'application.list': { service: 'approvals', roles: ['province-officer'], scope: 'own-province' },
};
