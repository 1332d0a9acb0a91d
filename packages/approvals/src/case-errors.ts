import { AppError, badInput, invalidState, notFound } from '@tradepilot/service-kit';
import type { CaseStatus } from './approval-case-model';

export const caseNotFound = (caseId: string) =>
  notFound({ 'zh-CN': `审批事项 ${caseId}`, en: `Approval case ${caseId}` }, 'CASE_NOT_FOUND', { caseId });

export const caseAlreadyDecided = (status: CaseStatus) =>
  invalidState(
    {
      'zh-CN': `该审批事项已办结（${status}），不能再次决定`,
      en: `The case is already ${status}; it cannot be decided again`,
    },
    'CASE_ALREADY_DECIDED',
    { currentStatus: status },
  );

export const reasonRequired = () =>
  badInput(
    { 'zh-CN': '退回或不予批准时必须填写理由', en: 'A reason is required to return or reject' },
    'REASON_REQUIRED',
    {
      field: 'reason',
    },
  );

export const caseVersionConflict = (expected: number, actual: number) =>
  new AppError(
    'CONFLICT',
    'VERSION_CONFLICT',
    {
      'zh-CN': `审批事项已被他人更新（当前版本 ${actual}，您的版本 ${expected}），请刷新后重试`,
      en: `The case changed meanwhile (now version ${actual}, yours ${expected}); reload and try again`,
    },
    { expectedVersion: expected, currentVersion: actual },
  );
