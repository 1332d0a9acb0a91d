import { badInput, invalidState, notFound } from '@tradepilot/service-kit';

/** Every refusal about batches, in zh-CN and en. */
export const batchErrors = {
  notFound: () => notFound({ 'zh-CN': '批次', en: 'Batch' }, 'BATCH_NOT_FOUND'),
  numberTaken: (number: number) =>
    invalidState(
      { 'zh-CN': `number：第${number}批已存在`, en: `number: batch ${number} already exists` },
      'BATCH_NUMBER_TAKEN',
      { number },
    ),
  published: () =>
    invalidState(
      { 'zh-CN': '批次已发布，不能再修改', en: 'The batch is published and can no longer be changed' },
      'BATCH_PUBLISHED',
    ),
  versionConflict: (expected: number, actual: number, by: string) =>
    invalidState(
      {
        'zh-CN': `批次已被 ${by} 修改（当前版本 ${actual}，您看到的是 ${expected}），请刷新后再试`,
        en: `The batch was changed by ${by} (version ${actual}, you saw ${expected}); reload and try again`,
      },
      'VERSION_CONFLICT',
      { expected, actual, by },
    ),
  notRecommended: (ids: string[]) =>
    badInput(
      {
        'zh-CN': `themes：案例 ${ids.join('、')} 不在推荐案例库中`,
        en: `themes: practices ${ids.join(', ')} are not in the recommended pool`,
      },
      'PRACTICE_NOT_RECOMMENDED',
      { ids },
    ),
  inOtherBatch: (ids: string[]) =>
    badInput(
      {
        'zh-CN': `themes：案例 ${ids.join('、')} 已编入其他批次`,
        en: `themes: practices ${ids.join(', ')} are already in another batch`,
      },
      'PRACTICE_IN_OTHER_BATCH',
      { ids },
    ),
  repeated: (ids: string[]) =>
    badInput(
      {
        'zh-CN': `themes：案例 ${ids.join('、')} 出现了不止一次`,
        en: `themes: practices ${ids.join(', ')} appear more than once`,
      },
      'PRACTICE_REPEATED',
      { ids },
    ),
  empty: () =>
    invalidState(
      { 'zh-CN': '批次中没有案例，不能发布', en: 'The batch holds no practice and cannot be published' },
      'BATCH_EMPTY',
    ),
  publicationRunning: () =>
    invalidState(
      { 'zh-CN': '另一批次正在发布，请稍后再试', en: 'Another batch is being published; try again shortly' },
      'PUBLICATION_RUNNING',
    ),
};
