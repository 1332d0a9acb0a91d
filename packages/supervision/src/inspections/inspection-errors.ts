import type { RectificationStatus } from '@tradepilot/contracts';
import { badInput, forbidden, invalidState, notFound } from '@tradepilot/service-kit';
import type { InspectionStatus } from './inspection-model';
import type { InspectionAction, InspectionRefusal } from './inspection-transitions';
import type { RectificationAction, RectificationRefusal } from './rectification-transitions';

const inspectionStatusNames: Record<InspectionStatus, { zh: string; en: string }> = {
  scheduled: { zh: '已安排', en: 'scheduled' },
  'carried-out': { zh: '已实施', en: 'carried out' },
};

export const rectificationStatusNames: Record<RectificationStatus, { zh: string; en: string }> = {
  open: { zh: '待整改', en: 'open' },
  'in-progress': { zh: '整改中', en: 'in progress' },
  submitted: { zh: '已提交待验收', en: 'submitted for acceptance' },
  returned: { zh: '已退回', en: 'sent back' },
  closed: { zh: '已销号', en: 'closed' },
};

const inspectionActionNames: Record<InspectionAction, { zh: string; en: string }> = {
  carryOut: { zh: '登记为已实施', en: 'record it as carried out' },
  recordFinding: { zh: '登记发现的问题', en: 'record a finding' },
};

const rectificationActionNames: Record<RectificationAction, { zh: string; en: string }> = {
  reportProgress: { zh: '报告整改进展', en: 'report progress on it' },
  submit: { zh: '提交整改完成', en: 'submit it as done' },
  close: { zh: '验收销号', en: 'close it' },
  sendBack: { zh: '退回', en: 'send it back' },
};

/** Every refusal of inspections and rectifications, in zh-CN and en. */
export const inspectionErrors = {
  inspection: { 'zh-CN': '督查', en: 'The inspection' },
  rectification: { 'zh-CN': '整改事项', en: 'The rectification' },
  inspectionNotFound: (inspectionId: string) =>
    notFound({ 'zh-CN': `督查 ${inspectionId}`, en: `Inspection ${inspectionId}` }, 'INSPECTION_NOT_FOUND', {
      inspectionId,
    }),
  rectificationNotFound: (rectificationId: string) =>
    notFound(
      { 'zh-CN': `整改事项 ${rectificationId}`, en: `Rectification ${rectificationId}` },
      'RECTIFICATION_NOT_FOUND',
      { rectificationId },
    ),
  unknownPilotArea: (pilotAreaId: string) =>
    notFound(
      { 'zh-CN': `试点地区 ${pilotAreaId}`, en: `Pilot area ${pilotAreaId}` },
      'PILOT_AREA_NOT_FOUND',
      {
        pilotAreaId,
      },
    ),
  scheduleNotAllowed: () =>
    forbidden(
      {
        'zh-CN': '只有商务部或试点地区所在省的商务主管部门可以安排督查',
        en: "Only the ministry or the pilot area's province may schedule an inspection",
      },
      'INSPECTION_SCHEDULE_NOT_ALLOWED',
    ),
  datesOutOfOrder: (startDate: string, endDate: string) =>
    badInput(
      {
        'zh-CN': `endDate：结束日期 ${endDate} 早于开始日期 ${startDate}`,
        en: `endDate: the end date ${endDate} is before the start date ${startDate}`,
      },
      'INSPECTION_DATES_OUT_OF_ORDER',
      { field: 'endDate', startDate, endDate },
    ),
  unknownTasks: (taskIds: string[], submission: number) =>
    badInput(
      {
        'zh-CN': `taskIds：任务 ${taskIds.join('、')} 不在已生效的实施方案（第 ${submission} 版）中`,
        en: `taskIds: tasks ${taskIds.join(', ')} are not in the plan in force (version ${submission})`,
      },
      'INSPECTION_TASKS_UNKNOWN',
      { field: 'taskIds', taskIds },
    ),
  unknownMeasures: (measureIds: string[]) =>
    badInput(
      {
        'zh-CN': `measureIds：举措 ${measureIds.join('、')} 未被已生效实施方案的任何任务对应`,
        en: `measureIds: no task of the plan in force maps to measures ${measureIds.join(', ')}`,
      },
      'INSPECTION_MEASURES_UNKNOWN',
      { field: 'measureIds', measureIds },
    ),
  dueRequired: () =>
    badInput(
      {
        'zh-CN': 'dueDate / dueInWorkingDays：请给出整改期限，二者选其一（截止日期，或自今日起的工作日数）',
        en: 'dueDate / dueInWorkingDays: give the rectification deadline as exactly one of a date or a number of working days from today',
      },
      'RECTIFICATION_DUE_REQUIRED',
      { fields: ['dueDate', 'dueInWorkingDays'] },
    ),
  duePassed: (dueDate: string, today: string) =>
    badInput(
      {
        'zh-CN': `dueDate：整改截止日期 ${dueDate} 早于今天（${today}）`,
        en: `dueDate: the rectification due date ${dueDate} is before today (${today})`,
      },
      'RECTIFICATION_DUE_PASSED',
      { field: 'dueDate', dueDate, today },
    ),
  attachmentsRefused: (attachmentIds: string[]) =>
    badInput(
      {
        'zh-CN': `attachmentIds：附件 ${attachmentIds.join('、')} 不存在、已用于其他事项或不是您上传的`,
        en: `attachmentIds: attachments ${attachmentIds.join(', ')} do not exist, belong to something else, or were not uploaded by you`,
      },
      'RECTIFICATION_ATTACHMENTS_REFUSED',
      { field: 'attachmentIds', attachmentIds },
    ),
  inspectionRefused: (action: InspectionAction, refusal: InspectionRefusal, status: InspectionStatus) => {
    const a = inspectionActionNames[action];
    if (refusal.kind === 'not-inspector')
      return forbidden(
        {
          'zh-CN': `只有安排该督查的单位可以${a.zh}`,
          en: `Only the organisation that scheduled the inspection may ${a.en}`,
        },
        'INSPECTION_NOT_INSPECTOR',
        { action },
      );
    return invalidState(
      {
        'zh-CN': `督查状态为“${inspectionStatusNames[status].zh}”，不能${a.zh}（仅限：${refusal.allowed.map((s) => inspectionStatusNames[s].zh).join('、')}）`,
        en: `The inspection is ${inspectionStatusNames[status].en}: you cannot ${a.en} (only when ${refusal.allowed.map((s) => inspectionStatusNames[s].en).join(' or ')})`,
      },
      'INSPECTION_WRONG_STATUS',
      { action, status, allowed: refusal.allowed },
    );
  },
  rectificationRefused: (
    action: RectificationAction,
    refusal: RectificationRefusal,
    status: RectificationStatus,
  ) => {
    const a = rectificationActionNames[action];
    switch (refusal.kind) {
      case 'not-pilot-area':
        return forbidden(
          {
            'zh-CN': `只有被督查的试点地区可以${a.zh}`,
            en: `Only the pilot area inspected may ${a.en}`,
          },
          'RECTIFICATION_NOT_PILOT_AREA',
          { action },
        );
      case 'not-inspector':
        return forbidden(
          {
            'zh-CN': `只有安排该督查的单位可以${a.zh}`,
            en: `Only the organisation that scheduled the inspection may ${a.en}`,
          },
          'RECTIFICATION_NOT_INSPECTOR',
          { action },
        );
      case 'wrong-status':
        return invalidState(
          {
            'zh-CN': `整改事项状态为“${rectificationStatusNames[status].zh}”，不能${a.zh}（仅限：${refusal.allowed.map((s) => rectificationStatusNames[s].zh).join('、')}）`,
            en: `The rectification is ${rectificationStatusNames[status].en}: you cannot ${a.en} (only when ${refusal.allowed.map((s) => rectificationStatusNames[s].en).join(' or ')})`,
          },
          'RECTIFICATION_WRONG_STATUS',
          { action, status, allowed: refusal.allowed },
        );
    }
  },
};
