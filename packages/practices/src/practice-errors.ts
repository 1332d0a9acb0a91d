import { badInput, forbidden, invalidState, notFound } from '@tradepilot/service-kit';
import type { PracticeStatus } from './practice-model';

const statusNames: Record<PracticeStatus, string> = {
  draft: '草稿',
  submitted: '已报送',
  returned: '已退回',
  recommended: '已推荐',
  rejected: '未通过',
  published: '已发布',
};

/** Every refusal of the practices service, in zh-CN and en. */
export const practiceErrors = {
  notFound: () => notFound({ 'zh-CN': '最佳实践案例', en: 'Practice' }, 'PRACTICE_NOT_FOUND'),
  versionConflict: (expected: number, actual: number, by: string, at: Date) =>
    invalidState(
      {
        'zh-CN': `案例已被 ${by} 于 ${at.toISOString()} 修改（当前版本 ${actual}，您看到的是 ${expected}），请刷新后再保存`,
        en: `The practice was changed by ${by} at ${at.toISOString()} (version ${actual}, you saw ${expected}); reload and save again`,
      },
      'VERSION_CONFLICT',
      { expected, actual, by },
    ),
  notEditable: (status: PracticeStatus) =>
    invalidState(
      {
        'zh-CN': `案例状态为“${statusNames[status]}”，不能修改`,
        en: `The practice is ${status} and cannot be changed`,
      },
      'PRACTICE_NOT_EDITABLE',
      { status },
    ),
  notOwnArea: (pilotAreaId: string) =>
    forbidden(
      {
        'zh-CN': `案例属于试点地区 ${pilotAreaId}，只有该地区可以编辑和报送`,
        en: `The practice belongs to pilot area ${pilotAreaId}; only that area edits and submits it`,
      },
      'NOT_OWN_PILOT_AREA',
    ),
  unknownPilotArea: (field: string, id: string) =>
    badInput(
      { 'zh-CN': `${field}：未知的试点地区 ${id}`, en: `${field}: unknown pilot area ${id}` },
      'UNKNOWN_PILOT_AREA',
      { field, id },
    ),
  areaOutsideProvince: (id: string, province: string) =>
    badInput(
      {
        'zh-CN': `pilotAreaId：试点地区 ${id} 不属于 ${province}，案例须由本省的试点地区提交`,
        en: `pilotAreaId: pilot area ${id} is not in ${province}; a practice is submitted by an area of the caller's province`,
      },
      'PILOT_AREA_OUTSIDE_PROVINCE',
    ),
  ownerAsCoAuthor: () =>
    badInput(
      {
        'zh-CN': 'coAuthors：提交地区不能同时列为合作地区',
        en: 'coAuthors: the submitting area cannot also be a co-author',
      },
      'OWNER_AS_CO_AUTHOR',
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
  incomplete: (missing: string[]) =>
    badInput(
      {
        'zh-CN': `报送前请填写：${missing.join('、')}`,
        en: `Fill in before submitting: ${missing.join(', ')}`,
      },
      'PRACTICE_INCOMPLETE',
      { missing },
    ),
};
