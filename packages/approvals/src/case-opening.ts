import { approvalCaseOpenedV1, planSubmittedV1, systemActor } from '@tradepilot/contracts';
import { deterministicId, eventDraft, eventHandler, insertOnce } from '@tradepilot/messaging';
import type { ServiceDeps } from '@tradepilot/service-kit';
import { tenantScope } from '@tradepilot/tenancy';
import type { CaseRepository } from './case-repository';

/**
 * A submitted plan opens a case for the ministry. The case id derives from the event id, so a
 * redelivered `plan.submitted.v1` meets a duplicate key and opens nothing new.
 */
export const planCaseOpening = (deps: ServiceDeps, cases: CaseRepository) =>
  eventHandler(planSubmittedV1, async (event) => {
    const caseId = deterministicId(event.id, 'approval-case');
    const now = deps.now();
    const subject = { service: 'plans', type: 'plan', id: event.data.planId, version: event.data.submission };
    await insertOnce(async () =>
      deps.outbox.create(
        await cases.cases(tenantScope(event.tenant)),
        {
          _id: caseId,
          caseType: 'plan',
          subject,
          title: event.data.title,
          status: 'open',
          level: 1,
          openedAt: now,
          openedByEventId: event.id,
          decisions: [],
          closedAt: null,
        },
        [
          eventDraft(approvalCaseOpenedV1, {
            caseId,
            caseType: 'plan',
            subject,
            title: event.data.title,
            openedAt: now.toISOString(),
          }),
        ],
        { tenant: event.tenant, actor: systemActor('approvals'), causationId: event.id, now },
      ),
    );
  });
