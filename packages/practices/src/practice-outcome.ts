import { approvalCaseCompletedV1, systemActor, type EventOf } from '@tradepilot/contracts';
import { eventHandler, VersionConflict } from '@tradepilot/messaging';
import type { ServiceDeps } from '@tradepilot/service-kit';
import { nationalScope, tenantScope, type TenantScope } from '@tradepilot/tenancy';
import type { PracticeDocument } from './practice-model';
import type { PracticeChange, PracticeRepository } from './practice-repository';
import { recommendedPracticeModel } from './recommended-practice-model';

type Decision = EventOf<typeof approvalCaseCompletedV1>;
const purpose = 'practice-outcome';

function decisionChange(practice: PracticeDocument, event: Decision, now: Date): PracticeChange {
  const { outcome, reason, caseId } = event.data;
  if (outcome === 'approved') {
    return {
      set: { status: 'recommended', caseId, recommendedAt: now, returnReason: null },
      events: [],
      audit: {
        action: 'recommended',
        changes: [{ field: 'status', before: practice.status, after: 'recommended' }],
      },
    };
  }
  const status = outcome === 'returned' ? 'returned' : 'rejected';
  return {
    set: { status, caseId, returnReason: reason ?? '' },
    events: [],
    audit: {
      action: outcome,
      changes: [{ field: 'status', before: practice.status, after: status }],
      reason,
    },
  };
}

/** Puts a recommended practice into the national pool, as it stood when recommended (idempotent). */
async function addToPool(deps: ServiceDeps, scope: TenantScope, practice: PracticeDocument): Promise<void> {
  const pool = await deps.databases.model(nationalScope, recommendedPracticeModel);
  await pool.updateOne(
    { _id: practice._id },
    {
      $setOnInsert: {
        province: scope.tenant,
        pilotAreaId: practice.pilotAreaId,
        title: practice.title,
        coAuthors: practice.coAuthors,
        taskGroupId: practice.taskGroupId,
        measureIds: practice.measureIds,
        practice: practice.practice,
        results: practice.results,
        figures: practice.figures,
        replicationConditions: practice.replicationConditions,
        tags: practice.tags,
        attachments: practice.attachments,
        contactUnit: practice.contactUnit,
        submission: practice.submission,
        caseId: practice.caseId ?? '',
        recommendedAt: practice.recommendedAt ?? deps.now(),
        batchId: null,
      },
    },
    { upsert: true },
  );
}

/**
 * The approvals engine decided a practice case: approved puts it in the pool batches are
 * composed from; returned reopens it for the pilot area; rejected closes it. Each step is
 * idempotent (state-guarded writes, the pool keyed by practice, the event id recorded last), so
 * a redelivery or a crash in between completes the work and changes nothing twice.
 */
export const practiceOutcomeHandler = (deps: ServiceDeps, practices: PracticeRepository) =>
  eventHandler(approvalCaseCompletedV1, async (event: Decision): Promise<void> => {
    const { subject } = event.data;
    if (subject.service !== 'practices' || subject.type !== 'practice') return;
    const scope = tenantScope(event.tenant);
    if (await practices.wasApplied(scope, event.id, purpose)) return;
    let practice = await practices.get(scope, subject.id);
    if (!practice) {
      deps.logger.warn(
        { practiceId: subject.id, eventId: event.id },
        'decision for a practice this province does not have',
      );
      return;
    }
    const now = deps.now();
    const current = practice.status === 'submitted' && practice.submission === subject.version;
    if (current) {
      const updated = await practices.commit(
        deps,
        scope,
        practice,
        event.actor,
        decisionChange(practice, event, now),
        {
          causationId: event.id,
          eventActor: systemActor('practices'),
        },
      );
      // changed in between: fail so the runner retries against the new version
      if (!updated)
        throw new VersionConflict(`practice ${practice._id} changed while applying decision ${event.id}`);
      practice = updated;
    }
    if (practice.status === 'recommended' && practice.submission === subject.version)
      await addToPool(deps, scope, practice);
    await practices.markApplied(scope, event.id, purpose, event.type, practice._id, now);
  });
