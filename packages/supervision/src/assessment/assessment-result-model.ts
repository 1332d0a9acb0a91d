import type { LocalizedText } from '@tradepilot/contracts';
import { defineModel } from '@tradepilot/tenancy';
import { Schema } from 'mongoose';
import type { IndicatorSource } from './assessment-framework';
import { localizedTextField } from './assessment-model-schemas';

/**
 * What a raw value was computed from, for the drill-down: the projection read, the periods and
 * reports counted, the counts, and one line per item (a period's report, a KPI, a practice).
 * Bounded by the round's periods and the plan's tasks.
 */
export interface IndicatorBasis {
  /** the collection (or the databases) the figure was read from */
  from: string;
  periods: string[];
  reports: string[];
  counts: Record<string, number>;
  lines: { ref: string; values: Record<string, string | number | null> }[];
}

/** The ministry's score of a manual indicator: mandatory evidence and comment. */
export interface ManualScore {
  points: number;
  evidence: { title: string; reference: string }[];
  comment: string;
  scoredBy: string;
  scoredAt: Date;
}

/** One indicator of one area: the raw value, where it came from, the rule, the points. */
export interface IndicatorScore {
  indicatorId: string;
  name: LocalizedText;
  weight: number;
  source: IndicatorSource;
  /** null: nothing to measure yet (or a manual indicator) */
  raw: number | null;
  unit: LocalizedText;
  rule: LocalizedText;
  points: number;
  basis: IndicatorBasis;
  manual: ManualScore | null;
  explanation: LocalizedText;
}

/**
 * One pilot area's result in one run (`<runId>:<pilotAreaId>`) in
 * `supervision_national.assessment_results`: one small document per area, bounded by the
 * framework's indicators. Ranks are computed over a run's results when read (a manual score moves
 * every rank); once the run is published nothing here changes.
 */
export interface AssessmentResultDocument {
  _id: string;
  runId: string;
  round: number;
  province: string;
  pilotAreaId: string;
  indicators: IndicatorScore[];
  total: number;
  version: number;
  updatedAt: Date;
}

const schema = new Schema<AssessmentResultDocument>(
  {
    _id: { type: String, required: true },
    runId: { type: String, required: true },
    round: { type: Number, required: true },
    province: { type: String, required: true },
    pilotAreaId: { type: String, required: true },
    indicators: {
      type: [
        {
          _id: false,
          indicatorId: String,
          name: localizedTextField,
          weight: Number,
          source: String,
          raw: { type: Number, default: null },
          unit: localizedTextField,
          rule: localizedTextField,
          points: Number,
          basis: { type: Schema.Types.Mixed, required: true },
          manual: { type: Schema.Types.Mixed, default: null },
          explanation: localizedTextField,
        },
      ],
      default: [],
    },
    total: { type: Number, required: true },
    version: { type: Number, required: true },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false, minimize: false },
);
schema.index({ runId: 1, province: 1 });

export const assessmentResultModel = defineModel<AssessmentResultDocument>({
  name: 'AssessmentResult',
  collection: 'assessment_results',
  placement: 'national',
  schema,
});

export const assessmentResultId = (runId: string, pilotAreaId: string) => `${runId}:${pilotAreaId}`;
