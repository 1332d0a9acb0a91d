import {
  approvalCaseCompletedV1,
  approvalCaseOpenedV1,
  approvalEscalatedV1,
  approvalStepDecidedV1,
  type OpenStep,
} from '@tradepilot/contracts';
import { eventHandler, isDuplicateKeyError } from '@tradepilot/messaging';
import { trusted } from '@tradepilot/tenancy';
import type { Model } from 'mongoose';
import type { ApprovalsRepository } from './approvals-repository';
import { approverKey } from './case-chain';
import type { CaseIndexEntry } from './case-index-model';

type IndexUpdate = { $set: Record<string, unknown>; $addToSet?: Record<string, unknown> };

/**
 * Applies a case event to an index entry only if it is newer than what the entry has seen; an
 * upsert that meets a newer (or the same) entry hits the unique _id and is a no-op. Tells whether
 * it inserted the entry.
 */
export async function upsertNewer(
  index: Model<CaseIndexEntry>,
  caseId: string,
  sequence: number,
  update: IndexUpdate,
): Promise<boolean> {
  try {
    const result = await index.updateOne(
      { _id: caseId, sourceSequence: trusted({ $lt: sequence }) } as never,
      { ...update, $set: { ...update.$set, sourceSequence: sequence } },
      { upsert: true },
    );
    return result.upsertedCount === 1;
  } catch (err) {
    if (!isDuplicateKeyError(err)) throw err;
    return false;
  }
}

/** Deletes a case's open entry if it holds only events before `sequence` (its close). */
async function dropOpenBefore(repository: ApprovalsRepository, caseId: string, sequence: number) {
  await (
    await repository.index()
  ).deleteOne({ _id: caseId, sourceSequence: trusted({ $lt: sequence }) } as never);
}

/**
 * An event of a case still open, applied to the open index. Cases never reopen (a resubmission is
 * a new case), so only an upsert that *created* the entry can be a late or redelivered event of a
 * closed case: only then is the closed index read (it grows with history, and FerretDB scans it
 * whole), and the entry dropped again if the case closed. The close upserts its entry, then
 * deletes; this inserts, then looks: however the two interleave, one sees the other.
 */
async function applyToOpen(
  repository: ApprovalsRepository,
  caseId: string,
  sequence: number,
  update: IndexUpdate,
) {
  if (!(await upsertNewer(await repository.index(), caseId, sequence, update))) return;
  const closed = await (await repository.closedIndex())
    .findById(caseId, { sourceSequence: 1 })
    .lean<Pick<CaseIndexEntry, 'sourceSequence'>>();
  if (closed) await dropOpenBefore(repository, caseId, closed.sourceSequence);
}

const routingOf = (steps: OpenStep[]) => ({
  awaiting: [...new Set(steps.map((s) => approverKey(s.approver)))],
  escalatedTo: [...new Set(steps.flatMap((s) => s.escalatedTo.map(approverKey)))],
  nextDueAt: steps.map((s) => new Date(s.dueAt)).sort((a, b) => a.getTime() - b.getTime())[0] ?? null,
  level: Math.min(...steps.map((s) => s.level)),
});

export const caseIndexProjection = (repository: ApprovalsRepository) => [
  eventHandler(approvalCaseOpenedV1, async (event) =>
    applyToOpen(repository, event.data.caseId, event.sequence, {
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
    await applyToOpen(repository, event.data.caseId, event.sequence, {
      $set: steps.length > 0 ? routingOf(steps) : { awaiting: [], escalatedTo: [], nextDueAt: null },
    });
  }),
  eventHandler(approvalEscalatedV1, async (event) =>
    applyToOpen(repository, event.data.caseId, event.sequence, {
      $set: {},
      $addToSet: { escalatedTo: { $each: event.data.escalatedTo.map(approverKey) } },
    }),
  ),
  eventHandler(approvalCaseCompletedV1, async (event) => {
    const caseId = event.data.caseId;
    // what the completion does not carry comes from the open entry (gone once a first try moved it)
    const open = await (await repository.index())
      .findById(caseId, { title: 1, openedAt: 1, previousCaseId: 1 })
      .lean<Pick<CaseIndexEntry, 'title' | 'openedAt' | 'previousCaseId'>>();
    await upsertNewer(await repository.closedIndex(), caseId, event.sequence, {
      $set: {
        ...(open ? { title: open.title, openedAt: open.openedAt, previousCaseId: open.previousCaseId } : {}),
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
    });
    // after the closed entry: a crash in between leaves both, and the redelivery removes the open one
    await dropOpenBefore(repository, caseId, event.sequence);
  }),
];
