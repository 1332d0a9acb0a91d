import { setTimeout as delay } from 'node:timers/promises';
import type { CommandLedger } from './command-ledger';
import type { CommandPace } from './command-pace';
import type { CallOutcome, GatewaySession } from './gateway-session';

/** A pilot area and the people who act on its plan. */
export interface PlanCycleActors {
  pilotAreaId: string;
  tenant: string;
  /** signs for the pilot area (in a dual-role government, for the province too) */
  area: GatewaySession;
  /** creates, co-signs and submits the plan, starts its amendments */
  province: GatewaySession;
  ministry: GatewaySession;
}

interface PlanState {
  id: string;
  status: string;
  version: number;
  submission: number;
  missingSignOffs: string[];
}

interface OpenCase {
  id: string;
  subject: { id: string; version: number };
}

const period = { start: '2026-01-01', end: '2028-12-31' };

/**
 * One pilot area's implementation plan, round and round: sign, co-sign, submit, the ministry
 * returns it (every `approveEvery`-th submission it approves, and the province starts an
 * amendment). Each step reads the plan first and acts on what it finds, so an answer lost to a
 * fault is neither repeated blindly nor skipped: the client a real user would write.
 */
export class PlanCycle {
  planId: string | undefined;

  constructor(
    private readonly actors: PlanCycleActors,
    private readonly pace: CommandPace,
    private readonly ledger: CommandLedger,
    private readonly options: { runId: string; approveEvery: number },
  ) {}

  private async command<T>(session: GatewaySession, path: string, input: unknown): Promise<CallOutcome<T>> {
    await this.pace.permit();
    this.ledger.sent += 1;
    const answer = await session.mutate<T>(path, input);
    if (!answer.ok) this.ledger.refuse(`${path} ${answer.code}`);
    return answer;
  }

  async run(stopping: () => boolean): Promise<void> {
    const { actors } = this;
    // one idempotency key for every retry of the creation: a lost answer cannot make a second plan
    const idempotencyKey = `${this.options.runId}-${actors.pilotAreaId}`;
    while (!this.planId && !stopping()) {
      const created = await this.command<{ id: string }>(actors.province, 'plan.create', {
        pilotAreaId: actors.pilotAreaId,
        title: {
          'zh-CN': `故障演练方案（${actors.pilotAreaId}）`,
          en: `Fault drill plan (${actors.pilotAreaId})`,
        },
        period,
        idempotencyKey,
      });
      if (created.ok) {
        this.planId = created.data.id;
        this.ledger.record({
          kind: 'plan.create',
          tenant: actors.tenant,
          pilotAreaId: actors.pilotAreaId,
          planId: created.data.id,
        });
      } else await delay(250);
    }
    while (!stopping()) {
      if (!(await this.step())) await delay(200);
    }
  }

  /** One step on the plan as it is now; false when nothing could be done yet (wait a little). */
  private async step(): Promise<boolean> {
    const { actors, ledger } = this;
    const planId = this.planId as string;
    const read = await actors.province.query<PlanState>('plan.get', { planId });
    if (!read.ok) return false;
    const plan = read.data;
    const at = { planId, version: plan.version };
    switch (plan.status) {
      case 'drafting':
      case 'returned': {
        if (plan.missingSignOffs.includes('pilot-area')) {
          const signed = await this.command(actors.area, 'plan.sign', at);
          if (signed.ok) ledger.record({ kind: 'plan.sign', tenant: actors.tenant, planId });
          return signed.ok;
        }
        if (plan.missingSignOffs.includes('province')) {
          const signed = await this.command(actors.province, 'plan.sign', at);
          if (signed.ok) ledger.record({ kind: 'plan.sign', tenant: actors.tenant, planId });
          return signed.ok;
        }
        const submitted = await this.command<PlanState>(actors.province, 'plan.submit', at);
        if (submitted.ok)
          ledger.record({
            kind: 'plan.submit',
            tenant: actors.tenant,
            planId,
            submission: submitted.data.submission,
          });
        return submitted.ok;
      }
      case 'submitted': {
        const open = await actors.ministry.query<OpenCase[]>('case.listOpen', {});
        if (!open.ok) return false;
        const found = open.data.find((c) => c.subject.id === planId && c.subject.version === plan.submission);
        // the approvals service has not opened it yet: the event is on its way
        if (!found) return false;
        const decision = plan.submission % this.options.approveEvery === 0 ? 'approve' : 'return';
        const decided = await this.command(actors.ministry, 'case.decide', {
          caseId: found.id,
          decision,
          version: 1,
          ...(decision === 'return' ? { reason: '故障演练：请补充材料' } : {}),
        });
        if (decided.ok)
          ledger.record({ kind: 'case.decide', tenant: actors.tenant, planId, caseId: found.id, decision });
        return decided.ok;
      }
      case 'approved':
      case 'implementing': {
        const amended = await this.command(actors.province, 'plan.startAmendment', {
          ...at,
          reason: '故障演练：调整任务',
        });
        return amended.ok;
      }
      default:
        return false;
    }
  }
}
