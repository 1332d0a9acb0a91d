import { procedure, router } from '@tradepilot/service-kit';
import { getReport, saveReport, type ReportDeps } from './report-drafting';
import { grantReportException } from './report-exception';
import {
  reportExceptionInput,
  reportImportInput,
  reportKeyInput,
  reportListInput,
  reportSaveInput,
  reportSubmitInput,
  timelinessInput,
} from './report-inputs';
import { listReports, reportAudit } from './report-reads';
import { submitReport } from './report-submission';
import { exportReportTemplate, importReport } from './report-template';
import { nationalTimeliness, provinceTimeliness } from './report-timeliness';

/** Progress reports: the pilot area drafts and submits, the province (or ministry) reviews through approvals. */
export function reportRouter(d: ReportDeps) {
  const { deps } = d;
  return router({
    get: procedure.input(reportKeyInput).query(({ ctx, input }) => getReport(d, ctx, input)),
    list: procedure.input(reportListInput).query(({ ctx, input }) => listReports(deps, ctx, input)),
    save: procedure.input(reportSaveInput).mutation(({ ctx, input }) => saveReport(d, ctx, input)),
    submit: procedure.input(reportSubmitInput).mutation(({ ctx, input }) => submitReport(d, ctx, input)),
    audit: procedure.input(reportKeyInput).query(({ ctx, input }) => reportAudit(deps, ctx, input)),
    /** the period's report as an XLSX to fill in offline (tasks prefilled) */
    exportTemplate: procedure
      .input(reportKeyInput)
      .query(({ ctx, input }) => exportReportTemplate(d, ctx, input)),
    /** the filled-in template back: every row checked first, nothing written on any problem */
    import: procedure.input(reportImportInput).mutation(({ ctx, input }) => importReport(d, ctx, input)),
    /** the ministry reopens one area's report after the due date, with a reason and a due date of its own */
    grantException: procedure
      .input(reportExceptionInput)
      .mutation(({ ctx, input }) => grantReportException(d, ctx, input)),
    /** on time / late / missing per period and area, rolled up for the province */
    timeliness: procedure
      .input(timelinessInput)
      .query(({ ctx, input }) => provinceTimeliness(deps, ctx, input)),
    /** the same per period and province, for the ministry, from the national projection */
    nationalTimeliness: procedure
      .input(timelinessInput)
      .query(({ input }) => nationalTimeliness(deps, input)),
  });
}
