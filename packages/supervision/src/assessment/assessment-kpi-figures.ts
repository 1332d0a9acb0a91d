import type { ServiceDeps } from '@tradepilot/service-kit';
import { tenantScope, trusted } from '@tradepilot/tenancy';
import type { NationalAreaRow } from '../national-area-model';
import { planVersionModel, type PlanVersionDocument } from '../plan-version-model';
import type { ReportingPeriodDocument } from '../reporting-period-model';
import { findReports } from '../reports/report-context';
import type { ProgressReportDocument } from '../reports/report-model';
import { emptyBasis, percent, type AreaFigure } from './assessment-figures';

/** How far an actual went from the baseline to the target (0 … 1); a target equal to its baseline is met or not. */
export function kpiAttainment(kpi: { baseline: number; target: number }, actual: number): number {
  if (kpi.target === kpi.baseline) return actual >= kpi.target ? 1 : 0;
  return Math.min(1, Math.max(0, (actual - kpi.baseline) / (kpi.target - kpi.baseline)));
}

/**
 * KPI attainment: for each KPI of the plan version the area last reported on, its latest actual
 * from the accepted reports, as attainment of the target; the mean over the KPIs (a KPI never
 * reported counts as 0). The actuals exist only in the provinces' databases: a run reads each
 * province with assessed areas once (plan versions and accepted reports), never per request.
 */
export async function kpiFigures(
  deps: ServiceDeps,
  round: number,
  areas: readonly NationalAreaRow[],
  periods: readonly ReportingPeriodDocument[],
): Promise<Map<string, AreaFigure>> {
  const starts = new Map(periods.map((p) => [p._id, p.start]));
  const figures = new Map<string, AreaFigure>();
  const provinces = [...new Set(areas.map((a) => a.province))].sort();
  for (const province of provinces) {
    const scope = tenantScope(province);
    const ids = areas.filter((a) => a.province === province).map((a) => a.pilotAreaId);
    const [versions, accepted] = await Promise.all([
      deps.databases
        .model(scope, planVersionModel)
        .then((m) => m.find({ round, pilotAreaId: trusted({ $in: ids }) }).lean<PlanVersionDocument[]>()),
      findReports(
        deps,
        scope,
        { round, pilotAreaId: trusted({ $in: ids }), status: 'accepted' },
        { outbox: 0 },
        true,
      ),
    ]);
    for (const pilotAreaId of ids) {
      const reports = accepted
        .filter((r) => r.pilotAreaId === pilotAreaId)
        .sort((a, b) => (starts.get(a.periodId) ?? '').localeCompare(starts.get(b.periodId) ?? ''));
      figures.set(pilotAreaId, areaKpiFigure(province, pilotAreaId, reports, versions));
    }
  }
  return figures;
}

function areaKpiFigure(
  province: string,
  pilotAreaId: string,
  reports: readonly ProgressReportDocument[],
  versions: readonly PlanVersionDocument[],
): AreaFigure {
  const basis = emptyBasis(`supervision_${province}.progress_reports (accepted) + plan_versions`);
  const last = reports[reports.length - 1];
  const version = last
    ? versions.find((v) => v.pilotAreaId === pilotAreaId && v.submission === last.planSubmission)
    : undefined;
  if (!last || !version) return { raw: null, basis };
  // the latest actual of each KPI, from the reports in period order
  const actuals = new Map<string, { actual: number; reportId: string }>();
  for (const report of reports) {
    for (const entry of report.entries) {
      for (const kpi of entry.kpiActuals) {
        actuals.set(`${entry.taskId}/${kpi.name}`, { actual: kpi.actual, reportId: report._id });
      }
    }
  }
  let sum = 0;
  let count = 0;
  let reported = 0;
  for (const task of version.tasks) {
    for (const kpi of task.kpis) {
      const ref = `${task.id}/${kpi.name}`;
      const found = actuals.get(ref);
      const attainment = found ? kpiAttainment(kpi, found.actual) : 0;
      if (found) reported += 1;
      sum += attainment;
      count += 1;
      basis.lines.push({
        ref,
        values: {
          baseline: kpi.baseline,
          target: kpi.target,
          actual: found?.actual ?? null,
          attainment: Math.round(attainment * 1000) / 10,
          reportId: found?.reportId ?? null,
        },
      });
    }
  }
  basis.periods = reports.map((r) => r.periodId);
  basis.reports = reports.map((r) => r._id);
  basis.counts = { kpis: count, reported, planSubmission: version.submission };
  return { raw: count === 0 ? null : percent(sum, count), basis };
}
