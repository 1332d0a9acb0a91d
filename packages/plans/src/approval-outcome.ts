import {
  approvalCaseCompletedV1,
  type ApplicableMeasure,
  planApprovedV1,
  planReturnedV1,
  systemActor,
  type EventOf,
} from '@tradepilot/contracts';
import { eventDraft, eventHandler, VersionConflict, type EventDraft } from '@tradepilot/messaging';
import type { ServiceDeps } from '@tradepilot/service-kit';
import { tenantScope } from '@tradepilot/tenancy';
import { applicableMeasures } from './applicable-measures';
import type { MeasureCatalog } from './measure-catalog';
import { planDecisionPurpose } from './plan-arrays-migration';
import { commitPlanChange, type PlanChange } from './plan-commit';
import type { PlanDocument, SubmissionRecord } from './plan-model';
import type { PlanRepository } from './plan-repository';

type Decision = EventOf<typeof approvalCaseCompletedV1>;

type MeasureDepartments = { measureId: string; departmentIds: string[] }[];

/** The departments the catalog names responsible for each measure the plan's tasks map to. */
async function measureDepartmentsOf(
  catalog: MeasureCatalog,
  plan: PlanDocument,
): Promise<MeasureDepartments> {
  const measures = await catalog.byIds(plan.tasks.flatMap((t) => t.measureIds));
  return [...measures.values()]
    .map((m) => ({ measureId: m._id, departmentIds: [...m.responsibleDepartments].sort() }))
    .sort((a, b) => a.measureId.localeCompare(b.measureId));
}

/** The plan's change for a decision on its current submission. */
function decisionChange(
  plan: PlanDocument,
  event: Decision,
  now: Date,
  measureDepartments: MeasureDepartments,
  applicable: ApplicableMeasure[],
): PlanChange {
  const { outcome, reason, caseId } = event.data;
  const submissions: SubmissionRecord[] = plan.submissions.map((s) =>
    s.submission === plan.submission
      ? { ...s, outcome, reason, caseId, decidedAt: now, decidedBy: event.actor.userId }
      : s,
  );
  const record = submissions.find((s) => s.submission === plan.submission);
  if (outcome === 'approved') {
    const status = plan.amendment?.resumeStatus ?? 'approved';
    const events: EventDraft[] = [
      eventDraft(planApprovedV1, {
        planId: plan._id,
        pilotAreaId: plan.pilotAreaId,
        round: plan.round,
        title: plan.title,
        period: plan.period as NonNullable<PlanDocument['period']>,
        submission: plan.submission,
        amendment: plan.amendment !== null,
        status,
        tasks: plan.tasks,
        measureCoverage: record?.measureCoverage ?? { applicable: 0, covered: 0, percent: 100 },
        applicableMeasures: applicable,
        caseId,
        measureDepartments,
        approvedAt: now.toISOString(),
      }),
    ];
    return {
      set: {
        status,
        approvedAt: now,
        returnReason: null,
        inForce: { submission: plan.submission, approvedAt: now },
        amendment: null,
        submissions,
      },
      events,
      audit: {
        action: 'approved',
        changes: [
          { field: 'status', before: plan.status, after: status },
          { field: 'inForce', before: plan.inForce?.submission ?? null, after: plan.submission },
        ],
      },
    };
  }
  const because = reason ?? '';
  return {
    set: { status: 'returned', returnReason: because, submissions },
    events: [
      eventDraft(planReturnedV1, {
        planId: plan._id,
        pilotAreaId: plan.pilotAreaId,
        round: plan.round,
        submission: plan.submission,
        outcome,
        reason: because,
        caseId,
        returnedAt: now.toISOString(),
      }),
    ],
    audit: {
      action: outcome,
      changes: [{ field: 'status', before: plan.status, after: 'returned' }],
      reason: because,
    },
  };
}

/**
 * The approvals engine decided a plan: approved (now in force and read-only), or returned or
 * rejected with the approver's reason (back to the province for redrafting). The write is
 * conditional on the plan's version and the event id is recorded (`applied_events`), so a
 * redelivered decision changes nothing; a decision about an older submission, or one redelivered
 * after a crash before its id was recorded, is audited and otherwise ignored. A decision for a
 * closed plan (found in `closed_plans` once its events are published) is only logged.
 */
export const approvalOutcomeHandler = (deps: ServiceDeps, plans: PlanRepository, catalog: MeasureCatalog) =>
  eventHandler(approvalCaseCompletedV1, async (event: Decision): Promise<void> => {
    const { subject } = event.data;
    if (subject.service !== 'plans' || subject.type !== 'plan') return;
    const scope = tenantScope(event.tenant);
    const plan = await plans.get(scope, subject.id);
    if (!plan) {
      deps.logger.warn(
        { planId: subject.id, eventId: event.id },
        'decision for a plan this province does not have',
      );
      return;
    }
    if (await plans.appliedEvents.wasApplied(scope, event.id, planDecisionPurpose)) return;
    // a closed plan never changes again (and may be in closed_plans already, where nothing writes)
    if (plan.status === 'closed') {
      deps.logger.warn(
        { planId: plan._id, eventId: event.id, submission: subject.version, outcome: event.data.outcome },
        'decision for a closed plan ignored',
      );
      return;
    }

    const current = plan.status === 'submitted' && plan.submission === subject.version;
    const now = deps.now();
    const approving = current && event.data.outcome === 'approved';
    // what supervision measures the area against: the applicable measures as this version covers them
    const applicable = approving
      ? applicableMeasures(
          await catalog.applicableTo(plan.pilotAreaId),
          plan.tasks,
          plan.coverageExplanations,
        )
      : [];
    const change: PlanChange = current
      ? decisionChange(
          plan,
          event,
          now,
          approving ? await measureDepartmentsOf(catalog, plan) : [],
          applicable,
        )
      : {
          set: {},
          events: [],
          audit: {
            action: 'stale-decision-ignored',
            reason: `submission ${subject.version}: ${event.data.outcome}`,
          },
        };
    const updated = await commitPlanChange(deps, plans, scope, plan, event.actor, change, {
      causationId: event.id,
      eventActor: systemActor('plans'),
    });
    // someone changed the plan in between (or a crashed writer still holds its claim): a transient
    // failure, retried against the new version for as long as it takes, never dead-lettered
    if (!updated) throw new VersionConflict(`plan ${plan._id} changed while applying decision ${event.id}`);
    await plans.appliedEvents.markApplied(
      scope,
      { eventId: event.id, purpose: planDecisionPurpose, aggregateId: plan._id },
      now,
    );
  });
