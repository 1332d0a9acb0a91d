import { AppError, forbidden, notFound } from '@tradepilot/service-kit';

export const pilotAreaNotInProvince = (pilotAreaId: string) =>
  notFound(
    { 'zh-CN': `本省的试点地区 ${pilotAreaId}`, en: `Pilot area ${pilotAreaId} of your province` },
    'PILOT_AREA_NOT_FOUND',
    {
      pilotAreaId,
    },
  );

export const notYourPilotArea = (pilotAreaId: string) =>
  forbidden(
    {
      'zh-CN': `您只能处理本试点地区的事项，不能处理 ${pilotAreaId}`,
      en: `You may act only for your own pilot area, not ${pilotAreaId}`,
    },
    'NOT_YOUR_PILOT_AREA',
    { pilotAreaId },
  );

export const noPlanInForce = (pilotAreaId: string, round: number) =>
  notFound(
    {
      'zh-CN': `试点地区 ${pilotAreaId} 在 ${round} 年批次已生效的实施方案`,
      en: `An implementation plan in force for pilot area ${pilotAreaId} in round ${round}`,
    },
    'NO_PLAN_IN_FORCE',
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
