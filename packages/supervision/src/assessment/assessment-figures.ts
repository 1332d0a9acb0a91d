import type { IndicatorSource } from './assessment-framework';
import type { IndicatorBasis } from './assessment-result-model';

/** An automatic indicator's raw value for one area and where it came from. */
export interface AreaFigure {
  raw: number | null;
  basis: IndicatorBasis;
}

export type AutomaticSource = Exclude<IndicatorSource, 'manual'>;

/** Every automatic figure of every assessed area: source → area → figure. */
export type RoundFigures = Record<AutomaticSource, Map<string, AreaFigure>>;

export const emptyBasis = (from: string): IndicatorBasis => ({
  from,
  periods: [],
  reports: [],
  counts: {},
  lines: [],
});

/** A percentage with one decimal; null when there is nothing to divide by. */
export const percent = (part: number, whole: number): number | null =>
  whole === 0 ? null : Math.round((part / whole) * 1000) / 10;
