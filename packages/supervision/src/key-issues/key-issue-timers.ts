import { issueEscalatedV1, systemActor } from '@tradepilot/contracts';
import { eventDraft } from '@tradepilot/messaging';
import type { ServiceDeps } from '@tradepilot/service-kit';
import { trusted } from '@tradepilot/tenancy';
import type { DueItem, DueItemSource, FireOutcome } from '@tradepilot/timers';
import { reportingCalendar } from '../reporting-calendar';
import { chainOf, commitIssue, holderChange, keyIssues, type KeyIssueChange } from './key-issue-context';
import type { KeyIssueDocument } from './key-issue-model';
import { finalEscalationHolder, hopAbove, keyIssueRouting, slaDueAt } from './key-issue-routing';

/** One hop's SLA of one issue, as the scheduler sees it. */
export interface KeyIssueSlaItem extends DueItem {
  issueId: string;
  hop: number;
}

/**
 * The escalation when a hop's SLA passes unanswered: to the next holder of the chain (a new hop
 * and SLA), or, at the top, flagged to the final escalation (the issue stays where it is).
 */
export function escalation(deps: ServiceDeps, issue: KeyIssueDocument, now: Date): KeyIssueChange {
  const chain = chainOf(deps, issue);
  const next = hopAbove(chain, issue.holder.level);
  const common = {
    issueId: issue._id,
    pilotAreaId: issue.pilotAreaId,
    holder: issue.holder,
    dueAt: (issue.slaDueAt ?? now).toISOString(),
    escalatedAt: now.toISOString(),
  };
  if (!next) {
    const area = deps.registry.pilotArea(issue.pilotAreaId);
    const to = finalEscalationHolder(keyIssueRouting(), {
      province: area?.province ?? '',
      dualRoleGovernment: area?.dualRoleProvince ?? false,
      departmentIds: issue.departmentIds,
    });
    return {
      set: { flagged: true, slaDueAt: null },
      events: [eventDraft(issueEscalatedV1, { ...common, escalatedTo: to, final: true })],
      audit: {
        action: 'escalated',
        changes: [{ field: 'flagged', before: false, after: true }],
        reason: 'SLA passed at the top of the chain',
      },
    };
  }
  const due = slaDueAt(reportingCalendar(), now, next.slaWorkingDays);
  return {
    set: { status: 'open', holder: next.holder, hop: issue.hop + 1, heldSince: now, slaDueAt: due },
    events: [
      eventDraft(issueEscalatedV1, { ...common, escalatedTo: next.holder, nextDueAt: due.toISOString() }),
    ],
    audit: {
      action: 'escalated',
      changes: [holderChange(issue.holder, next.holder)],
      reason: 'SLA passed',
    },
  };
}

/**
 * Key issues' SLAs on the durable scheduler (every province database): a hop whose SLA passed
 * unanswered escalates once, in the conditional write that records it with its event (under the
 * scheduler's deterministic id: issue, hop and due time), across restarts and instances.
 */
export function keyIssueTimers(deps: ServiceDeps): DueItemSource<KeyIssueSlaItem> {
  return {
    async due(scope, now, limit) {
      // the current issues only: a resolved one has no SLA
      const found = await (
        await keyIssues(deps, scope)
      )
        .find({ slaDueAt: trusted({ $lte: now }) } as never)
        .select({ _id: 1, hop: 1, slaDueAt: 1 })
        .sort({ slaDueAt: 1 })
        .limit(limit)
        .lean<KeyIssueDocument[]>();
      return found.flatMap((i) =>
        i.slaDueAt
          ? [
              {
                subject: `key-issue:${i._id}`,
                kind: `sla-${i.hop}`,
                dueAt: i.slaDueAt,
                issueId: i._id,
                hop: i.hop,
              },
            ]
          : [],
      );
    },

    async fire(scope, item, { eventId, now }): Promise<FireOutcome> {
      // the current issues only: one resolved since the sweep (moved or not) is not due
      const current = await (await keyIssues(deps, scope)).findById(item.issueId).lean<KeyIssueDocument>();
      const stillDue =
        current !== null &&
        current.hop === item.hop &&
        current.slaDueAt !== null &&
        current.slaDueAt.getTime() === item.dueAt.getTime() &&
        current.slaDueAt <= now;
      if (!current || !stillDue) return 'not-due';
      const change = escalation(deps, current, now);
      const [draft] = change.events;
      const updated = await commitIssue(deps, scope, current, systemActor('supervision'), {
        ...change,
        events: draft ? [{ ...draft, id: eventId }] : [],
      });
      if (!updated)
        throw new Error(`key issue ${current._id} changed while its SLA timer fired; retried next sweep`);
      return 'fired';
    },
  };
}
