import { badInput, invalidState, notFound } from '@tradepilot/service-kit';
import type { FrameworkProblem } from './assessment-framework-problems';

/** Every refusal of the assessment procedures, in zh-CN and en; none of them changes anything. */
export const assessmentErrors = {
  weightsNot100: (sum: number, weights: { id: string; weight: number }[]) =>
    badInput(
      {
        'zh-CN': `indicators：各指标权重之和须为 100，现为 ${sum}（${weights.map((w) => `${w.id}=${w.weight}`).join('，')}）`,
        en: `indicators: the weights must sum to 100, they sum to ${sum} (${weights.map((w) => `${w.id}=${w.weight}`).join(', ')})`,
      },
      'ASSESSMENT_WEIGHTS_NOT_100',
      { sum, weights },
    ),
  frameworkInvalid: (problems: FrameworkProblem[]) =>
    badInput(
      {
        'zh-CN': `评估框架有误 — ${problems.map((p) => `${p.path}：${p.messages['zh-CN']}`).join('；')}`,
        en: `The assessment framework is not valid — ${problems.map((p) => `${p.path}: ${p.messages.en}`).join('; ')}`,
      },
      'ASSESSMENT_FRAMEWORK_INVALID',
      { issues: problems },
    ),
  frameworkNotFound: (frameworkId: string) =>
    notFound(
      { 'zh-CN': `评估框架 ${frameworkId}`, en: `Assessment framework ${frameworkId}` },
      'ASSESSMENT_FRAMEWORK_NOT_FOUND',
      { frameworkId },
    ),
  frameworkRoundFixed: (frameworkId: string, round: number) =>
    badInput(
      {
        'zh-CN': `round：评估框架 ${frameworkId} 属于 ${round} 年批次，不能改到其他批次（请新建框架）`,
        en: `round: the assessment framework ${frameworkId} belongs to round ${round} and cannot move (create a new framework)`,
      },
      'ASSESSMENT_FRAMEWORK_ROUND_FIXED',
      { frameworkId, round },
    ),
  frameworkNotCreatedYet: (frameworkId: string) =>
    invalidState(
      {
        'zh-CN': `评估框架 ${frameworkId} 尚不存在，请以版本 0 创建`,
        en: `The assessment framework ${frameworkId} does not exist yet: create it with version 0`,
      },
      'ASSESSMENT_FRAMEWORK_NOT_FOUND',
      { frameworkId },
    ),
  runNotFound: (runId: string) =>
    notFound({ 'zh-CN': `评估运行 ${runId}`, en: `Assessment run ${runId}` }, 'ASSESSMENT_RUN_NOT_FOUND', {
      runId,
    }),
  runPublished: (runId: string, runVersion: number, publishedAt: Date | null) =>
    invalidState(
      {
        'zh-CN': `评估运行 ${runId}（第 ${runVersion} 版）已于 ${publishedAt?.toISOString() ?? '?'} 发布，结果已冻结，不能再修改；如需调整请发起新的评估运行（新版本）`,
        en: `Assessment run ${runId} (version ${runVersion}) was published at ${publishedAt?.toISOString() ?? '?'}: its results are frozen and cannot change; start a new run (a new version) instead`,
      },
      'ASSESSMENT_RUN_PUBLISHED',
      { runId, runVersion },
    ),
  runBusy: (runId: string) =>
    invalidState(
      {
        'zh-CN': `评估运行 ${runId} 正被他人修改，您的修改未保存，请刷新后重试`,
        en: `Assessment run ${runId} is being changed by someone else; nothing of yours was saved — reload and try again`,
      },
      'ASSESSMENT_RUN_BUSY',
      { runId },
    ),
  noAreasToAssess: (round: number) =>
    invalidState(
      {
        'zh-CN': `${round} 年批次尚无实施方案已生效的试点地区，无可评估对象`,
        en: `Round ${round} has no pilot area with an implementation plan in force: there is nothing to assess`,
      },
      'ASSESSMENT_NO_AREAS',
      { round },
    ),
  resultNotFound: (runId: string, pilotAreaId: string) =>
    notFound(
      {
        'zh-CN': `评估运行 ${runId} 中试点地区 ${pilotAreaId} 的结果`,
        en: `The result of pilot area ${pilotAreaId} in assessment run ${runId}`,
      },
      'ASSESSMENT_RESULT_NOT_FOUND',
      { runId, pilotAreaId },
    ),
  indicatorUnknown: (indicatorId: string, known: string[]) =>
    badInput(
      {
        'zh-CN': `indicatorId：本次评估的框架没有指标 ${indicatorId}（现有：${known.join('、')}）`,
        en: `indicatorId: the run's framework has no indicator ${indicatorId} (it has: ${known.join(', ')})`,
      },
      'ASSESSMENT_INDICATOR_UNKNOWN',
      { indicatorId, known },
    ),
  indicatorNotManual: (indicatorId: string, source: string) =>
    badInput(
      {
        'zh-CN': `indicatorId：指标 ${indicatorId} 由数据自动计算（来源 ${source}），不能人工评分`,
        en: `indicatorId: the indicator ${indicatorId} is computed from the data (source ${source}) and cannot be scored manually`,
      },
      'ASSESSMENT_INDICATOR_NOT_MANUAL',
      { indicatorId, source },
    ),
  pointsAboveWeight: (indicatorId: string, points: number, weight: number) =>
    badInput(
      {
        'zh-CN': `points：指标 ${indicatorId} 满分为 ${weight} 分，不能给 ${points} 分`,
        en: `points: the indicator ${indicatorId} is worth at most ${weight} points, not ${points}`,
      },
      'ASSESSMENT_POINTS_ABOVE_WEIGHT',
      { indicatorId, points, weight },
    ),
};
