import type { AssessmentIndicator } from './assessment-framework';

export interface FrameworkProblem {
  path: string;
  messages: { 'zh-CN': string; en: string };
}

/** The weights' sum, to two decimals (weights may carry decimals). */
export const weightSum = (indicators: readonly Pick<AssessmentIndicator, 'weight'>[]): number =>
  Math.round(indicators.reduce((sum, i) => sum + i.weight, 0) * 100) / 100;

/**
 * Every problem of a framework's indicators besides the weights' sum, by field: ids unique, an
 * automatic indicator has a rule and a manual one has none, and each rule can score.
 */
export function indicatorProblems(indicators: readonly AssessmentIndicator[]): FrameworkProblem[] {
  const problems: FrameworkProblem[] = [];
  const seen = new Set<string>();
  indicators.forEach((indicator, i) => {
    const at = `indicators.${i}`;
    if (seen.has(indicator.id))
      problems.push({
        path: `${at}.id`,
        messages: {
          'zh-CN': `指标标识 ${indicator.id} 重复`,
          en: `the indicator id ${indicator.id} is used twice`,
        },
      });
    seen.add(indicator.id);
    // points are kept to two decimals: a finer weight could make a total pass 100
    if (Math.abs(indicator.weight * 100 - Math.round(indicator.weight * 100)) > 1e-6)
      problems.push({
        path: `${at}.weight`,
        messages: {
          'zh-CN': `权重最多两位小数（${indicator.weight}）`,
          en: `a weight has at most two decimals (${indicator.weight})`,
        },
      });
    const rule = indicator.rule;
    if (indicator.source === 'manual') {
      if (rule)
        problems.push({
          path: `${at}.rule`,
          messages: {
            'zh-CN': `人工评分指标 ${indicator.id} 不设评分规则（由评估人员依据证据评分）`,
            en: `the manual indicator ${indicator.id} has no scoring rule (it is scored on evidence)`,
          },
        });
      return;
    }
    if (!rule) {
      problems.push({
        path: `${at}.rule`,
        messages: {
          'zh-CN': `自动指标 ${indicator.id}（来源 ${indicator.source}）须设评分规则：linear、ratio 或 banded`,
          en: `the automatic indicator ${indicator.id} (source ${indicator.source}) needs a scoring rule: linear, ratio or banded`,
        },
      });
      return;
    }
    if (rule.kind === 'linear' && rule.zeroAt === rule.fullAt)
      problems.push({
        path: `${at}.rule`,
        messages: {
          'zh-CN': `线性规则的零分点与满分点不能相同（均为 ${rule.zeroAt}）`,
          en: `a linear rule needs different zero and full points (both are ${rule.zeroAt})`,
        },
      });
    if (rule.kind === 'banded') {
      const froms = rule.bands.map((b) => b.from);
      if (new Set(froms).size !== froms.length)
        problems.push({
          path: `${at}.rule.bands`,
          messages: {
            'zh-CN': `分档规则的起点不能重复（${froms.join('、')}）`,
            en: `a banded rule's bands start at different values (${froms.join(', ')})`,
          },
        });
    }
  });
  return problems;
}
