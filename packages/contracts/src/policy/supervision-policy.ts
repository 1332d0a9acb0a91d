import {
  departmentLiaisons,
  ministryOfficers,
  programRoles,
  provinceOfficers,
  type PolicyTable,
} from './policy-types';

/** Reports are drafted by the pilot area (in a dual-role government its officer holds this role too). */
const pilotAreaOfficers = ['pilot-area-officer'] as const;

/** A province inspects its pilot areas (督查) as the province, not as one of them. */
const provinceInspectors = ['province-officer'] as const;

/** Procedures of the supervision service. */
export const supervisionPolicy: PolicyTable = {
  // the plans in force supervision follows, in the caller's province (supervision_<province>)
  'supervisedPlan.get': { service: 'supervision', roles: provinceOfficers, scope: 'own-province' },
  'supervisedPlan.list': { service: 'supervision', roles: provinceOfficers, scope: 'own-province' },

  // the reporting schedule is the ministry's data (supervision_national); everyone sees when reports are due
  'reportingSchedule.save': { service: 'supervision', roles: ministryOfficers, scope: 'national' },
  'reportingSchedule.get': { service: 'supervision', roles: programRoles, scope: 'authenticated' },
  'period.list': { service: 'supervision', roles: programRoles, scope: 'authenticated' },
  'period.lock': { service: 'supervision', roles: ministryOfficers, scope: 'national' },

  // progress reports of the caller's province (supervision_<province>): the pilot area drafts and
  // submits, its province (or the ministry, in a dual-role government) reviews through approvals
  'report.get': { service: 'supervision', roles: provinceOfficers, scope: 'own-province' },
  'report.list': { service: 'supervision', roles: provinceOfficers, scope: 'own-province' },
  'report.audit': { service: 'supervision', roles: provinceOfficers, scope: 'own-province' },
  'report.exportTemplate': { service: 'supervision', roles: provinceOfficers, scope: 'own-province' },
  'report.save': { service: 'supervision', roles: pilotAreaOfficers, scope: 'own-province' },
  'report.submit': { service: 'supervision', roles: pilotAreaOfficers, scope: 'own-province' },
  'report.import': { service: 'supervision', roles: pilotAreaOfficers, scope: 'own-province' },
  'report.timeliness': { service: 'supervision', roles: provinceOfficers, scope: 'own-province' },
  // timeliness per period and province, from the projection in supervision_national
  'report.grantException': { service: 'supervision', roles: ministryOfficers, scope: 'national' },
  'report.nationalTimeliness': { service: 'supervision', roles: ministryOfficers, scope: 'national' },

  // the ministry's national picture, from the projection in supervision_national
  'implementation.nationalSummary': { service: 'supervision', roles: ministryOfficers, scope: 'national' },

  // key issues (问题清单) of the caller's province (supervision_<province>): raised by a pilot area or
  // the province, answered, resolved or passed up by their holder, reopened once by the originator
  'keyIssue.raise': { service: 'supervision', roles: provinceOfficers, scope: 'own-province' },
  'keyIssue.get': { service: 'supervision', roles: provinceOfficers, scope: 'own-province' },
  'keyIssue.list': { service: 'supervision', roles: provinceOfficers, scope: 'own-province' },
  'keyIssue.audit': { service: 'supervision', roles: provinceOfficers, scope: 'own-province' },
  'keyIssue.answer': { service: 'supervision', roles: provinceOfficers, scope: 'own-province' },
  'keyIssue.resolve': { service: 'supervision', roles: provinceOfficers, scope: 'own-province' },
  'keyIssue.passUp': { service: 'supervision', roles: provinceOfficers, scope: 'own-province' },
  'keyIssue.reopen': { service: 'supervision', roles: provinceOfficers, scope: 'own-province' },
  'keyIssue.counts': { service: 'supervision', roles: provinceOfficers, scope: 'own-province' },
  // the ministry holds the issues passed up to it, across provinces (audited by the gateway)
  'keyIssue.ministryInbox': { service: 'supervision', roles: ministryOfficers, scope: 'national' },
  'keyIssue.ministryGet': { service: 'supervision', roles: ministryOfficers, scope: 'national' },
  'keyIssue.ministryAnswer': { service: 'supervision', roles: ministryOfficers, scope: 'national' },
  'keyIssue.ministryResolve': { service: 'supervision', roles: ministryOfficers, scope: 'national' },
  'keyIssue.ministryPassUp': { service: 'supervision', roles: ministryOfficers, scope: 'national' },
  'keyIssue.nationalCounts': { service: 'supervision', roles: ministryOfficers, scope: 'national' },
  // a department liaison: only the issues routed to their department, across provinces (audited)
  'keyIssue.departmentInbox': { service: 'supervision', roles: departmentLiaisons, scope: 'department' },
  'keyIssue.departmentGet': { service: 'supervision', roles: departmentLiaisons, scope: 'department' },
  'keyIssue.departmentAnswer': { service: 'supervision', roles: departmentLiaisons, scope: 'department' },
  'keyIssue.departmentResolve': { service: 'supervision', roles: departmentLiaisons, scope: 'department' },
  // measure implementation status and rate (落地率): the province's (or area's) own, from
  // supervision_<province>; the ministry's national rates and area × measure matrix from supervision_national
  'implementation.rate': { service: 'supervision', roles: provinceOfficers, scope: 'own-province' },
  'implementation.areaMeasures': { service: 'supervision', roles: provinceOfficers, scope: 'own-province' },
  'implementation.nationalRate': { service: 'supervision', roles: ministryOfficers, scope: 'national' },
  'implementation.matrix': { service: 'supervision', roles: ministryOfficers, scope: 'national' },
  'implementation.matrixXlsx': { service: 'supervision', roles: ministryOfficers, scope: 'national' },
  // assessment (评估): the ministry's frameworks, runs, manual scores and publication in
  // supervision_national; provinces and pilot areas read their own areas of published runs
  'assessment.frameworkSave': { service: 'supervision', roles: ministryOfficers, scope: 'national' },
  'assessment.frameworkGet': { service: 'supervision', roles: ministryOfficers, scope: 'national' },
  'assessment.frameworkList': { service: 'supervision', roles: ministryOfficers, scope: 'national' },
  'assessment.runStart': { service: 'supervision', roles: ministryOfficers, scope: 'national' },
  'assessment.runList': { service: 'supervision', roles: ministryOfficers, scope: 'national' },
  'assessment.runGet': { service: 'supervision', roles: ministryOfficers, scope: 'national' },
  'assessment.ranking': { service: 'supervision', roles: ministryOfficers, scope: 'national' },
  'assessment.manualScore': { service: 'supervision', roles: ministryOfficers, scope: 'national' },
  'assessment.publish': { service: 'supervision', roles: ministryOfficers, scope: 'national' },
  'assessment.result': { service: 'supervision', roles: ministryOfficers, scope: 'national' },
  'assessment.ownResults': { service: 'supervision', roles: provinceOfficers, scope: 'own-province' },
  'assessment.ownResult': { service: 'supervision', roles: provinceOfficers, scope: 'own-province' },

  // inspections (督查) and rectification (整改): a province inspects its own areas (supervision_<province>);
  // the pilot area sees its own, reports on and submits its rectifications; the inspecting
  // organisation closes them or sends them back
  'inspection.schedule': { service: 'supervision', roles: provinceInspectors, scope: 'own-province' },
  'inspection.carryOut': { service: 'supervision', roles: provinceInspectors, scope: 'own-province' },
  'inspection.recordFinding': { service: 'supervision', roles: provinceInspectors, scope: 'own-province' },
  'inspection.get': { service: 'supervision', roles: provinceOfficers, scope: 'own-province' },
  'inspection.list': { service: 'supervision', roles: provinceOfficers, scope: 'own-province' },
  'inspection.rectificationGet': { service: 'supervision', roles: provinceOfficers, scope: 'own-province' },
  'inspection.rectificationList': { service: 'supervision', roles: provinceOfficers, scope: 'own-province' },
  'inspection.reportProgress': { service: 'supervision', roles: pilotAreaOfficers, scope: 'own-province' },
  'inspection.submitRectification': {
    service: 'supervision',
    roles: pilotAreaOfficers,
    scope: 'own-province',
  },
  'inspection.closeRectification': {
    service: 'supervision',
    roles: provinceInspectors,
    scope: 'own-province',
  },
  'inspection.sendBackRectification': {
    service: 'supervision',
    roles: provinceInspectors,
    scope: 'own-province',
  },
  'inspection.counts': { service: 'supervision', roles: provinceOfficers, scope: 'own-province' },
  // the ministry inspects any pilot area; its lists and counts come from supervision_national (audited)
  'inspection.ministrySchedule': { service: 'supervision', roles: ministryOfficers, scope: 'national' },
  'inspection.ministryCarryOut': { service: 'supervision', roles: ministryOfficers, scope: 'national' },
  'inspection.ministryRecordFinding': { service: 'supervision', roles: ministryOfficers, scope: 'national' },
  'inspection.ministryGet': { service: 'supervision', roles: ministryOfficers, scope: 'national' },
  'inspection.ministryList': { service: 'supervision', roles: ministryOfficers, scope: 'national' },
  'inspection.ministryRectificationGet': {
    service: 'supervision',
    roles: ministryOfficers,
    scope: 'national',
  },
  'inspection.ministryRectificationList': {
    service: 'supervision',
    roles: ministryOfficers,
    scope: 'national',
  },
  'inspection.ministryCloseRectification': {
    service: 'supervision',
    roles: ministryOfficers,
    scope: 'national',
  },
  'inspection.ministrySendBackRectification': {
    service: 'supervision',
    roles: ministryOfficers,
    scope: 'national',
  },
  'inspection.nationalCounts': { service: 'supervision', roles: ministryOfficers, scope: 'national' },
};
