import { isDuplicateKeyError, versionClaims } from '@tradepilot/messaging';
import {
  badInput,
  invalidState,
  versionConflict,
  type AuthorizedContext,
  type ServiceDeps,
  auditTrailModel,
} from '@tradepilot/service-kit';
import { nationalScope, stampProjection } from '@tradepilot/tenancy';
import { periodTimeline } from './period-timeline';
import { reportingCalendar } from './reporting-calendar';
import {
  reportingPeriodModel,
  reportingPeriodsStamp,
  type ReportingPeriodDocument,
} from './reporting-period-model';
import { customPeriodProblems, periodsOf, type ReportingSchedule } from './reporting-schedule';
import { reportingScheduleModel, type ReportingScheduleDocument } from './reporting-schedule-model';
import { periodView, type ReportingPeriodView } from './reporting-periods';

export interface ReportingScheduleView extends ReportingSchedule {
  version: number;
  updatedAt: string;
  updatedBy: string;
  periods: ReportingPeriodView[];
}

type ScheduleInput = ReportingSchedule & { version: number };

const scheduleWhat = { 'zh-CN': '报告时间表', en: 'The reporting schedule' };

/** Every problem of the input at once, by field, in both languages; nothing is written on any. */
function scheduleProblems(input: ScheduleInput) {
  const problems: { path: string; messages: { 'zh-CN': string; en: string } }[] = [];
  if (input.to < input.from)
    problems.push({
      path: 'to',
      messages: {
        'zh-CN': `结束日 ${input.to} 早于开始日 ${input.from}`,
        en: `the schedule ends (${input.to}) before it starts (${input.from})`,
      },
    });
  if (input.frequency === 'custom' && input.customPeriods.length === 0)
    problems.push({
      path: 'customPeriods',
      messages: { 'zh-CN': '自定义频率须列出报告期', en: 'a custom schedule lists its periods' },
    });
  if (input.frequency !== 'custom' && input.customPeriods.length > 0)
    problems.push({
      path: 'customPeriods',
      messages: {
        'zh-CN': `频率为 ${input.frequency} 时不能列出自定义报告期`,
        en: `a ${input.frequency} schedule does not list custom periods`,
      },
    });
  problems.push(...customPeriodProblems(input.customPeriods));
  input.customPeriods.forEach((p, i) => {
    if (p.start < input.from || p.end > input.to)
      problems.push({
        path: `customPeriods.${i}`,
        messages: {
          'zh-CN': `第 ${i + 1} 个报告期（${p.start} 至 ${p.end}）超出时间表范围 ${input.from} 至 ${input.to}`,
          en: `period ${i + 1} (${p.start} to ${p.end}) lies outside the schedule (${input.from} to ${input.to})`,
        },
      });
  });
  return problems;
}

/**
 * The ministry saves a round's reporting schedule (on the version it read; 0 creates it). Periods
 * that have not opened yet follow the new schedule; those already open keep their dates, since
 * pilot areas are reporting on them.
 */
export async function saveReportingSchedule(
  deps: ServiceDeps,
  ctx: AuthorizedContext,
  input: ScheduleInput,
): Promise<ReportingScheduleView> {
  const problems = scheduleProblems(input);
  if (problems.length > 0) {
    throw badInput(
      {
        'zh-CN': `报告时间表有误 — ${problems.map((p) => `${p.path}：${p.messages['zh-CN']}`).join('；')}`,
        en: `The reporting schedule is not valid — ${problems.map((p) => `${p.path}: ${p.messages.en}`).join('; ')}`,
      },
      'SCHEDULE_INVALID',
      { issues: problems },
    );
  }
  const now = deps.now();
  const schedules = await deps.databases.model(nationalScope, reportingScheduleModel);
  const id = String(input.round);
  const { version, ...schedule } = input;
  const existing = await schedules.findById(id).lean<ReportingScheduleDocument>();
  if ((existing?.version ?? 0) !== version) {
    if (!existing)
      throw invalidState(
        {
          'zh-CN': `${input.round} 年批次尚无报告时间表，请以版本 0 创建`,
          en: `Round ${input.round} has no schedule yet: create it with version 0`,
        },
        'SCHEDULE_NOT_FOUND',
        { round: input.round },
      );
    throw versionConflict(scheduleWhat, version, existing.version, existing.updatedBy, existing.updatedAt);
  }
  const next = { ...schedule, version: version + 1, updatedAt: now, updatedBy: ctx.actor.userId };
  const written = existing
    ? await versionClaims.change(schedules as never, id, version, () =>
        schedules
          .findOneAndUpdate({ _id: id, version }, { $set: next }, { new: true })
          .lean<ReportingScheduleDocument>(),
      )
    : await schedules.create({ _id: id, ...next }).then(
        (d) => d.toObject() as ReportingScheduleDocument,
        (err: unknown) => {
          if (isDuplicateKeyError(err)) return null;
          throw err;
        },
      );
  if (!written) {
    const now2 = await schedules.findById(id).lean<ReportingScheduleDocument>();
    throw versionConflict(
      scheduleWhat,
      version,
      now2?.version ?? version + 1,
      now2?.updatedBy ?? '?',
      now2?.updatedAt ?? now,
    );
  }
  await (
    await deps.databases.model(nationalScope, auditTrailModel)
  ).create({
    _id: `reporting-schedule:${id}:${written.version}`,
    subjectType: 'reporting-schedule',
    subjectId: id,
    action: existing ? 'saved' : 'created',
    at: now,
    userId: ctx.actor.userId,
    role: ctx.actor.role,
    organisationId: ctx.actor.organisationId,
    version: written.version,
    changes: (Object.keys(schedule) as (keyof ReportingSchedule)[])
      .filter((field) => JSON.stringify(existing?.[field] ?? null) !== JSON.stringify(schedule[field]))
      .map((field) => ({ field, before: existing?.[field] ?? null, after: schedule[field] })),
    reason: null,
  });
  await placePeriods(deps, ctx, written, now);
  return scheduleView(deps, written);
}

/** Puts the schedule's periods on the calendar: new ones created, unopened ones moved or removed. */
async function placePeriods(
  deps: ServiceDeps,
  ctx: AuthorizedContext,
  schedule: ReportingScheduleDocument,
  now: Date,
): Promise<void> {
  const periods = await deps.databases.model(nationalScope, reportingPeriodModel);
  const calendar = reportingCalendar();
  const spans = periodsOf(schedule);
  const existing = await periods.find({ round: schedule.round }).lean<ReportingPeriodDocument[]>();
  const byId = new Map(existing.map((p) => [p._id, p]));
  const meta = { tenant: nationalScope.tenant, actor: ctx.actor, now };
  for (const span of spans) {
    const timeline = periodTimeline(span, schedule, calendar);
    const dates = {
      label: span.label,
      start: span.start,
      end: span.end,
      ...timeline,
      nextTimerAt: timeline.opensAt,
      updatedAt: now,
    };
    const current = byId.get(span.periodId);
    if (!current) {
      await deps.outbox
        .create(
          periods,
          {
            _id: span.periodId,
            round: schedule.round,
            stage: 'scheduled',
            locked: false,
            lockedAt: null,
            lockedBy: null,
            createdAt: now,
            ...dates,
          } as never,
          [],
          meta,
        )
        .catch((err: unknown) => {
          // another instance placed it at the same moment: the next save moves it
          if (!isDuplicateKeyError(err)) throw err;
        });
    } else if (current.stage === 'scheduled') {
      await deps.outbox.commit(periods, current, { $set: dates }, [], meta);
    }
  }
  const kept = new Set(spans.map((s) => s.periodId));
  const dropped = existing.filter((p) => !kept.has(p._id) && p.stage === 'scheduled').map((p) => p._id);
  if (dropped.length > 0) await periods.deleteMany({ _id: { $in: dropped }, stage: 'scheduled' });
  await stampProjection(deps.databases, reportingPeriodsStamp);
}

export async function scheduleView(
  deps: ServiceDeps,
  schedule: ReportingScheduleDocument,
): Promise<ReportingScheduleView> {
  const periods = await (await deps.databases.model(nationalScope, reportingPeriodModel))
    .find({ round: schedule.round })
    .sort({ start: 1 })
    .lean<ReportingPeriodDocument[]>();
  return {
    round: schedule.round,
    frequency: schedule.frequency,
    from: schedule.from,
    to: schedule.to,
    customPeriods: schedule.customPeriods,
    dueWorkingDays: schedule.dueWorkingDays,
    reminderWorkingDaysBefore: schedule.reminderWorkingDaysBefore,
    version: schedule.version,
    updatedAt: schedule.updatedAt.toISOString(),
    updatedBy: schedule.updatedBy,
    periods: periods.map(periodView),
  };
}
