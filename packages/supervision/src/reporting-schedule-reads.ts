import { notFound, type ServiceDeps } from '@tradepilot/service-kit';
import { nationalScope } from '@tradepilot/tenancy';
import { reportingScheduleModel, type ReportingScheduleDocument } from './reporting-schedule-model';

/** A round's reporting schedule, or a NOT_FOUND that names the round. */
export async function readReportingSchedule(
  deps: ServiceDeps,
  round: number,
): Promise<ReportingScheduleDocument> {
  const found = await (await deps.databases.model(nationalScope, reportingScheduleModel))
    .findById(String(round))
    .lean<ReportingScheduleDocument>();
  if (!found)
    throw notFound(
      { 'zh-CN': `${round} 年批次的报告时间表`, en: `The reporting schedule of round ${round}` },
      'SCHEDULE_NOT_FOUND',
      { round },
    );
  return found;
}
