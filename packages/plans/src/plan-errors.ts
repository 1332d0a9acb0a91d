import {
  AppError,
  invalidState,
  notFound,
  versionConflict as kitVersionConflict,
} from '@tradepilot/service-kit';
import type { PlanStatus } from './plan-model';

const statusNames: Record<PlanStatus, string> = {
  drafting: '起草中',
  submitted: '已提交',
  returned: '已退回',
  approved: '已批准',
  implementing: '实施中',
  closed: '已关闭',
};

export const planNotFound = (planId: string) =>
  notFound({ 'zh-CN': `实施方案 ${planId}`, en: `Implementation plan ${planId}` }, 'PLAN_NOT_FOUND', {
    planId,
  });

export const pilotAreaNotInProvince = (pilotAreaId: string) =>
  notFound(
    { 'zh-CN': `本省试点地区 ${pilotAreaId}`, en: `Pilot area ${pilotAreaId} in your province` },
    'PILOT_AREA_NOT_FOUND',
    { pilotAreaId },
  );

export const notYourPilotArea = (pilotAreaId: string) =>
  new AppError(
    'FORBIDDEN',
    'NOT_YOUR_PILOT_AREA',
    {
      'zh-CN': `您只能处理本试点地区的方案，不能处理 ${pilotAreaId}`,
      en: `You may act only for your own pilot area, not ${pilotAreaId}`,
    },
    { pilotAreaId },
  );

export const planAlreadyExists = (pilotAreaId: string, round: number) =>
  new AppError(
    'CONFLICT',
    'PLAN_ALREADY_EXISTS',
    {
      'zh-CN': `试点地区 ${pilotAreaId} 在第 ${round} 年批次已有实施方案，不能再建第二个`,
      en: `Pilot area ${pilotAreaId} already has an implementation plan for round ${round}`,
    },
    { pilotAreaId, round },
  );

export const roundNotForPilotArea = (pilotAreaId: string, round: number, rounds: number[]) =>
  new AppError(
    'BAD_REQUEST',
    'ROUND_NOT_FOR_PILOT_AREA',
    {
      'zh-CN': `round：试点地区 ${pilotAreaId} 未参加 ${round} 年批次（参加的批次：${rounds.join('、')}）`,
      en: `round: pilot area ${pilotAreaId} does not take part in round ${round} (its rounds: ${rounds.join(', ')})`,
    },
    { pilotAreaId, round, rounds },
  );

export const illegalTransition = (action: { 'zh-CN': string; en: string }, current: PlanStatus) =>
  invalidState(
    {
      'zh-CN': `方案当前状态为“${statusNames[current]}”，不能${action['zh-CN']}`,
      en: `The plan is ${current}; it cannot be ${action.en}`,
    },
    'ILLEGAL_TRANSITION',
    { currentStatus: current, action: action.en },
  );

export const versionConflict = (expected: number, actual: number, savedBy: string, savedAt: Date) =>
  kitVersionConflict({ 'zh-CN': '方案', en: 'The plan' }, expected, actual, savedBy, savedAt);

export const signOffMissing = (missing: string[]) =>
  invalidState(
    {
      'zh-CN': `提交前须由试点地区和省级双方签署，尚缺：${missing.map((p) => (p === 'pilot-area' ? '试点地区' : '省级')).join('、')}`,
      en: `Both the pilot area and the province must sign before submission; missing: ${missing.join(', ')}`,
    },
    'SIGN_OFF_MISSING',
    { missingParties: missing },
  );

export const alreadySigned = (party: string, by: string) =>
  invalidState(
    {
      'zh-CN': `${party === 'pilot-area' ? '试点地区' : '省级'}一方已由 ${by} 签署当前版本`,
      en: `The ${party} party already signed this version (${by})`,
    },
    'ALREADY_SIGNED',
    { party, signedBy: by },
  );

export const periodRequired = () =>
  invalidState(
    {
      'zh-CN': 'period：提交前须填写方案的实施期限（起止日期）',
      en: 'period: the plan needs its period (start and end) before submission',
    },
    'PERIOD_REQUIRED',
    { field: 'period' },
  );

export const uncoveredMeasuresUnexplained = (measureIds: string[]) =>
  invalidState(
    {
      'zh-CN': `coverageExplanations：以下适用举措没有任务覆盖，须逐项书面说明后才能提交：${measureIds.join('、')}`,
      en: `coverageExplanations: these applicable measures are covered by no task and need a written explanation each before submission: ${measureIds.join(', ')}`,
    },
    'UNCOVERED_MEASURES_UNEXPLAINED',
    { field: 'coverageExplanations', measureIds },
  );

export const versionNotFound = (planId: string, submission: number) =>
  notFound(
    {
      'zh-CN': `方案 ${planId} 的第 ${submission} 次提交版本`,
      en: `Submission ${submission} of plan ${planId}`,
    },
    'PLAN_VERSION_NOT_FOUND',
    { planId, submission },
  );

export const provinceNotFound = (province: string) =>
  notFound({ 'zh-CN': `省级单位 ${province}`, en: `Province ${province}` }, 'PROVINCE_NOT_FOUND', {
    field: 'province',
    province,
  });
