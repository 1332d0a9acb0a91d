import {
  approvalCaseCompletedV1,
  approvalCaseOpenedV1,
  approvalEscalatedV1,
  approvalStepDecidedV1,
  type OpenStep,
} from '@tradepilot/contracts';
import { eventHandler, isDuplicateKeyError } from '@tradepilot/messaging';
import { trusted } from '@tradepilot/tenancy';
import type { ApprovalsRepository } from './approvals-repository';
import { approverKey } from './case-chain';

/**
 * Applies a case event to the national index only if it is newer than what the entry has seen;
 * an upsert that meets a newer entry hits the unique _id and is a no-op.
 */
async function applyNewer(
  repository: ApprovalsRepository,
  caseId: string,
  sequence: number,
  update: { $set: Record<string, unknown>; $addToSet?: Record<string, unknown> },
) {
  const index = await repository.index();
  try {
    await index.updateOne(
      { _id: caseId, sourceSequence: trusted({ $lt: sequence }) } as never,
      { ...update, $set: { ...update.$set, sourceSequence: sequence } },
      { upsert: true },
    );
  } catch (err) {
    if (!isDuplicateKeyError(err)) throw err;
  }
}

const routingOf = (steps: OpenStep[]) => ({
  awaiting: [...new Set(steps.map((s) => approverKey(s.approver)))],
  escalatedTo: [...new Set(steps.flatMap((s) => s.escalatedTo.map(approverKey)))],
  nextDueAt: steps.map((s) => new Date(s.dueAt)).sort((a, b) => a.getTime() - b.getTime())[0] ?? null,
  level: Math.min(...steps.map((s) => s.level)),
});

export const caseIndexProjection = (repository: ApprovalsRepository) => [
  eventHandler(approvalCaseOpenedV1, async (event) =>
    applyNewer(repository, event.data.caseId, event.sequence, {
      $set: {
        tenant: event.tenant,
        caseType: event.data.caseType,
        subject: event.data.subject,
        title: event.data.title,
        status: 'open',
        openedAt: new Date(event.data.openedAt),
        closedAt: null,
        previousCaseId: event.data.previousCaseId ?? null,
        ...routingOf(event.data.openSteps ?? []),
        ...(event.data.openSteps?.length ? {} : { level: 1 }),
      },
    }),
  ),
  eventHandler(approvalStepDecidedV1, async (event) => {
    const steps = event.data.openSteps;
    await applyNewer(repository, event.data.caseId, event.sequence, {
      $set: steps.length > 0 ? routingOf(steps) : { awaiting: [], escalatedTo: [], nextDueAt: null },
    });
  }),
  eventHandler(approvalEscalatedV1, async (event) =>
    applyNewer(repository, event.data.caseId, event.sequence, {
      $set: {},
      $addToSet: { escalatedTo: { $each: event.data.escalatedTo.map(approverKey) } },
    }),
  ),
  eventHandler(approvalCaseCompletedV1, async (event) =>
    applyNewer(repository, event.data.caseId, event.sequence, {
      $set: {
        tenant: event.tenant,
        caseType: event.data.caseType,
        subject: event.data.subject,
        status: event.data.outcome,
        level: event.data.level,
        closedAt: new Date(event.data.decidedAt),
        awaiting: [],
        escalatedTo: [],
        nextDueAt: null,
      },
    }),
  ),
];
