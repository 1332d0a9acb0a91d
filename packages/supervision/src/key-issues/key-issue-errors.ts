import type { IssueLevel } from '@tradepilot/contracts';
import { badInput, forbidden, invalidState, notFound } from '@tradepilot/service-kit';
import type { KeyIssueStatus } from './key-issue-model';
import type { KeyIssueAction, Refusal } from './key-issue-transitions';

const statusNames: Record<KeyIssueStatus, { zh: string; en: string }> = {
  open: { zh: '待处理', en: 'open' },
  answered: { zh: '已答复', en: 'answered' },
  resolved: { zh: '已解决', en: 'resolved' },
};

const actionNames: Record<KeyIssueAction, { zh: string; en: string; done: string }> = {
  answer: { zh: '答复', en: 'answer', done: 'answered' },
  resolve: { zh: '办结', en: 'resolve', done: 'resolved' },
  passUp: { zh: '上报', en: 'pass up', done: 'passed up' },
  reopen: { zh: '重新开启', en: 'reopen', done: 'reopened' },
};

export const levelNames: Record<IssueLevel, { zh: string; en: string }> = {
  'pilot-area': { zh: '试点地区', en: 'the pilot area' },
  province: { zh: '省级商务主管部门', en: 'the province' },
  ministry: { zh: '商务部', en: 'the ministry' },
  department: { zh: '中央有关部门', en: 'the central departments' },
};

/** Every refusal of key issues, in zh-CN and en. */
export const keyIssueErrors = {
  what: { 'zh-CN': '问题', en: 'The key issue' },
  notFound: (keyIssueId: string) =>
    notFound({ 'zh-CN': `问题 ${keyIssueId}`, en: `Key issue ${keyIssueId}` }, 'KEY_ISSUE_NOT_FOUND', {
      keyIssueId,
    }),
  linksRequired: () =>
    badInput(
      {
        'zh-CN': 'taskIds / measureIds：请至少关联一项实施方案任务或一条举措',
        en: 'taskIds / measureIds: link the issue to at least one task of the plan or one measure',
      },
      'KEY_ISSUE_LINKS_REQUIRED',
      { fields: ['taskIds', 'measureIds'] },
    ),
  unknownTasks: (taskIds: string[], submission: number) =>
    badInput(
      {
        'zh-CN': `taskIds：任务 ${taskIds.join('、')} 不在已生效的实施方案（第 ${submission} 版）中`,
        en: `taskIds: tasks ${taskIds.join(', ')} are not in the plan in force (version ${submission})`,
      },
      'KEY_ISSUE_TASKS_UNKNOWN',
      { field: 'taskIds', taskIds },
    ),
  unknownMeasures: (measureIds: string[]) =>
    badInput(
      {
        'zh-CN': `measureIds：举措 ${measureIds.join('、')} 未被已生效实施方案的任何任务对应`,
        en: `measureIds: no task of the plan in force maps to measures ${measureIds.join(', ')}`,
      },
      'KEY_ISSUE_MEASURES_UNKNOWN',
      { field: 'measureIds', measureIds },
    ),
  unknownDepartments: (departmentIds: string[]) =>
    badInput(
      {
        'zh-CN': `departmentIds：${departmentIds.join('、')} 不是登记的中央部门`,
        en: `departmentIds: ${departmentIds.join(', ')} are not registered central departments`,
      },
      'DEPARTMENTS_UNKNOWN',
      { field: 'departmentIds', departmentIds },
    ),
  raiseNotAllowed: () =>
    forbidden(
      {
        'zh-CN': '只有试点地区或其所在省的商务主管部门可以提出问题',
        en: 'Only the pilot area or its province may raise a key issue',
      },
      'KEY_ISSUE_RAISE_NOT_ALLOWED',
    ),
  refused: (action: KeyIssueAction, refusal: Refusal, status: KeyIssueStatus, holder: IssueLevel) => {
    const a = actionNames[action];
    switch (refusal.kind) {
      case 'not-holder':
        return forbidden(
          {
            'zh-CN': `该问题目前由${levelNames[holder].zh}办理，您不能${a.zh}`,
            en: `The issue is held by ${levelNames[holder].en}: you may not ${a.en} it`,
          },
          'KEY_ISSUE_NOT_HOLDER',
          { action, holderLevel: holder },
        );
      case 'not-originator':
        return forbidden(
          {
            'zh-CN': '只有提出该问题的单位可以重新开启',
            en: 'Only the organisation that raised the issue may reopen it',
          },
          'KEY_ISSUE_NOT_ORIGINATOR',
          { action },
        );
      case 'wrong-status':
        return invalidState(
          {
            'zh-CN': `问题状态为“${statusNames[status].zh}”，不能${a.zh}（仅限：${refusal.allowed.map((s) => statusNames[s].zh).join('、')}）`,
            en: `The issue is ${statusNames[status].en} and cannot be ${a.done} (only when ${refusal.allowed.map((s) => statusNames[s].en).join(' or ')})`,
          },
          'KEY_ISSUE_WRONG_STATUS',
          { action, status, allowed: refusal.allowed },
        );
      case 'reopened-already':
        return invalidState(
          {
            'zh-CN': '该问题的办结结果已被重新开启过一次，不能再次重新开启',
            en: 'The resolution of this issue was reopened once already; it cannot be reopened again',
          },
          'KEY_ISSUE_REOPENED_ALREADY',
          { action },
        );
      case 'top-level':
        return invalidState(
          {
            'zh-CN': `${levelNames[holder].zh}是该问题的最高办理层级，不能再上报，请答复或办结`,
            en: `${levelNames[holder].en} is the top of this issue's chain: it cannot be passed up; answer or resolve it`,
          },
          'KEY_ISSUE_TOP_LEVEL',
          { action, holderLevel: holder },
        );
    }
  },
};
