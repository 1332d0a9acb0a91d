import { practiceSubmittedV1 } from '@tradepilot/contracts';
import { eventDraft } from '@tradepilot/messaging';
import type { AuthorizedContext } from '@tradepilot/service-kit';
import type { DraftingDeps } from './practice-drafting';
import { assertOwnArea, practiceForCaller } from './practice-access';
import { practiceErrors } from './practice-errors';
import { editableStatuses, type PracticeDocument } from './practice-model';
import { toPracticeView } from './practice-view';

/** What a practice needs before its province can weigh it. */
export function missingForSubmission(practice: PracticeDocument): string[] {
  const missing: string[] = [];
  if (!practice.taskGroupId) missing.push('taskGroupId');
  if (!practice.practice.trim()) missing.push('practice');
  if (!practice.results.trim()) missing.push('results');
  if (!practice.replicationConditions.trim()) missing.push('replicationConditions');
  if (!practice.contactUnit) missing.push('contactUnit');
  return missing;
}

/**
 * The pilot area submits (again, after a return): the practice is frozen while the approvals
 * engine runs its `practice` case (province recommends → ministry reviews), opened by
 * practice.submitted.v1 from the same write.
 */
export async function submitPractice(
  d: DraftingDeps,
  ctx: AuthorizedContext,
  input: { practiceId: string; version: number },
) {
  const { deps, practices } = d;
  const { scope, practice } = await practiceForCaller(practices, ctx, input.practiceId);
  assertOwnArea(ctx, practice);
  if (practice.version !== input.version)
    throw practiceErrors.versionConflict(
      input.version,
      practice.version,
      practice.updatedBy,
      practice.updatedAt,
    );
  if (!editableStatuses.includes(practice.status)) throw practiceErrors.notEditable(practice.status);
  const missing = missingForSubmission(practice);
  if (missing.length > 0) throw practiceErrors.incomplete(missing);
  const now = deps.now();
  const submission = practice.submission + 1;
  const updated = await practices.commit(deps, scope, practice, ctx.actor, {
    set: { status: 'submitted', submission, submittedAt: now, returnReason: null },
    events: [
      eventDraft(practiceSubmittedV1, {
        practiceId: practice._id,
        pilotAreaId: practice.pilotAreaId,
        title: practice.title,
        summary: practice.practice.slice(0, 2000),
        submission,
        submittedAt: now.toISOString(),
      }),
    ],
    audit: {
      action: 'submitted',
      changes: [
        { field: 'status', before: practice.status, after: 'submitted' },
        { field: 'submission', before: practice.submission, after: submission },
      ],
    },
  });
  if (!updated) {
    const latest = await practices.get(scope, practice._id);
    throw practiceErrors.versionConflict(
      input.version,
      latest?.version ?? input.version,
      latest?.updatedBy ?? '?',
      latest?.updatedAt ?? now,
    );
  }
  return toPracticeView(updated, scope.tenant);
}
