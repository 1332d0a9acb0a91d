import type { VolumeTargets } from './volume-seeder';

/** Whose request it is: a province's officer, a pilot area's officer (of a province with several) or the ministry. */
export type Caller = 'province' | 'area' | 'ministry';

/**
 * One of the most used reads and commands, as the console calls it. `current`: it reads or
 * changes current state (its goal: flat as history grows); `history`: it reads the past (its cost
 * may grow; the slope is reported).
 */
export interface VolumeOperation {
  name: string;
  kind: 'read' | 'command';
  state: 'current' | 'history';
  caller: Caller;
  /** the collections it reads (FerretDB scans each one it queries) */
  reads: string[];
  /** the call's input for the `i`-th sample; a command's may depend on what the last call returned */
  input: (targets: VolumeTargets, i: number, last: StateOfCommands) => unknown;
}

/** What commands left behind for the next one: the plan's and the report's version after the last save. */
export interface StateOfCommands {
  planVersion: number;
  reportVersion: number;
}

export const volumeOperations: VolumeOperation[] = [
  {
    name: 'plan.get',
    kind: 'read',
    state: 'current',
    caller: 'province',
    reads: ['plans_<province>.plans'],
    input: (t) => ({ planId: t.planId }),
  },
  {
    name: 'plan.list',
    kind: 'read',
    state: 'current',
    caller: 'province',
    reads: ['plans_<province>.plans (the first page of current plans, as summaries)'],
    input: () => ({ status: 'current', limit: 20 }),
  },
  {
    name: 'plan.nationalList',
    kind: 'read',
    state: 'current',
    caller: 'ministry',
    reads: ['plans_national.national_plans'],
    input: () => ({}),
  },
  {
    name: 'case.inbox',
    kind: 'read',
    state: 'current',
    caller: 'ministry',
    reads: [
      'approvals_national.case_index (open cases only)',
      'approvals_<province>.cases (current cases only: decided ones are in decided_cases)',
      'approvals_national.delegations',
    ],
    input: () => ({ page: 1, pageSize: 20 }),
  },
  {
    name: 'case.get',
    kind: 'read',
    state: 'current',
    caller: 'ministry',
    reads: [
      'approvals_national.case_index, then closed_case_index',
      'approvals_<province>.cases, then decided_cases (an open case: cases only)',
    ],
    input: (t) => ({ caseId: t.readCaseId }),
  },
  {
    name: 'case.nationalSummary',
    kind: 'read',
    state: 'current',
    caller: 'ministry',
    reads: ['approvals_national.province_summaries (cached in the process)'],
    input: () => ({}),
  },
  {
    name: 'plan.save',
    kind: 'command',
    state: 'current',
    caller: 'province',
    reads: ['plans_<province>.plans', 'plans_<province>.plan_audit (write)'],
    input: (t, i, last) => ({
      planId: t.planId,
      version: last.planVersion,
      title: { 'zh-CN': `海南实施方案（修订 ${i}）`, en: `Hainan plan, revision ${i}` },
    }),
  },
  {
    name: 'case.decide',
    kind: 'command',
    state: 'current',
    caller: 'ministry',
    reads: [
      'approvals_national.case_index (open cases only)',
      'approvals_<province>.cases (current cases only)',
      'summary refresh: the province’s current cases',
      'after the relay: the closed case moves to decided_cases',
    ],
    input: (t, i) => {
      const target = t.decidable[i];
      if (!target) throw new Error(`only ${t.decidable.length} open cases seeded for case.decide`);
      return { caseId: target.caseId, decision: 'return', reason: '请补充材料', version: target.version };
    },
  },
  {
    name: 'plan.audit',
    kind: 'read',
    state: 'history',
    caller: 'province',
    reads: ['plans_<province>.plans', 'plans_<province>.plan_audit (a page of lines by _id in one query)'],
    input: (t) => ({ planId: t.planId, limit: 20 }),
  },
  {
    name: 'plan.getVersion',
    kind: 'read',
    state: 'history',
    caller: 'province',
    reads: ['plans_<province>.plans', 'plans_<province>.plan_versions'],
    input: (t) => ({ planId: t.planId, submission: t.pastSubmission }),
  },
  {
    name: 'report.get',
    kind: 'read',
    state: 'current',
    caller: 'area',
    reads: [
      'supervision_national.reporting_periods',
      'supervision_<province>.progress_reports (by id; current periods’ reports only)',
      'supervision_<province>.plan_versions',
    ],
    input: (t) => ({ pilotAreaId: t.supervision.pilotAreaId, periodId: t.supervision.periodId }),
  },
  {
    name: 'report.list',
    kind: 'read',
    state: 'current',
    caller: 'area',
    reads: [
      'supervision_national.reporting_periods (by id)',
      'supervision_<province>.progress_reports (current periods’ reports; past ones are in past_progress_reports)',
    ],
    input: (t) => ({ periodId: t.supervision.periodId }),
  },
  {
    name: 'period.list',
    kind: 'read',
    state: 'current',
    caller: 'area',
    reads: ['supervision_national.reporting_periods (12 a round)'],
    input: (t) => ({ round: t.supervision.round }),
  },
  {
    name: 'keyIssue.list',
    kind: 'read',
    state: 'current',
    caller: 'area',
    reads: ['supervision_<province>.key_issues (current issues; resolved ones are in resolved_key_issues)'],
    input: () => ({ status: 'open' }),
  },
  {
    name: 'keyIssue.ministryInbox',
    kind: 'read',
    state: 'current',
    caller: 'ministry',
    reads: ['supervision_national.open_key_issue_index (unresolved issues only)'],
    input: () => ({}),
  },
  {
    name: 'keyIssue.ministryGet',
    kind: 'read',
    state: 'current',
    caller: 'ministry',
    reads: ['supervision_national.key_issue_index (by id)', 'supervision_<province>.key_issues (by id)'],
    input: (t) => ({ keyIssueId: t.supervision.openIssueId }),
  },
  {
    name: 'report.save',
    kind: 'command',
    state: 'current',
    caller: 'area',
    reads: [
      'supervision_national.reporting_periods',
      'supervision_<province>.progress_reports',
      'supervision_<province>.plan_versions',
      'supervision_<province>.audit_trail (write)',
    ],
    input: (t, i, last) => ({
      pilotAreaId: t.supervision.pilotAreaId,
      periodId: t.supervision.periodId,
      version: last.reportVersion,
      entries: [
        {
          taskId: t.supervision.taskId,
          status: 'in_progress',
          narrative: `本期推进情况（第 ${i} 次修改）`,
          kpiActuals: [],
          milestonesDone: [],
          attachmentIds: [],
        },
      ],
    }),
  },
  {
    name: 'report.audit',
    kind: 'read',
    state: 'history',
    caller: 'area',
    reads: ['supervision_<province>.audit_trail (every report’s and key issue’s lines)'],
    input: (t) => ({ pilotAreaId: t.supervision.pilotAreaId, periodId: t.supervision.periodId }),
  },
];
