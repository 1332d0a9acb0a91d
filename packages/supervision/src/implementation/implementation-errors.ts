import { badInput, notFound } from '@tradepilot/service-kit';

/** Every refusal of the implementation-rate reads, in zh-CN and en. */
export const implementationErrors = {
  noStatusYet: (pilotAreaId: string, round: number, periodId: string | undefined) =>
    notFound(
      periodId
        ? {
            'zh-CN': `试点地区 ${pilotAreaId} 报告期 ${periodId} 的措施落实情况（该期进展报告尚未验收）`,
            en: `Measure implementation of pilot area ${pilotAreaId} for period ${periodId} (its report has not been accepted)`,
          }
        : {
            'zh-CN': `试点地区 ${pilotAreaId} 在 ${round} 年批次的措施落实情况（尚无验收的进展报告）`,
            en: `Measure implementation of pilot area ${pilotAreaId} in round ${round} (no report accepted yet)`,
          },
      'IMPLEMENTATION_STATUS_NOT_FOUND',
      { pilotAreaId, round, periodId },
    ),
  periodNotInRound: (periodId: string, round: number) =>
    notFound(
      {
        'zh-CN': `${round} 年批次的报告期 ${periodId}`,
        en: `Reporting period ${periodId} of round ${round}`,
      },
      'PERIOD_NOT_FOUND',
      { periodId, round },
    ),
  unknownProvince: (province: string) =>
    badInput(
      {
        'zh-CN': `province：没有标识为 ${province} 的省份`,
        en: `province: there is no province with the id ${province}`,
      },
      'PROVINCE_UNKNOWN',
      { province },
    ),
  unknownDepartment: (departmentId: string) =>
    badInput(
      {
        'zh-CN': `departmentId：没有标识为 ${departmentId} 的中央部门`,
        en: `departmentId: there is no central department with the id ${departmentId}`,
      },
      'DEPARTMENT_UNKNOWN',
      { departmentId },
    ),
  unknownTaskGroup: (taskGroupId: string, known: string[]) =>
    badInput(
      {
        'zh-CN': `taskGroupId：本期矩阵中没有任务组 ${taskGroupId}（现有：${known.join('、') || '无'}）`,
        en: `taskGroupId: no task group ${taskGroupId} in this period's matrix (present: ${known.join(', ') || 'none'})`,
      },
      'TASK_GROUP_UNKNOWN',
      { taskGroupId, known },
    ),
};
