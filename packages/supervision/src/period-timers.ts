import { periodDuePassedV1, periodDueSoonV1, periodOpenedV1, systemActor } from '@tradepilot/contracts';
import { eventDraft, type EventDraft } from '@tradepilot/messaging';
import type { ServiceDeps } from '@tradepilot/service-kit';
import { nationalScope, stampProjection, trusted } from '@tradepilot/tenancy';
import type { DueItem, DueItemSource, FireOutcome } from '@tradepilot/timers';
import { nextStage, type PeriodStage } from './period-timeline';
import { reportingCalendar } from './reporting-calendar';
import {
  reportingPeriodModel,
  reportingPeriodsStamp,
  type ReportingPeriodDocument,
} from './reporting-period-model';

/** The next stage of one period, as the scheduler sees it. */
export interface PeriodTimerItem extends DueItem {
  periodId: string;
  stage: PeriodStage;
}

const draftFor = (period: ReportingPeriodDocument, stage: PeriodStage, now: Date): EventDraft => {
  const common = { periodId: period._id, round: period.round, due: period.due };
  switch (stage) {
    case 'open':
      return eventDraft(periodOpenedV1, {
        ...common,
        label: period.label,
        start: period.start,
        end: period.end,
        openedAt: now.toISOString(),
      });
    case 'reminded':
      return eventDraft(periodDueSoonV1, {
        ...common,
        workingDaysLeft: Math.min(
          60,
          reportingCalendar().workingDaysBetween(period.remindAt.toISOString().slice(0, 10), period.due),
        ),
        remindedAt: now.toISOString(),
      });
    default:
      return eventDraft(periodDuePassedV1, { ...common, passedAt: now.toISOString() });
  }
};

/**
 * The reporting periods' stages on the durable scheduler (national): a period opens, reminds and
 * turns late at its stored times, each stage once, in the conditional write that records it with
 * its event (under the scheduler's deterministic id), across restarts and instances.
 */
export function periodTimers(deps: ServiceDeps): DueItemSource<PeriodTimerItem> {
  const periods = () => deps.databases.model(nationalScope, reportingPeriodModel);
  return {
    scopes: async () => [nationalScope],

    async due(_scope, now, limit) {
      const found = await (
        await periods()
      )
        .find({ nextTimerAt: trusted({ $lte: now }) } as never)
        .sort({ nextTimerAt: 1 })
        .limit(limit)
        .lean<ReportingPeriodDocument[]>();
      return found.flatMap((p) => {
        const next = nextStage(p.stage, p);
        return next && next.at <= now
          ? [
              {
                subject: `period:${p._id}`,
                kind: next.stage,
                dueAt: next.at,
                periodId: p._id,
                stage: next.stage,
              },
            ]
          : [];
      });
    },

    async fire(_scope, item, { eventId, now }): Promise<FireOutcome> {
      const model = await periods();
      const current = await model.findById(item.periodId).lean<ReportingPeriodDocument>();
      const next = current ? nextStage(current.stage, current) : null;
      if (!current || !next || next.stage !== item.stage || next.at > now) return 'not-due';
      const after = nextStage(item.stage, current);
      const updated = await deps.outbox.commit(
        model,
        current,
        { $set: { stage: item.stage, nextTimerAt: after?.at ?? null, updatedAt: now } },
        [{ ...draftFor(current, item.stage, now), id: eventId }],
        { tenant: nationalScope.tenant, actor: systemActor('supervision'), now },
      );
      if (!updated)
        throw new Error(
          `period ${current._id} changed while its ${item.stage} timer fired; retried next sweep`,
        );
      await stampProjection(deps.databases, reportingPeriodsStamp);
      return 'fired';
    },
  };
}
