import {
  appliedEventId,
  appliedEventModel,
  moveArraysOut,
  startupMigrationTask,
} from '@tradepilot/messaging';
import type { ServiceDeps } from '@tradepilot/service-kit';
import type { AuditEntry } from './audit-entry';
import { planAuditId, planAuditModel } from './plan-audit-model';
import { planModel } from './plan-model';

export const planDecisionPurpose = 'plan-decision';

/**
 * Plans written before the audit log and the applied decisions had their own collections carry
 * them as arrays (`audit`, `appliedEventIds`): moved out at start, idempotently.
 */
export const migratePlanArrays = (deps: Pick<ServiceDeps, 'databases'>): Promise<number> =>
  moveArraysOut(deps.databases, planModel, [
    {
      field: 'audit',
      to: planAuditModel,
      documents: (plan, entries) => {
        const seen = new Map<number, number>();
        return (entries as AuditEntry[]).map((entry) => {
          // one line per version; a repeated version (none expected) keeps its lines apart
          const n = seen.get(entry.version) ?? 0;
          seen.set(entry.version, n + 1);
          const id = planAuditId(String(plan._id), entry.version);
          return { ...entry, _id: n === 0 ? id : `${id}:${n}`, planId: String(plan._id) };
        });
      },
    },
    {
      field: 'appliedEventIds',
      to: appliedEventModel,
      documents: (plan, eventIds) =>
        (eventIds as string[]).map((eventId) => ({
          _id: appliedEventId(eventId, planDecisionPurpose),
          eventId,
          purpose: planDecisionPurpose,
          aggregateId: String(plan._id),
          appliedAt: new Date(0),
        })),
    },
  ]);

export const planArraysMigration = (deps: ServiceDeps) =>
  startupMigrationTask(
    'plan-arrays',
    () => migratePlanArrays(deps),
    deps.logger,
    'moved embedded arrays to their collections',
  );
