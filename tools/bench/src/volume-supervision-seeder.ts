import type { PilotArea } from '@tradepilot/tenancy';
import { randomUUID } from 'node:crypto';
import { at, dayMs, isoDay, retarget } from './volume-retarget';
import type { SupervisionTemplates } from './volume-supervision-templates';
import type { StoredDocument } from './volume-templates';

/** Twelve quarterly periods a round (three years), each with one key issue per pilot area. */
export const periodsPerRound = 12;

/** A round of the program as the plans seeder wrote it: its number, when it began, whether it is the current one. */
export interface SeededRound {
  round: number;
  start: Date;
  current: boolean;
}

/** A pilot area's plan of one round, as seeded: in force (approved) or not. */
export interface AreaPlanOfRound {
  area: PilotArea;
  round: SeededRound;
  plan: StoredDocument;
}

/** What the supervision benchmark reads and changes: one pilot area's current report and issue. */
export interface SupervisionTargets {
  tenant: string;
  pilotAreaId: string;
  round: number;
  periodId: string;
  /** the area's current report: a draft, so `report.save` is allowed */
  reportVersion: number;
  taskId: string;
  /** a key issue of the area held by the ministry now */
  openIssueId: string;
}

interface Period {
  id: string;
  start: Date;
  end: Date;
  due: Date;
  current: boolean;
}

const periodId = (round: number, k: number) => `${round}-P${k + 1}`;

/** The periods of a round: quarters from a month into it, the last one running now in the current round. */
function periodsOf(round: SeededRound, spanMs: number): Period[] {
  const quarter = spanMs / periodsPerRound;
  return Array.from({ length: periodsPerRound }, (_, k) => {
    const start = new Date(round.start.getTime() + 30 * dayMs + k * quarter);
    const end = new Date(start.getTime() + quarter - dayMs);
    return {
      id: periodId(round.round, k),
      start,
      end,
      due: new Date(end.getTime() + 7 * dayMs),
      current: round.current && k === periodsPerRound - 1,
    };
  });
}

/** The national part: each round's schedule and periods (past ones due-passed, the current one open). */
export function nationalSupervision(
  t: SupervisionTemplates,
  rounds: SeededRound[],
  spanMs: number,
): { schedules: StoredDocument[]; periods: StoredDocument[] } {
  const schedules: StoredDocument[] = [];
  const periods: StoredDocument[] = [];
  for (const round of rounds) {
    const own = periodsOf(round, spanMs);
    const first = own[0] as Period;
    const last = own.at(-1) as Period;
    schedules.push({
      ...t.schedule,
      _id: String(round.round),
      round: round.round,
      frequency: 'quarterly',
      from: isoDay(first.start),
      to: isoDay(last.end),
      customPeriods: [],
      updatedAt: round.start,
    });
    for (const [k, p] of own.entries()) {
      const label = { 'zh-CN': `第 ${k + 1} 期`, en: `Period ${k + 1}` };
      periods.push({
        ...t.period,
        _id: p.id,
        round: round.round,
        label,
        start: isoDay(p.start),
        end: isoDay(p.end),
        due: isoDay(p.due),
        opensAt: p.start,
        remindAt: new Date(p.due.getTime() - 2 * dayMs),
        duePassesAt: p.due,
        stage: p.current ? 'open' : 'due-passed',
        nextTimerAt: p.current ? new Date(p.due.getTime() - 2 * dayMs) : null,
        createdAt: round.start,
        updatedAt: p.current ? p.start : p.due,
        outbox: [],
        relayLeaseUntil: null,
      });
    }
  }
  return { schedules, periods };
}

type Task = { id: string; kpis: { name: string }[]; milestones: { title: string }[] };

/** Every task reported, as the template's one entry was (the first save of a report names them all). */
const entriesOf = (t: SupervisionTemplates, tasks: Task[], k: number) => {
  const template = (t.acceptedReport['entries'] as StoredDocument[])[0] as StoredDocument;
  return tasks.map((task, i) => ({
    ...template,
    taskId: task.id,
    status: k > 8 && i % 3 === 0 ? 'implemented' : 'in_progress',
    narrative: `第 ${k + 1} 期：任务 ${task.id} 按计划推进，完成阶段性目标`,
    kpiActuals: task.kpis.map((kpi) => ({ name: kpi.name, actual: 100 + k })),
    milestonesDone: k > 2 ? task.milestones.map((m) => m.title) : [],
  }));
};

export interface ProvinceSupervision {
  tenant: Record<
    | 'SupervisedPlan'
    | 'PlanVersion'
    | 'ProgressReport'
    | 'PastProgressReport'
    | 'AuditTrail'
    | 'KeyIssue'
    | 'ResolvedKeyIssue',
    StoredDocument[]
  >;
  national: Record<'ReportTimeliness' | 'KeyIssueIndex' | 'OpenKeyIssueIndex', StoredDocument[]>;
  /** per pilot area: its current report's version and a key issue the ministry holds */
  current: {
    pilotAreaId: string;
    round: number;
    periodId: string;
    reportVersion: number;
    taskId: string;
    openIssueId: string;
  }[];
}

/**
 * One province's supervision, as the service would have left it: for every plan in force, its
 * version in `plan_versions`, a report a period (accepted in past periods, a draft in the current
 * one; past ones where the service moves them) with its audit lines and national timeliness row, and a key issue a period (resolved in
 * the past and moved to the resolved ones, held by the ministry now) with its index rows and audit lines.
 */
export function provinceSupervision(
  t: SupervisionTemplates,
  province: string,
  plans: AreaPlanOfRound[],
  spanMs: number,
): ProvinceSupervision {
  const from = t.supervisedPlan['pilotAreaId'] as string;
  const out: ProvinceSupervision = {
    tenant: {
      SupervisedPlan: [],
      PlanVersion: [],
      ProgressReport: [],
      PastProgressReport: [],
      AuditTrail: [],
      KeyIssue: [],
      ResolvedKeyIssue: [],
    },
    national: { ReportTimeliness: [], KeyIssueIndex: [], OpenKeyIssueIndex: [] },
    current: [],
  };
  for (const { area, round, plan } of plans) {
    const approvedAt = plan['approvedAt'];
    // a plan not approved (drafting again after a return) is not under supervision
    if (!(approvedAt instanceof Date)) continue;
    const submission = plan['submission'] as number;
    const tasks = plan['tasks'] as Task[];
    const move = <T>(doc: T, template: StoredDocument, field: string, to: Date): T =>
      retarget(doc, from, area.id, to.getTime() - at(template, field).getTime());
    out.tenant.SupervisedPlan.push({
      ...move(t.supervisedPlan, t.supervisedPlan, 'approvedAt', approvedAt),
      _id: `${round.round}:${area.id}`,
      planId: plan._id,
      round: round.round,
      inForceSubmission: submission,
      status: round.current ? 'implementing' : 'closed',
    });
    const measureIds = [
      ...new Set(tasks.flatMap((task) => (task as { measureIds?: string[] }).measureIds ?? [])),
    ];
    out.tenant.PlanVersion.push({
      ...move(t.planVersion, t.planVersion, 'approvedAt', approvedAt),
      _id: `${round.round}:${area.id}:${submission}`,
      planId: plan._id,
      round: round.round,
      submission,
      tasks,
      measureIds,
      measureDepartments: measureIds.map((measureId) => ({ measureId, departmentIds: [] })),
      applicableMeasures: measureIds.map((measureId) => ({
        measureId,
        taskGroupId: 'facilitation',
        responsibleDepartments: [],
        explanation: null,
      })),
      eventId: randomUUID(),
    });
    for (const [k, period] of periodsOf(round, spanMs).entries()) {
      const reportId = `${period.id}:${area.id}`;
      const entries = entriesOf(t, tasks, k);
      const template = period.current ? t.draftReport : t.acceptedReport;
      const createdAt = new Date(period.start.getTime() + 20 * dayMs);
      const submittedAt = new Date(period.due.getTime() - 2 * dayMs);
      // accepted and past due: where the service keeps it (past_progress_reports)
      out.tenant[period.current ? 'ProgressReport' : 'PastProgressReport'].push({
        ...move(template, template, 'createdAt', createdAt),
        _id: reportId,
        periodId: period.id,
        round: round.round,
        planSubmission: submission,
        taskIds: tasks.map((task) => task.id),
        entries,
        due: isoDay(period.due),
        ...(period.current
          ? {}
          : {
              caseId: randomUUID(),
              firstSubmittedAt: submittedAt,
              submittedAt,
              acceptedAt: new Date(submittedAt.getTime() + 3 * dayMs),
              updatedAt: new Date(submittedAt.getTime() + 3 * dayMs),
            }),
        outbox: [],
        relayLeaseUntil: null,
      });
      const lines = period.current ? t.reportAudit.slice(0, 1) : t.reportAudit;
      for (const [i, line] of lines.entries()) {
        const when = i === 0 ? createdAt : new Date(submittedAt.getTime() + (i - 1) * 3 * dayMs);
        out.tenant.AuditTrail.push({
          ...move(line, line, 'at', when),
          _id: `progress-report:${reportId}:${i + 1}`,
          subjectId: reportId,
          // the first save names every task, as the template's named its one
          ...(i === 0
            ? { changes: entries.map((e) => ({ field: `entries.${e.taskId}`, before: null, after: e })) }
            : {}),
        });
      }
      if (!period.current)
        out.national.ReportTimeliness.push({
          ...move(t.timeliness, t.timeliness, 'updatedAt', submittedAt),
          _id: reportId,
          round: round.round,
          province,
          periodId: period.id,
          pilotAreaId: area.id,
        });

      const issueId = randomUUID();
      const raisedAt = new Date(period.start.getTime() + 40 * dayMs);
      const issue = period.current ? t.openIssue : t.resolvedIssue;
      const title = {
        'zh-CN': `${area.name['zh-CN']}第 ${k + 1} 期重点问题：跨境数据流动需协调`,
        en: `${area.name.en}, period ${k + 1}: cross-border data flows`,
      };
      const taskId = (tasks[k % tasks.length] as Task).id;
      const issueDoc = {
        ...move(issue, issue, 'raisedAt', raisedAt),
        _id: issueId,
        round: round.round,
        title,
        taskIds: [taskId],
        ...(period.current ? { slaDueAt: new Date(period.due.getTime()) } : {}),
      };
      // resolved in the past: where the service moves it (resolved_key_issues)
      out.tenant[period.current ? 'KeyIssue' : 'ResolvedKeyIssue'].push(issueDoc);
      const index = period.current ? t.openIssueIndex : t.resolvedIssueIndex;
      const indexRow = {
        ...move(index, index, 'raisedAt', raisedAt),
        _id: issueId,
        province,
        round: round.round,
        title,
        ...(period.current ? { slaDueAt: issueDoc.slaDueAt } : {}),
      };
      out.national.KeyIssueIndex.push(indexRow);
      // the inboxes read the unresolved rows only
      if (period.current) out.national.OpenKeyIssueIndex.push(indexRow);
      const issueLines = period.current ? t.issueAudit.slice(0, 1) : t.issueAudit;
      for (const [i, line] of issueLines.entries())
        out.tenant.AuditTrail.push({
          ...move(line, line, 'at', new Date(raisedAt.getTime() + i * 10 * dayMs)),
          _id: `key-issue:${issueId}:${i + 1}`,
          subjectId: issueId,
        });
      if (period.current)
        out.current.push({
          pilotAreaId: area.id,
          round: round.round,
          periodId: period.id,
          reportVersion: t.draftReport['version'] as number,
          taskId: (tasks[0] as Task).id,
          openIssueId: issueId,
        });
    }
  }
  return out;
}
