import { AppError, badInput, invalidState, notFound } from '@tradepilot/service-kit';

export const adoptionErrors = {
  notFound: () => notFound({ 'zh-CN': '复制推广记录', en: 'Adoption' }, 'ADOPTION_NOT_FOUND'),
  // NOT_FOUND like every id of a draft another province holds: the answer says nothing of it
  notPublished: () =>
    new AppError(
      'NOT_FOUND',
      'PRACTICE_NOT_PUBLISHED',
      {
        'zh-CN': 'practiceId：未找到已发布的案例（只能复制推广已发布的案例）',
        en: 'practiceId: no published practice has this id (only published practices can be adopted)',
      },
      { field: 'practiceId' },
    ),
  transition: (from: string, to: string, allowed: readonly string[]) =>
    invalidState(
      {
        'zh-CN': `status：不能从“${from}”变为“${to}”${allowed.length ? `，可选：${allowed.join('、')}` : '（已结束）'}`,
        en: `status: cannot go from ${from} to ${to}${allowed.length ? `; allowed: ${allowed.join(', ')}` : ' (finished)'}`,
      },
      'ADOPTION_TRANSITION_NOT_ALLOWED',
      { from, to, allowed },
    ),
  reasonRequired: () =>
    badInput(
      { 'zh-CN': 'reason：放弃推广须说明原因', en: 'reason: dropping an adoption needs a reason' },
      'DROP_REASON_REQUIRED',
    ),
  versionConflict: (expected: number, actual: number, by: string) =>
    invalidState(
      {
        'zh-CN': `记录已被 ${by} 修改（当前版本 ${actual}，您看到的是 ${expected}），请刷新后再试`,
        en: `The adoption was changed by ${by} (version ${actual}, you saw ${expected}); reload and try again`,
      },
      'VERSION_CONFLICT',
      { expected, actual, by },
    ),
};
