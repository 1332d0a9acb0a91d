import type { LocalizedText } from '@tradepilot/contracts';
import {
  invalidState,
  notFound,
  type AuthorizedContext,
  type ServiceDeps,
  auditTrailModel,
} from '@tradepilot/service-kit';
import { nationalScope, stampProjection } from '@tradepilot/tenancy';
import type { PeriodStage } from './period-timeline';
import {
  reportingPeriodModel,
  reportingPeriodsStamp,
  type ReportingPeriodDocument,
} from './reporting-period-model';

export interface ReportingPeriodView {
  periodId: string;
  round: number;
  label: LocalizedText;
  start: string;
  end: string;
  due: string;
  opensAt: string;
  remindAt: string;
  stage: PeriodStage;
  locked: boolean;
  lockedAt: string | null;
  lockedBy: string | null;
}

export const periodView = (p: ReportingPeriodDocument): ReportingPeriodView => ({
  periodId: p._id,
  round: p.round,
  label: p.label,
  start: p.start,
  end: p.end,
  due: p.due,
  opensAt: p.opensAt.toISOString(),
  remindAt: p.remindAt.toISOString(),
  stage: p.stage,
  locked: p.locked,
  lockedAt: p.lockedAt?.toISOString() ?? null,
  lockedBy: p.lockedBy,
});

const periods = (deps: ServiceDeps) => deps.databases.model(nationalScope, reportingPeriodModel);

/** The periods of a round, in order: every signed-in user sees when reports are due. */
export async function listPeriods(deps: ServiceDeps, input: { round?: number | undefined }) {
  const round = input.round ?? deps.registry.latestRound();
  const found = await (await periods(deps))
    .find({ round })
    .sort({ start: 1 })
    .lean<ReportingPeriodDocument[]>();
  return { round, periods: found.map(periodView) };
}

const periodNotFound = (periodId: string) =>
  notFound({ 'zh-CN': `报告期 ${periodId}`, en: `Reporting period ${periodId}` }, 'PERIOD_NOT_FOUND', {
    periodId,
  });

/**
 * A ministry officer locks a period whose due date has passed: its reports are final. Audited
 * with the reason; locking twice is refused (nothing changes).
 */
export async function lockPeriod(
  deps: ServiceDeps,
  ctx: AuthorizedContext,
  input: { periodId: string; reason: string },
): Promise<ReportingPeriodView> {
  const model = await periods(deps);
  const current = await model.findById(input.periodId).lean<ReportingPeriodDocument>();
  if (!current) throw periodNotFound(input.periodId);
  if (current.locked)
    throw invalidState(
      {
        'zh-CN': `报告期 ${current._id} 已于 ${current.lockedAt?.toISOString()} 锁定`,
        en: `Period ${current._id} was locked at ${current.lockedAt?.toISOString()}`,
      },
      'PERIOD_LOCKED',
      { periodId: current._id },
    );
  if (current.stage !== 'due-passed')
    throw invalidState(
      {
        'zh-CN': `报告期 ${current._id} 的报送截止日 ${current.due} 尚未过去，不能锁定`,
        en: `Period ${current._id} is due on ${current.due}, which has not passed: it cannot be locked yet`,
      },
      'PERIOD_NOT_CLOSED',
      { periodId: current._id, due: current.due, stage: current.stage },
    );
  const now = deps.now();
  const updated = await deps.outbox.commit(
    model,
    current,
    { $set: { locked: true, lockedAt: now, lockedBy: ctx.actor.userId, updatedAt: now } },
    [],
    { tenant: nationalScope.tenant, actor: ctx.actor, now },
    [
      {
        model: await deps.databases.model(nationalScope, auditTrailModel),
        document: {
          _id: `reporting-period:${current._id}:${current.version + 1}`,
          subjectType: 'reporting-period',
          subjectId: current._id,
          action: 'locked',
          at: now,
          userId: ctx.actor.userId,
          role: ctx.actor.role,
          organisationId: ctx.actor.organisationId,
          version: current.version + 1,
          changes: [{ field: 'locked', before: false, after: true }],
          reason: input.reason,
        },
      },
    ],
  );
  // the scheduler moved it in between: read again and decide on what it is now
  if (!updated) return lockPeriod(deps, ctx, input);
  await stampProjection(deps.databases, reportingPeriodsStamp);
  return periodView(updated);
}
