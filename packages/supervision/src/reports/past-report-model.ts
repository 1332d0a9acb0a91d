import { defineModel } from '@tradepilot/tenancy';
import { progressReportSchema, type ProgressReportDocument } from './report-model';

/**
 * Accepted reports of periods past due whose events are published (same shape as
 * `progress_reports`), in the province's database. No outbox flag: the relay never scans them,
 * and the reads of current periods never touch them.
 */
export const pastProgressReportModel = defineModel<ProgressReportDocument>({
  name: 'PastProgressReport',
  collection: 'past_progress_reports',
  placement: 'tenant',
  schema: progressReportSchema(),
});
