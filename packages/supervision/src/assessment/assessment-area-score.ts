import type { LocalizedText } from '@tradepilot/contracts';
import { sourceUnits, type AssessmentIndicator } from './assessment-framework';
import { emptyBasis, type AreaFigure } from './assessment-figures';
import type { IndicatorScore, ManualScore } from './assessment-result-model';
import { describeRule, pointsOf, roundPoints } from './assessment-scoring';

const manualRule: LocalizedText = {
  'zh-CN': '人工评分：依据证据与说明给分',
  en: 'manual: points given on evidence, with a comment',
};

/** One indicator of one area, with the words that explain its points. */
export function scoreIndicator(
  indicator: AssessmentIndicator,
  figure: AreaFigure | undefined,
  manual: ManualScore | null = null,
): IndicatorScore {
  const base = {
    indicatorId: indicator.id,
    name: indicator.name,
    weight: indicator.weight,
    source: indicator.source,
    unit: sourceUnits[indicator.source],
  };
  if (indicator.source === 'manual' || !indicator.rule) {
    const points = manual ? roundPoints(manual.points) : 0;
    return {
      ...base,
      raw: manual ? manual.points : null,
      rule: manualRule,
      points,
      basis: emptyBasis('manual'),
      manual,
      explanation: manual
        ? {
            'zh-CN': `人工评分 ${points}/${indicator.weight} 分（${manual.scoredBy}，证据 ${manual.evidence.length} 项）：${manual.comment}`,
            en: `scored ${points}/${indicator.weight} by ${manual.scoredBy} on ${manual.evidence.length} piece(s) of evidence: ${manual.comment}`,
          }
        : {
            'zh-CN': `待人工评分（须附证据与说明），暂得 0/${indicator.weight} 分`,
            en: `awaiting a manual score (with evidence and a comment): 0/${indicator.weight} for now`,
          },
    };
  }
  const raw = figure?.raw ?? null;
  const points = pointsOf(indicator.rule, raw, indicator.weight);
  const rule = describeRule(indicator.rule, indicator.weight);
  const unit = sourceUnits[indicator.source];
  return {
    ...base,
    raw,
    rule,
    points,
    basis: figure?.basis ?? emptyBasis(indicator.source),
    manual: null,
    explanation:
      raw === null
        ? {
            'zh-CN': `暂无可计算的数据（${unit['zh-CN']}），得 0/${indicator.weight} 分`,
            en: `no data to compute yet (${unit.en}): 0/${indicator.weight} points`,
          }
        : {
            'zh-CN': `原始值 ${raw}（${unit['zh-CN']}）；${rule['zh-CN']}；得 ${points}/${indicator.weight} 分`,
            en: `raw value ${raw} (${unit.en}); ${rule.en}; ${points}/${indicator.weight} points`,
          },
  };
}

/** The area's total: the sum of its indicators' points. */
export const totalOf = (scores: readonly Pick<IndicatorScore, 'points'>[]): number =>
  roundPoints(scores.reduce((sum, s) => sum + s.points, 0));
