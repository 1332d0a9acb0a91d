import type { LocalizedText } from '@tradepilot/contracts';
import type { AssessmentIndicator } from './assessment-framework';
import type { AssessmentFrameworkDocument } from './assessment-framework-model';
import type { RankedArea } from './assessment-ranking';
import type { AssessmentResultDocument, IndicatorScore } from './assessment-result-model';
import type { AssessmentRunDocument, AssessmentRunStatus } from './assessment-run-model';

export interface AssessmentFrameworkView {
  frameworkId: string;
  round: number;
  name: LocalizedText;
  indicators: AssessmentIndicator[];
  version: number;
  updatedAt: string;
  updatedBy: string;
}

export const frameworkView = (f: AssessmentFrameworkDocument): AssessmentFrameworkView => ({
  frameworkId: f._id,
  round: f.round,
  name: f.name,
  indicators: f.indicators.map((i) => ({ ...i, rule: i.rule ?? null })),
  version: f.version,
  updatedAt: f.updatedAt.toISOString(),
  updatedBy: f.updatedBy,
});

export interface AssessmentRunView {
  runId: string;
  frameworkId: string;
  frameworkVersion: number;
  round: number;
  runVersion: number;
  name: LocalizedText;
  indicators: AssessmentIndicator[];
  status: AssessmentRunStatus;
  areaCount: number;
  computedAt: string;
  computedBy: string;
  publishedAt: string | null;
  publishedBy: string | null;
  version: number;
}

export const runView = (r: AssessmentRunDocument): AssessmentRunView => ({
  runId: r._id,
  frameworkId: r.frameworkId,
  frameworkVersion: r.frameworkVersion,
  round: r.round,
  runVersion: r.runVersion,
  name: r.name,
  indicators: r.indicators.map((i) => ({ ...i, rule: i.rule ?? null })),
  status: r.status,
  areaCount: r.areaCount,
  computedAt: r.computedAt.toISOString(),
  computedBy: r.computedBy,
  publishedAt: r.publishedAt?.toISOString() ?? null,
  publishedBy: r.publishedBy,
  version: r.version,
});

export interface IndicatorScoreView extends Omit<IndicatorScore, 'manual'> {
  manual: (Omit<NonNullable<IndicatorScore['manual']>, 'scoredAt'> & { scoredAt: string }) | null;
}

export interface AssessmentResultView {
  runId: string;
  runVersion: number;
  status: AssessmentRunStatus;
  round: number;
  province: string;
  pilotAreaId: string;
  total: number;
  rank: number;
  /** of how many areas */
  of: number;
  indicators: IndicatorScoreView[];
  version: number;
}

/** One area's result with every indicator's raw value, basis, rule and points (the drill-down). */
export const resultView = (
  run: AssessmentRunDocument,
  result: AssessmentResultDocument,
  ranking: readonly RankedArea[],
): AssessmentResultView => ({
  runId: run._id,
  runVersion: run.runVersion,
  status: run.status,
  round: result.round,
  province: result.province,
  pilotAreaId: result.pilotAreaId,
  total: result.total,
  rank: ranking.find((r) => r.pilotAreaId === result.pilotAreaId)?.rank ?? ranking.length,
  of: ranking.length,
  indicators: result.indicators.map((s) => ({
    ...s,
    manual: s.manual ? { ...s.manual, scoredAt: new Date(s.manual.scoredAt).toISOString() } : null,
  })),
  version: result.version,
});

export interface RankingRowView extends RankedArea {
  /** each indicator's points, by indicator id */
  points: Record<string, number>;
}

export const rankingRows = (
  ranking: readonly RankedArea[],
  results: readonly AssessmentResultDocument[],
): RankingRowView[] => {
  const byArea = new Map(results.map((r) => [r.pilotAreaId, r]));
  return ranking.map((row) => ({
    ...row,
    points: Object.fromEntries(
      (byArea.get(row.pilotAreaId)?.indicators ?? []).map((s) => [s.indicatorId, s.points]),
    ),
  }));
};
