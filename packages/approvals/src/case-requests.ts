import {
  approvalApplicationRegisteredV1,
  planSubmittedV1,
  practiceSubmittedV1,
  reportSubmittedV1,
} from '@tradepilot/contracts';
import { eventHandler } from '@tradepilot/messaging';
import type { ServiceDeps } from '@tradepilot/service-kit';
import type { ApprovalsRepository } from './approvals-repository';
import type { CalendarSource } from './calendar-source';
import { openCase } from './case-opening';

/**
 * The events that open cases, one per case type: each maps its subject to a case request. The
 * engine never copies a subject's content beyond a title and a summary.
 */
export function caseRequestHandlers(
  deps: ServiceDeps,
  repository: ApprovalsRepository,
  calendars: CalendarSource,
) {
  const areaName = (id: string) => deps.registry.pilotArea(id)?.name['zh-CN'] ?? id;
  return [
    eventHandler(planSubmittedV1, async (event) => {
      const known = (event.data.responsibleDepartments ?? []).filter((d) => deps.registry.department(d));
      const unknown = (event.data.responsibleDepartments ?? []).filter((d) => !deps.registry.department(d));
      if (unknown.length > 0)
        deps.logger.warn(
          { unknown, eventId: event.id },
          'plan names departments the registry does not know; not consulted',
        );
      await openCase(deps, repository, calendars, event, {
        caseType: 'plan',
        subject: { service: 'plans', type: 'plan', id: event.data.planId, version: event.data.submission },
        title: event.data.title,
        summary: `${areaName(event.data.pilotAreaId)} · 第 ${event.data.submission} 次报送 · ${event.data.tasks.length} 项任务`,
        originatorOrganisationId: event.data.pilotAreaId,
        departments: [...new Set(known)],
      });
    }),
    eventHandler(reportSubmittedV1, async (event) => {
      await openCase(deps, repository, calendars, event, {
        caseType: 'report',
        subject: {
          service: 'supervision',
          type: 'report',
          id: event.data.reportId,
          version: event.data.submission,
        },
        title: event.data.title,
        summary: `${areaName(event.data.pilotAreaId)} · ${event.data.periodId}`,
        originatorOrganisationId: event.data.pilotAreaId,
        departments: [],
      });
    }),
    eventHandler(practiceSubmittedV1, async (event) => {
      await openCase(deps, repository, calendars, event, {
        caseType: 'practice',
        subject: {
          service: 'practices',
          type: 'practice',
          id: event.data.practiceId,
          version: event.data.submission,
        },
        title: event.data.title,
        summary: event.data.summary || null,
        originatorOrganisationId: event.data.pilotAreaId,
        departments: [],
      });
    }),
    eventHandler(approvalApplicationRegisteredV1, async (event) => {
      await openCase(deps, repository, calendars, event, {
        caseType: 'admin-matter',
        subject: {
          service: 'approvals',
          type: 'admin-application',
          id: event.data.applicationId,
          version: 1,
        },
        title: event.data.matterName,
        summary: `${event.data.applicantName} · 收件 ${event.data.receivedOn} · 法定时限 ${event.data.statutoryLimitDays} 个工作日`,
        originatorOrganisationId: event.tenant,
        departments: [],
        matterLevels: event.data.decisionLevels,
        matterDelegator: event.data.delegatedBy,
        fixedDueOn: event.data.dueOn,
      });
    }),
  ];
}
