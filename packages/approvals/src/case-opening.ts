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
import { tenantScope, trusted, type TenantScope } from '@tradepilot/tenancy';
import { randomUUID } from 'node:crypto';
import type { ApprovalCaseDocument } from './approval-case-model';
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

type Related = Pick<ApprovalCaseDocument, '_id' | 'subject'>;

/**
 * The case this event opened, if it did, and the cases of earlier versions of the subject, in
 * `cases` then in `decided_cases`, one after the other: a case is copied to `decided_cases`
 * before it leaves `cases`, so a case that moves meanwhile is seen in one of them.
 */
async function casesOpenedBefore(
  repository: ApprovalsRepository,
  scope: TenantScope,
  caseId: string,
  subject: CaseSubject,
): Promise<Related[]> {
  const filter = {
    $or: [
      { _id: caseId },
      {
        'subject.service': subject.service,
        'subject.type': subject.type,
        'subject.id': subject.id,
        'subject.version': trusted({ $lt: subject.version }),
      },
    ],
  };
  const found: Related[] = [];
  for (const collection of [await repository.cases(scope), await repository.decidedCases(scope)])
    found.push(...(await collection.find(filter as never, { _id: 1, subject: 1 }).lean<Related[]>()));
  return found;
}

/**
 * Opens the case an event asks for, in the event's province. The case id derives from the event
 * id, so a redelivered event finds its case (or meets a duplicate key) and opens nothing new. A later version of the
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
  const related = await casesOpenedBefore(repository, scope, caseId, request.subject);
  // this event opened its case already (it may be decided since, and in decided_cases)
  if (related.some((c) => c._id === caseId)) return 'duplicate';
  const previous = related
    .filter((c) => c._id !== caseId)
    .sort((a, b) => b.subject.version - a.subject.version)[0];
  const type = caseType(request.caseType);
  const context = {
    tenant: event.tenant,
    dualRole: deps.registry.isDualRole(event.tenant),
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
