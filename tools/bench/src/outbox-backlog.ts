import {
  planDraftedV1,
  planReturnedV1,
  planSignedV1,
  planSubmittedV1,
  type EventActor,
  type LocalizedText,
} from '@tradepilot/contracts';
import {
  addOutboxFields,
  eventDraft,
  Outbox,
  type EventDraft,
  type OutboxEntry,
  type OutboxFields,
} from '@tradepilot/messaging';
import { defineModel, tenantScope, type TenantDatabases } from '@tradepilot/tenancy';
import { forEachConcurrently } from '@tradepilot/testing';
import { Schema } from 'mongoose';

/** An implementation plan as far as its outbox goes: the relay reads nothing else of it. */
export interface BacklogPlan extends OutboxFields {
  _id: string;
  pilotAreaId: string;
  title: LocalizedText;
  status: string;
}

export const backlogPlanModel = defineModel<BacklogPlan>({
  name: 'BacklogPlan',
  collection: 'plans',
  placement: 'tenant',
  outbox: true,
  schema: addOutboxFields(
    new Schema<BacklogPlan>({
      _id: String,
      pilotAreaId: String,
      title: { 'zh-CN': String, en: String },
      status: String,
    }),
  ),
});

export interface BacklogOptions {
  databases: TenantDatabases;
  events: number;
  eventsPerAggregate: number;
  /** writers at once (the outbox's own write path, one aggregate per write) */
  concurrency: number;
}

export interface Backlog {
  /** every queued entry, each aggregate's in its order */
  entries: OutboxEntry[];
  aggregates: number;
  tenants: string[];
}

const at = new Date('2026-03-01T08:00:00.000Z');

/**
 * A plan's life as its events, in the order the plans service emits them: drafted, then rounds
 * of signed → submitted (with two tasks, the heaviest payload) → returned.
 */
function lifeOfAPlan(
  planId: string,
  pilotAreaId: string,
  round: number,
  title: LocalizedText,
  count: number,
) {
  const iso = at.toISOString();
  const drafts: EventDraft[] = [
    eventDraft(planDraftedV1, {
      planId,
      pilotAreaId,
      round,
      title,
      period: { start: '2026-01-01', end: '2028-12-31' },
      draftedAt: iso,
    }),
  ];
  for (let i = 1; i < count; i += 1) {
    const submission = Math.floor((i - 1) / 3) + 1;
    const step = (i - 1) % 3;
    if (step === 0)
      drafts.push(
        eventDraft(planSignedV1, {
          planId,
          pilotAreaId,
          round,
          planVersion: i + 1,
          parties: ['pilot-area', 'province'],
          signedBy: `${pilotAreaId}-officer`,
          signedAt: iso,
          complete: true,
        }),
      );
    else if (step === 1)
      drafts.push(
        eventDraft(planSubmittedV1, {
          planId,
          pilotAreaId,
          round,
          title,
          submission,
          submittedAt: iso,
          tasks: [1, 2].map((n) => ({
            id: `${planId}-task-${n}`,
            measureIds: [`m-${n}`, `m-${n + 10}`],
            description: `任务 ${n}：扩大服务业对外开放，推动跨境服务贸易便利化 (task ${n})`,
            leadUnit: '省商务厅',
            supportingUnits: ['省发展改革委', '省财政厅'],
            milestones: [{ title: '完成制度设计', due: '2026-12-31' }],
            kpis: [{ name: '服务贸易额', unit: '亿元', baseline: 100, target: 150, due: '2028-12-31' }],
            keyProgram: n === 1,
          })),
        }),
      );
    else
      drafts.push(
        eventDraft(planReturnedV1, {
          planId,
          pilotAreaId,
          round,
          submission,
          outcome: 'returned',
          reason: '请补充任务的牵头单位和时间安排 (add lead units and dates)',
          caseId: `${planId}-case-${submission}`,
          returnedAt: iso,
        }),
      );
  }
  return drafts;
}

/**
 * Queues `events` events across every tenant through the platform's own outbox write
 * (`Outbox.create`: one document with its events in one write), as a backlog left while no relay
 * ran: `eventsPerAggregate` events per plan (the last plan takes the remainder), plans dealt to
 * the tenants in turn. Nothing is nudged: the relay finds them when it starts.
 */
export async function queueBacklog({
  databases,
  events,
  eventsPerAggregate,
  concurrency,
}: BacklogOptions): Promise<Backlog> {
  const registry = databases.registry;
  const tenants = registry.tenantIds();
  const round = registry.latestRound();
  const outbox = new Outbox();
  const aggregates = Math.ceil(events / eventsPerAggregate);
  const models = await Promise.all(tenants.map((t) => databases.model(tenantScope(t), backlogPlanModel)));
  const written: OutboxEntry[][] = new Array<OutboxEntry[]>(aggregates);
  await forEachConcurrently(
    Array.from({ length: aggregates }, (_, i) => i),
    concurrency,
    async (i) => {
      const tenant = tenants[i % tenants.length] as string;
      const model = models[i % tenants.length];
      if (!model) throw new Error(`no model for ${tenant}`);
      const pilotAreaId = registry.pilotAreasOf(tenant)[0]?.id ?? tenant;
      const planId = `plan-${tenant}-${i}`;
      const title = { 'zh-CN': `${tenant} 实施方案 ${i}`, en: `${tenant} implementation plan ${i}` };
      const count = Math.min(eventsPerAggregate, events - i * eventsPerAggregate);
      const actor: EventActor = {
        userId: `${tenant}-officer`,
        role: 'province-officer',
        organisationId: tenant,
      };
      const created = await outbox.create(
        model,
        { _id: planId, pilotAreaId, title, status: 'drafting' },
        lifeOfAPlan(planId, pilotAreaId, round, title, count),
        { tenant, actor, now: at },
      );
      written[i] = created.outbox;
    },
  );
  return { entries: written.flat(), aggregates, tenants };
}
