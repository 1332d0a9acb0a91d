import { measureStatusChangedV1, reportAcceptedV1, systemActor, type EventOf } from '@tradepilot/contracts';
import {
  eventDraft,
  eventHandler,
  insertOnce,
  isDuplicateKeyError,
  VersionConflict,
} from '@tradepilot/messaging';
import { type ServiceDeps, auditTrailModel } from '@tradepilot/service-kit';
import { nationalScope, stampProjection, tenantScope, trusted, type TenantScope } from '@tradepilot/tenancy';
import type { Model } from 'mongoose';
import { appliedEventId, appliedEventModel } from '../applied-event-model';
import { planVersionId, planVersionModel, type PlanVersionDocument } from '../plan-version-model';
import { reportingPeriodModel, type ReportingPeriodDocument } from '../reporting-period-model';
import { reportById } from '../reports/report-context';
import type { ProgressReportDocument } from '../reports/report-model';
import { countsOf, groupCountsOf } from './implementation-rate';
import { implementationMatrixModel, type ImplementationMatrixRow } from './implementation-matrix-model';
import {
  implementationRateModel,
  nationalRateStamp,
  type ImplementationRateRow,
} from './implementation-rate-model';
import {
  measureImplementationId,
  measureImplementationModel,
  type MeasureImplementationDocument,
} from './measure-implementation-model';
import { measureStatuses, taskStatusesOf, type MeasureStatusLine } from './measure-status';
import {
  measureStatusPeriodId,
  measureStatusPeriodModel,
  type MeasureStatusPeriodDocument,
} from './measure-status-period-model';

type Accepted = EventOf<typeof reportAcceptedV1>;
const purpose = 'measure-status';
export const measureStatusAuditSubject = 'measure-status';

/** An upsert applied only while the row has not seen this report event (an older or repeated one changes nothing). */
async function upsertInOrder<T>(
  model: Model<T>,
  id: string,
  sequence: number,
  set: Partial<T>,
): Promise<void> {
  try {
    await model.updateOne(
      { _id: id, reportSequence: trusted({ $lt: sequence }) } as never,
      { $set: { ...set, reportSequence: sequence } } as never,
      { upsert: true },
    );
  } catch (err) {
    // the row has seen this event (the upsert met its own _id)
    if (!isDuplicateKeyError(err)) throw err;
  }
}

/**
 * Moves each measure's current status in the area, each change one write with its
 * `measure.status_changed.v1`; a repeat finds the status already there and emits nothing.
 */
async function moveCurrentStatuses(
  deps: ServiceDeps,
  scope: TenantScope,
  event: Accepted,
  report: ProgressReportDocument,
  period: ReportingPeriodDocument,
  lines: readonly MeasureStatusLine[],
): Promise<void> {
  const model = await deps.databases.model(scope, measureImplementationModel);
  const current = new Map(
    (
      await model
        .find({ round: report.round, pilotAreaId: report.pilotAreaId })
        .select({ outbox: 0 })
        .lean<MeasureImplementationDocument[]>()
    ).map((d) => [d._id, d]),
  );
  const now = deps.now();
  const meta = { tenant: event.tenant, actor: systemActor('supervision'), causationId: event.id, now };
  for (const line of lines) {
    const id = measureImplementationId(report.round, report.pilotAreaId, line.measureId);
    const before = current.get(id);
    if (before && (before.status === line.status || before.periodStart > period.start)) continue;
    const changed = eventDraft(measureStatusChangedV1, {
      pilotAreaId: report.pilotAreaId,
      measureId: line.measureId,
      round: report.round,
      periodId: period._id,
      status: line.status,
      previousStatus: before?.status ?? null,
      reportId: report._id,
      changedAt: now.toISOString(),
    });
    const state = {
      status: line.status,
      periodId: period._id,
      periodStart: period.start,
      reportId: report._id,
      updatedAt: now,
    };
    if (!before) {
      await insertOnce(() =>
        deps.outbox.create(
          model,
          {
            _id: id,
            round: report.round,
            pilotAreaId: report.pilotAreaId,
            measureId: line.measureId,
            ...state,
          },
          [changed],
          meta,
        ),
      );
      continue;
    }
    const updated = await deps.outbox.commit(model, before, { $set: state }, [changed], meta);
    // changed in between: the runner retries, and the retry skips what already moved
    if (!updated) throw new VersionConflict(`measure status ${id} changed while applying ${event.id}`);
  }
}

/**
 * Each accepted report sets the status of every measure applicable to the area for its period
 * (kept per period), the ministry's row of the area and period in `supervision_national`, and the
 * measures' current statuses with their events. Every step is idempotent; the event id is
 * recorded last, so a redelivery after a crash completes what is missing and doubles nothing.
 */
export const implementationProjection = (deps: ServiceDeps) =>
  eventHandler(reportAcceptedV1, async (event: Accepted): Promise<void> => {
    const scope = tenantScope(event.tenant);
    const applied = await deps.databases.model(scope, appliedEventModel);
    const appliedId = appliedEventId(purpose, event.id);
    if ((await applied.exists({ _id: appliedId })) !== null) return;
    const record = () =>
      insertOnce(() => applied.create({ _id: appliedId, eventId: event.id, purpose, appliedAt: deps.now() }));

    // accepted after its due day, it may have moved to the past reports already
    const { report } = await reportById(deps, scope, event.aggregateId);
    if (!report || report.submission !== event.data.submission) {
      deps.logger.warn(
        { reportId: event.aggregateId, eventId: event.id },
        'accepted report not found at the accepted submission; no statuses taken',
      );
      await record();
      return;
    }
    const period = await (await deps.databases.model(nationalScope, reportingPeriodModel))
      .findById(report.periodId)
      .select({ outbox: 0 })
      .lean<ReportingPeriodDocument>();
    const version = await (await deps.databases.model(scope, planVersionModel))
      .findById(planVersionId(report.round, report.pilotAreaId, report.planSubmission))
      .lean<PlanVersionDocument>();
    if (!period || !version)
      throw new Error(`report ${report._id}: period or plan version ${report.planSubmission} unknown`);

    const history = await deps.databases.model(scope, measureStatusPeriodModel);
    const area = { round: report.round, pilotAreaId: report.pilotAreaId };
    const [earlier] = await history
      .find({ ...area, periodStart: trusted({ $lt: period.start }) })
      .sort({ periodStart: -1 })
      .limit(1)
      .lean<MeasureStatusPeriodDocument[]>();
    const later = await history.exists({ ...area, periodStart: trusted({ $gt: period.start }) });

    const tasks = taskStatusesOf(report.taskIds, report.entries, earlier?.tasks ?? []);
    const lines = measureStatuses(version.applicableMeasures, version.tasks, tasks);
    const counts = countsOf(lines);
    const groups = groupCountsOf(lines);
    const id = measureStatusPeriodId(report.round, period._id, report.pilotAreaId);
    const now = deps.now();
    await upsertInOrder(history, id, event.sequence, {
      ...area,
      periodId: period._id,
      periodStart: period.start,
      reportId: report._id,
      planSubmission: report.planSubmission,
      tasks,
      measures: lines,
      ...counts,
      groups,
      acceptedAt: new Date(event.data.acceptedAt),
      updatedAt: now,
    } satisfies Partial<MeasureStatusPeriodDocument>);

    const was = new Map((earlier?.measures ?? []).map((m) => [m.measureId, m.status]));
    await insertOnce(async () =>
      (await deps.databases.model(scope, auditTrailModel)).create({
        _id: `${measureStatusAuditSubject}:${id}:${event.sequence}`,
        subjectType: measureStatusAuditSubject,
        subjectId: id,
        action: 'statuses-recorded',
        at: now,
        userId: event.actor.userId,
        role: event.actor.role,
        organisationId: event.actor.organisationId,
        version: null,
        changes: lines
          .filter((l) => was.get(l.measureId) !== l.status)
          .map((l) => ({ field: l.measureId, before: was.get(l.measureId) ?? null, after: l.status })),
        reason: `report ${report._id} accepted (submission ${report.submission})`,
      }),
    );

    const row = { ...area, periodId: period._id, periodStart: period.start, province: event.tenant };
    await upsertInOrder(
      await deps.databases.model(nationalScope, implementationRateModel),
      id,
      event.sequence,
      {
        ...row,
        ...counts,
        groups,
        updatedAt: now,
      } satisfies Partial<ImplementationRateRow>,
    );
    await stampProjection(deps.databases, nationalRateStamp);
    await upsertInOrder(
      await deps.databases.model(nationalScope, implementationMatrixModel),
      id,
      event.sequence,
      {
        ...row,
        applicable: counts.applicable,
        implemented: counts.implemented,
        measures: lines.map((l) => ({
          measureId: l.measureId,
          taskGroupId: l.taskGroupId,
          responsibleDepartments: l.responsibleDepartments,
          status: l.status,
        })),
        updatedAt: now,
      } satisfies Partial<ImplementationMatrixRow>,
    );

    // a later period's report already set where the measures stand now
    if (later === null) await moveCurrentStatuses(deps, scope, event, report, period, lines);
    await record();
  });
