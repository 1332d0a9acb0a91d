import type { LocalizedText } from '@tradepilot/contracts';

/**
 * Where an indicator's raw value comes from: a national projection supervision keeps, or the
 * ministry's manual score (with evidence and a comment) on each run.
 */
export const indicatorSources = [
  'implementation_rate',
  'report_timeliness',
  'kpi_attainment',
  'key_issues_resolved',
  'practices_published',
  'manual',
] as const;
export type IndicatorSource = (typeof indicatorSources)[number];

/**
 * How a raw value becomes points (0 … the indicator's weight):
 * - linear: nothing at `zeroAt`, full weight at `fullAt`, linear between (fullAt < zeroAt: less is better)
 * - ratio: raw ÷ target, capped at 1
 * - banded: the share of the weight of the highest band whose `from` the raw value reaches
 */
export type ScoringRule =
  | { kind: 'linear'; zeroAt: number; fullAt: number }
  | { kind: 'ratio'; target: number }
  | { kind: 'banded'; bands: { from: number; percent: number }[] };

export interface AssessmentIndicator {
  /** stable within the framework, e.g. "implementation" */
  id: string;
  name: LocalizedText;
  /** points out of 100; the framework's weights sum to 100 */
  weight: number;
  source: IndicatorSource;
  /** null for manual indicators */
  rule: ScoringRule | null;
}

export interface AssessmentFramework {
  frameworkId: string;
  round: number;
  name: LocalizedText;
  indicators: AssessmentIndicator[];
}

/** The raw value's unit, for the explanation. */
export const sourceUnits: Record<IndicatorSource, LocalizedText> = {
  implementation_rate: { 'zh-CN': '%（已落地措施 ÷ 适用措施）', en: '% (implemented ÷ applicable measures)' },
  report_timeliness: { 'zh-CN': '%（按时报送 ÷ 应报送）', en: '% (on time ÷ reports due)' },
  kpi_attainment: {
    'zh-CN': '%（各指标实际值相对目标的平均完成度）',
    en: '% (mean attainment of KPI targets)',
  },
  key_issues_resolved: { 'zh-CN': '%（已解决 ÷ 已提出的问题）', en: '% (resolved ÷ raised key issues)' },
  practices_published: { 'zh-CN': '项（发布的经验做法）', en: 'practices published' },
  manual: { 'zh-CN': '分（人工评分）', en: 'points (scored manually)' },
};
