import { AppError, badInput, forbidden, invalidState, notFound } from '@tradepilot/service-kit';
import type { CaseStatus, Refusal } from './case-chain';

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
    { field: 'reason' },
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

/** The engine's refusal as the error a person reads; nothing was changed. */
export function refusalError(
  refusal: Refusal,
  context: { status: CaseStatus; level: number; version: number; seen: number; stepId?: string | undefined },
): AppError {
  switch (refusal) {
    case 'CASE_ALREADY_DECIDED':
      return caseAlreadyDecided(context.status);
    case 'REASON_REQUIRED':
      return reasonRequired();
    case 'STALE_VERSION':
      return caseVersionConflict(context.seen, context.version);
    case 'STEP_NOT_FOUND':
      return notFound(
        { 'zh-CN': `审批环节 ${context.stepId ?? ''}`, en: `Step ${context.stepId ?? ''}` },
        'STEP_NOT_FOUND',
        {
          stepId: context.stepId,
        },
      );
    case 'NOT_YOUR_STEP':
      return forbidden(
        { 'zh-CN': '该审批事项中没有由您办理的环节', en: 'No step of this case is yours to act on' },
        'NOT_YOUR_STEP',
      );
    case 'STEP_ALREADY_DECIDED':
      return invalidState(
        {
          'zh-CN': '您已办理该环节，不能重复办理',
          en: 'You have already acted on this step; it cannot be decided twice',
        },
        'STEP_ALREADY_DECIDED',
        { level: context.level },
      );
    case 'LEVEL_LOCKED':
      return invalidState(
        {
          'zh-CN': '该层级已办结并锁定，只有上一级退回后才能重新办理',
          en: 'This level is decided and locked; only a higher level can send it back',
        },
        'LEVEL_LOCKED',
        { currentLevel: context.level },
      );
    case 'STEP_NOT_YET_ACTIVE':
      return invalidState(
        {
          'zh-CN': `尚未轮到您办理：当前在第 ${context.level} 级，须先办结前序层级`,
          en: `Not your turn yet: the case is at level ${context.level}; earlier levels must finish first`,
        },
        'STEP_NOT_YET_ACTIVE',
        { currentLevel: context.level },
      );
    case 'ACTION_NOT_ALLOWED':
      return invalidState(
        { 'zh-CN': '该环节不允许此项操作', en: 'This action is not allowed on this step' },
        'ACTION_NOT_ALLOWED',
        { currentLevel: context.level },
      );
  }
}
