import { approvalCaseCompletedV1, approvalCaseOpenedV1 } from '@tradepilot/contracts';
import { eventHandler, isDuplicateKeyError } from '@tradepilot/messaging';
import { trusted } from '@tradepilot/tenancy';
import type { CaseRepository } from './case-repository';

/**
 * Applies a case event to the national index only if it is newer than what the entry has seen;
 * an upsert that meets a newer entry hits the unique _id and is a no-op.
 */
async function applyNewer(
  cases: CaseRepository,
  caseId: string,
  sequence: number,
  set: Record<string, unknown>,
) {
  const index = await cases.index();
  try {
    await index.updateOne(
      { _id: caseId, sourceSequence: trusted({ $lt: sequence }) },
      { $set: { ...set, sourceSequence: sequence } },
      { upsert: true },
    );
  } catch (err) {
    if (!isDuplicateKeyError(err)) throw err;
  }
}

export const caseIndexProjection = (cases: CaseRepository) => [
  eventHandler(approvalCaseOpenedV1, async (event) =>
    applyNewer(cases, event.data.caseId, event.sequence, {
      tenant: event.tenant,
      caseType: event.data.caseType,
      subject: event.data.subject,
      title: event.data.title,
      status: 'open',
      openedAt: new Date(event.data.openedAt),
      closedAt: null,
    }),
  ),
  eventHandler(approvalCaseCompletedV1, async (event) =>
    applyNewer(cases, event.data.caseId, event.sequence, {
      tenant: event.tenant,
      caseType: event.data.caseType,
      subject: event.data.subject,
      status: event.data.outcome,
      closedAt: new Date(event.data.decidedAt),
    }),
  ),
];
