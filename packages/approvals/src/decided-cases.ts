import { approvalCaseCompletedV1 } from '@tradepilot/contracts';
import { moveAllSettled, startupMigrationTask, type SettledDocuments } from '@tradepilot/messaging';
import type { ServiceDeps } from '@tradepilot/service-kit';
import { approvalCaseModel } from './approval-case-model';
import { decidedCaseModel } from './decided-case-model';

/**
 * A closed case leaves `cases` for `decided_cases` once its outbox is empty: cases never reopen
 * (a resubmission is a new case), and the completion is a case's last event.
 */
export const decidedCases: SettledDocuments = {
  from: approvalCaseModel,
  to: decidedCaseModel,
  settled: { status: { $ne: 'open' } },
  finalEvents: [approvalCaseCompletedV1.type],
};

/**
 * At start: closed cases left in `cases` (written before decided cases had their own collection,
 * or whose move a crash or an outage interrupted) move, each only with its outbox empty.
 */
export const decidedCasesMigration = (deps: Pick<ServiceDeps, 'logger' | 'databases'>) =>
  startupMigrationTask(
    'decided-cases',
    () => moveAllSettled(deps.databases, decidedCases),
    deps.logger,
    'moved decided cases out of the open cases',
  );
