import type { ServiceDeps } from '@tradepilot/service-kit';
import type { NationalAreaRow } from '../national-area-model';
import type { ReportingPeriodDocument } from '../reporting-period-model';
import type { AssessmentIndicator } from './assessment-framework';
import type { AreaFigure, AutomaticSource } from './assessment-figures';
import { kpiFigures } from './assessment-kpi-figures';
import {
  implementationFigures,
  keyIssueFigures,
  practiceFigures,
  timelinessFigures,
} from './assessment-national-figures';

/**
 * The figures the framework's automatic indicators need, each source read once for every area
 * of the round: the national projections, and for KPI attainment the provinces with assessed
 * areas (once each).
 */
export async function roundFigures(
  deps: ServiceDeps,
  round: number,
  indicators: readonly AssessmentIndicator[],
  areas: readonly NationalAreaRow[],
  periods: readonly ReportingPeriodDocument[],
): Promise<Partial<Record<AutomaticSource, Map<string, AreaFigure>>>> {
  const readers: Record<AutomaticSource, () => Promise<Map<string, AreaFigure>>> = {
    implementation_rate: () => implementationFigures(deps, round, areas),
    report_timeliness: () => timelinessFigures(deps, round, areas, periods),
    kpi_attainment: () => kpiFigures(deps, round, areas, periods),
    key_issues_resolved: () => keyIssueFigures(deps, round, areas),
    practices_published: () => practiceFigures(deps, round, areas),
  };
  const needed = [
    ...new Set(indicators.map((i) => i.source).filter((s): s is AutomaticSource => s !== 'manual')),
  ];
  const figures: Partial<Record<AutomaticSource, Map<string, AreaFigure>>> = {};
  for (const source of needed) figures[source] = await readers[source]();
  return figures;
}
