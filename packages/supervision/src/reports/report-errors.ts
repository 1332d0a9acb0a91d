import { badInput, fileImportRejected, invalidState, notFound } from '@tradepilot/service-kit';
import type { Problem } from './report-entries';
import type { ReportStatus } from './report-model';

const statusNames: Record<ReportStatus, string> = {
  draft: '草稿',
  submitted: '已报送',
  returned: '已退回',
  accepted: '已验收',
};

const listed = (problems: Problem[]) => ({
  zh: problems.map((p) => `${p.path}：${p.messages['zh-CN']}`).join('；'),
  en: problems.map((p) => `${p.path}: ${p.messages.en}`).join('; '),
});

/** Every refusal of progress reports, in zh-CN and en. */
export const reportErrors = {
  what: { 'zh-CN': '进展报告', en: 'The progress report' },
  notFound: (periodId: string, pilotAreaId: string) =>
    notFound(
      {
        'zh-CN': `试点地区 ${pilotAreaId} 报告期 ${periodId} 的进展报告`,
        en: `The progress report of pilot area ${pilotAreaId} for period ${periodId}`,
      },
      'REPORT_NOT_FOUND',
      { periodId, pilotAreaId },
    ),
  periodNotFound: (periodId: string) =>
    notFound({ 'zh-CN': `报告期 ${periodId}`, en: `Reporting period ${periodId}` }, 'PERIOD_NOT_FOUND', {
      periodId,
    }),
  periodNotOpen: (periodId: string, opensOn: string) =>
    invalidState(
      {
        'zh-CN': `报告期 ${periodId} 尚未开始（${opensOn} 开始），不能填报`,
        en: `Period ${periodId} has not opened yet (it opens on ${opensOn}); reports cannot be drafted`,
      },
      'PERIOD_NOT_OPEN',
      { periodId, opensOn },
    ),
  periodLocked: (periodId: string) =>
    invalidState(
      {
        'zh-CN': `报告期 ${periodId} 已锁定，报告不能再修改或报送`,
        en: `Period ${periodId} is locked: its reports can no longer be changed or submitted`,
      },
      'PERIOD_LOCKED',
      { periodId },
    ),
  noPlanForPeriod: (pilotAreaId: string, periodId: string) =>
    notFound(
      {
        'zh-CN': `试点地区 ${pilotAreaId} 在报告期 ${periodId} 适用的已批准实施方案`,
        en: `An approved implementation plan of pilot area ${pilotAreaId} applying to period ${periodId}`,
      },
      'NO_PLAN_FOR_PERIOD',
      { pilotAreaId, periodId },
    ),
  notEditable: (status: ReportStatus) =>
    invalidState(
      {
        'zh-CN': `报告状态为“${statusNames[status]}”，不能修改或报送`,
        en: `The report is ${status} and cannot be changed or submitted`,
      },
      'REPORT_NOT_EDITABLE',
      { status },
    ),
  exceptionBeforeDue: (periodId: string, due: string) =>
    invalidState(
      {
        'zh-CN': `报告期 ${periodId} 尚未到截止日期（${due}），无需特批延期`,
        en: `Period ${periodId} is not past its due date (${due}) yet: no exception is needed`,
      },
      'EXCEPTION_BEFORE_DUE',
      { periodId, due },
    ),
  exceptionDueInPast: (due: string, today: string) =>
    badInput(
      {
        'zh-CN': `due：新的截止日期 ${due} 早于今天（${today}）`,
        en: `due: the new due date ${due} is before today (${today})`,
      },
      'EXCEPTION_DUE_IN_PAST',
      { due, today },
    ),
  exceptionUnderReview: (periodId: string, pilotAreaId: string) =>
    invalidState(
      {
        'zh-CN': `试点地区 ${pilotAreaId} 报告期 ${periodId} 的报告正在审核中，请待审核结束后再特批`,
        en: `The report of pilot area ${pilotAreaId} for period ${periodId} is under review: grant the exception once it is decided`,
      },
      'REPORT_UNDER_REVIEW',
      { periodId, pilotAreaId },
    ),
  areaNotInRound: (pilotAreaId: string, round: number) =>
    notFound(
      {
        'zh-CN': `参加 ${round} 年批次的试点地区 ${pilotAreaId}`,
        en: `Pilot area ${pilotAreaId} taking part in round ${round}`,
      },
      'PILOT_AREA_NOT_FOUND',
      { pilotAreaId, round },
    ),
  invalidEntries: (problems: Problem[]) => {
    const l = listed(problems);
    return badInput(
      { 'zh-CN': `报告内容有误，未保存 — ${l.zh}`, en: `The report was not saved — ${l.en}` },
      'REPORT_INVALID',
      { issues: problems },
    );
  },
  missingTasks: (taskIds: string[]) =>
    badInput(
      {
        'zh-CN': `以下任务尚未填报，不能报送（请填写进展，或选择“本期无进展”并说明理由）：${taskIds.join('、')}`,
        en: `These tasks are not reported yet, so the report cannot be submitted (give their progress, or "nothing to report" with a reason): ${taskIds.join(', ')}`,
      },
      'REPORT_TASKS_MISSING',
      { taskIds },
    ),
  attachmentsRefused: (ids: string[]) =>
    badInput(
      {
        'zh-CN': `attachmentIds：附件 ${ids.join('、')} 不存在、不是您上传的或已属于其他记录`,
        en: `attachmentIds: attachments ${ids.join(', ')} do not exist, were not uploaded by you, or belong to another record`,
      },
      'ATTACHMENTS_REFUSED',
      { ids },
    ),
  importRejected: (problems: (Problem & { row: number })[]) =>
    fileImportRejected(
      'REPORT_IMPORT_REJECTED',
      problems,
      { 'zh-CN': '，报告未作任何修改', en: '; the report is unchanged' },
      (p) => p.path,
    ),

  unreadableFile: (reason: string) =>
    badInput(
      {
        'zh-CN': `content：无法读取 XLSX 文件（${reason}），报告未作任何修改`,
        en: `content: the XLSX file could not be read (${reason}); the report is unchanged`,
      },
      'IMPORT_FILE_UNREADABLE',
      { field: 'content' },
    ),
};
