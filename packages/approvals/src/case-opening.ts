import {
  approvalCaseOpenedV1,
  systemActor,
  type Approver,
  type CaseSubject,
  type LocalizedText,
  type MatterDecisionLevels,
} from '@tradepilot/contracts';
import { deterministicId, eventDraft, insertOnce } from '@tradepilot/messaging';
import type { ServiceDeps } from '@tradepilot/service-kit';
import { tenantScope, trusted } from '@tradepilot/tenancy';
import { randomUUID } from 'node:crypto';
import type { ApprovalsRepository } from './approvals-repository';
import type { CalendarSource } from './calendar-source';
import { instantiateChain, openChain, routing } from './case-chain';
import { stateUpdate } from './case-state-update';
import { caseType } from './case-types';
import { localDate } from '@tradepilot/timers';

/** What a service's submission event tells the engine about the case to open. */
export interface CaseRequest {
  caseType: string;
  subject: CaseSubject;
  title: LocalizedText;
  summary: string | null;
  originatorOrganisationId: string | null;
  departments: string[];
  matterLevels?: MatterDecisionLevels;
  matterDelegator?: Approver;
  fixedDueOn?: string;
}

/**
 * Opens the case an event asks for, in the event's province. The case id derives from the event
 * id, so a redelivered event meets a duplicate key and opens nothing new. A later version of the
 * same subject (a resubmission) is linked to the case of the version before.
 */
export async function openCase(
  deps: ServiceDeps,
  repository: ApprovalsRepository,
  calendars: CalendarSource,
  event: { id: string; tenant: string },
  request: CaseRequest,
): Promise<'inserted' | 'duplicate'> {
  const caseId = deterministicId(event.id, 'approval-case');
  const scope = tenantScope(event.tenant);
  const cases = await repository.cases(scope);
  const previous = await cases
    .findOne({
      'subject.service': request.subject.service,
      'subject.type': request.subject.type,
      'subject.id': request.subject.id,
      'subject.version': trusted({ $lt: request.subject.version }),
    } as never)
    .sort({ 'subject.version': -1 })
    .lean();
  const type = caseType(request.caseType);
  const context = {
    tenant: event.tenant,
    departments: request.departments,
    ...(request.matterLevels ? { matterLevels: request.matterLevels } : {}),
    ...(request.matterDelegator ? { matterDelegator: request.matterDelegator } : {}),
  };
  const { chain, finalEscalation } = instantiateChain(type, context);
  const now = deps.now();
  const state = openChain(
    {
      chain,
      finalEscalation,
      fixedDueOn: request.fixedDueOn ?? null,
      reminderWorkingDaysBefore: type.reminderWorkingDaysBefore,
    },
    { at: now, calendar: await calendars.calendar(), newId: randomUUID },
  );
  return insertOnce(() =>
    deps.outbox.create(
      cases,
      {
        _id: caseId,
        caseType: type.id,
        subject: request.subject,
        title: request.title,
        summary: request.summary,
        originatorOrganisationId: request.originatorOrganisationId,
        departments: request.departments,
        previousCaseId: previous?._id ?? null,
        chain,
        fixedDueOn: state.fixedDueOn,
        reminderWorkingDaysBefore: state.reminderWorkingDaysBefore,
        finalEscalation,
        openedAt: now,
        openedOn: localDate(now),
        openedByEventId: event.id,
        closedAt: null,
        ...stateUpdate(state, now),
      },
      [
        eventDraft(approvalCaseOpenedV1, {
          caseId,
          caseType: type.id,
          subject: request.subject,
          title: request.title,
          openedAt: now.toISOString(),
          ...(request.summary ? { summary: request.summary } : {}),
          ...(previous ? { previousCaseId: previous._id } : {}),
          openSteps: routing(state).openSteps,
        }),
      ],
      { tenant: event.tenant, actor: systemActor('approvals'), causationId: event.id, now },
    ),
  );
}
