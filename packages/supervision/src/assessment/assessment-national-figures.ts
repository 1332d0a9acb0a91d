import type { ServiceDeps } from '@tradepilot/service-kit';
import { nationalScope } from '@tradepilot/tenancy';
import { implementationRate } from '../implementation/implementation-rate';
import {
  implementationRateModel,
  type ImplementationRateRow,
} from '../implementation/implementation-rate-model';
import { keyIssueIndexModel, type KeyIssueIndexRow } from '../key-issues/key-issue-index-model';
import type { NationalAreaRow } from '../national-area-model';
import type { ReportingPeriodDocument } from '../reporting-period-model';
import { reportTimelinessModel, type ReportTimelinessRow } from '../reports/report-timeliness-model';
import { emptyBasis, percent, type AreaFigure } from './assessment-figures';
import { practicePublicationModel, type PracticePublicationRow } from './practice-publication-model';

/**
 * Implementation rate: each area's latest period with an accepted report, from
 * `implementation_rates` (one row per area and period, kept from the report events).
 */
export async function implementationFigures(
  deps: ServiceDeps,
  round: number,
  areas: readonly NationalAreaRow[],
): Promise<Map<string, AreaFigure>> {
  const rows = await (await deps.databases.model(nationalScope, implementationRateModel))
    .find({ round })
    .select({ groups: 0 })
    .lean<ImplementationRateRow[]>();
  const latest = new Map<string, ImplementationRateRow>();
  for (const row of rows) {
    const seen = latest.get(row.pilotAreaId);
    if (!seen || seen.periodStart < row.periodStart) latest.set(row.pilotAreaId, row);
  }
  return new Map(
    areas.map((area) => {
      const row = latest.get(area.pilotAreaId);
      const basis = emptyBasis('supervision_national.implementation_rates');
      if (!row) return [area.pilotAreaId, { raw: null, basis }];
      basis.periods.push(row.periodId);
      basis.reports.push(`${row.periodId}:${row.pilotAreaId}`);
      basis.counts = { applicable: row.applicable, implemented: row.implemented, notPlanned: row.notPlanned };
      return [area.pilotAreaId, { raw: implementationRate(row), basis }];
    }),
  );
}

/**
 * Report timeliness: of the reports due so far (periods that opened and whose due date passed,
 * or delivered), the share delivered on time; from `report_timeliness` and the periods.
 */
export async function timelinessFigures(
  deps: ServiceDeps,
  round: number,
  areas: readonly NationalAreaRow[],
  periods: readonly ReportingPeriodDocument[],
): Promise<Map<string, AreaFigure>> {
  const rows = await (await deps.databases.model(nationalScope, reportTimelinessModel))
    .find({ round })
    .lean<ReportTimelinessRow[]>();
  const byId = new Map(rows.map((r) => [r._id, r]));
  const opened = periods.filter((p) => p.stage !== 'scheduled');
  return new Map(
    areas.map((area) => {
      const basis = emptyBasis('supervision_national.report_timeliness');
      const counts = { due: 0, onTime: 0, late: 0, missing: 0, daysLate: 0 };
      for (const period of opened) {
        if (area.firstApprovedOn && area.firstApprovedOn > period.end) continue;
        const row = byId.get(`${period._id}:${area.pilotAreaId}`);
        const status = row?.timeliness ?? (period.stage === 'due-passed' ? 'missing' : 'pending');
        if (status === 'pending') continue;
        counts.due += 1;
        if (status === 'on_time') counts.onTime += 1;
        else if (status === 'late') {
          counts.late += 1;
          counts.daysLate += row?.daysLate ?? 0;
        } else counts.missing += 1;
        basis.periods.push(period._id);
        if (row) basis.reports.push(row._id);
        basis.lines.push({
          ref: period._id,
          values: { status, daysLate: row?.daysLate ?? 0, due: period.due },
        });
      }
      basis.counts = counts;
      return [area.pilotAreaId, { raw: percent(counts.onTime, counts.due), basis }];
    }),
  );
}

/** Key issues resolved: resolved ÷ raised in the round, from `key_issue_index`. */
export async function keyIssueFigures(
  deps: ServiceDeps,
  round: number,
  areas: readonly NationalAreaRow[],
): Promise<Map<string, AreaFigure>> {
  const rows = await (await deps.databases.model(nationalScope, keyIssueIndexModel))
    .find({ round })
    .select({ _id: 1, pilotAreaId: 1, status: 1 })
    .lean<Pick<KeyIssueIndexRow, '_id' | 'pilotAreaId' | 'status'>[]>();
  return new Map(
    areas.map((area) => {
      const own = rows.filter((r) => r.pilotAreaId === area.pilotAreaId);
      const resolved = own.filter((r) => r.status === 'resolved').length;
      const basis = emptyBasis('supervision_national.key_issue_index');
      basis.counts = { raised: own.length, resolved };
      basis.lines = own.map((r) => ({ ref: r._id, values: { status: r.status } }));
      return [area.pilotAreaId, { raw: percent(resolved, own.length), basis }];
    }),
  );
}

/** Practices published: the area's practices (as author or co-author) of the round. */
export async function practiceFigures(
  deps: ServiceDeps,
  round: number,
  areas: readonly NationalAreaRow[],
): Promise<Map<string, AreaFigure>> {
  const rows = await (await deps.databases.model(nationalScope, practicePublicationModel))
    .find({ round })
    .lean<PracticePublicationRow[]>();
  return new Map(
    areas.map((area) => {
      const own = rows.filter((r) => r.pilotAreaId === area.pilotAreaId);
      const basis = emptyBasis('supervision_national.practice_publications');
      basis.counts = {
        published: own.length,
        coAuthored: own.filter((r) => r.coAuthored).length,
      };
      basis.lines = own.map((r) => ({
        ref: r.practiceId,
        values: { batchNumber: r.batchNumber, coAuthored: r.coAuthored ? 'yes' : 'no' },
      }));
      return [area.pilotAreaId, { raw: own.length, basis }];
    }),
  );
}
