import { planDraftedV1 } from '@tradepilot/contracts';
import { eventDraft, isDuplicateKeyError } from '@tradepilot/messaging';
import { requireProvince, type AuthorizedContext, type ServiceDeps } from '@tradepilot/service-kit';
import type { TenantScope } from '@tradepilot/tenancy';
import { auditEntry } from './audit-entry';
import { invalidFields } from './field-problems';
import type { MeasureCatalog } from './measure-catalog';
import { pilotAreaForCaller, planReadyFor } from './plan-access';
import { planAuditLine } from './plan-audit-model';
import { commitOrConflict } from './plan-commit';
import { contentOf, diffAsChanges, diffPlans } from './plan-diff';
import { planAlreadyExists, roundNotForPilotArea } from './plan-errors';
import type { CreatePlanInput, SavePlanInput } from './plan-inputs';
import { type CoverageExplanation, type PlanContent, type PlanDocument } from './plan-model';
import { planCaller } from './plan-permissions';
import type { PlanRepository } from './plan-repository';
import { measureIdsOf, planContentIssues } from './plan-task-rules';
import { editableStatuses, toPlanView, type PlanView } from './plan-view';
import type { PlanTask } from '@tradepilot/contracts';

/** Refuses tasks and explanations the catalog does not back (every problem named by its field). */
export async function assertContentMatchesCatalog(
  catalog: MeasureCatalog,
  pilotAreaId: string,
  tasks: PlanTask[] | undefined,
  explanations: CoverageExplanation[] | undefined,
): Promise<void> {
  const measures = await catalog.byIds(measureIdsOf(tasks, explanations));
  const issues = planContentIssues(pilotAreaId, tasks, explanations, measures);
  if (issues.length > 0) throw invalidFields(issues);
}

/** Starts the implementation plan of a pilot area: one per area per round (`plan.drafted.v1`). */
export async function createPlan(
  deps: ServiceDeps,
  plans: PlanRepository,
  catalog: MeasureCatalog,
  ctx: AuthorizedContext,
  input: CreatePlanInput,
): Promise<PlanView> {
  const scope = requireProvince(ctx);
  const area = pilotAreaForCaller(deps, ctx, input.pilotAreaId);
  const round = input.round ?? Math.max(...area.rounds);
  if (!area.rounds.includes(round)) throw roundNotForPilotArea(area.id, round, area.rounds);
  await assertContentMatchesCatalog(catalog, area.id, input.tasks, input.coverageExplanations);
  return deps.idempotency.create({
    scope,
    procedure: 'plan.create',
    userId: ctx.principal.userId,
    key: input.idempotencyKey,
    input,
    deadlineAt: ctx.deadlineAt,
    existing: async (id) => {
      const plan = await plans.get(scope, id);
      return plan ? toPlanView(plan, planCaller(deps, ctx)) : undefined;
    },
    create: (id) => insertPlan(deps, plans, ctx, input, scope, area.id, round, id),
  });
}

async function insertPlan(
  deps: ServiceDeps,
  plans: PlanRepository,
  ctx: AuthorizedContext,
  input: CreatePlanInput,
  scope: TenantScope,
  pilotAreaId: string,
  round: number,
  id: string,
): Promise<PlanView> {
  const area = { id: pilotAreaId };
  // the unique index of `plans` refuses a second current plan; a closed one is in `closed_plans`
  if (await plans.planOfRound(scope, area.id, round)) throw planAlreadyExists(area.id, round);
  const now = deps.now();
  const document: Omit<PlanDocument, 'version' | 'lastSequence' | 'outbox' | 'relayLeaseUntil'> = {
    _id: id,
    round,
    pilotAreaId: area.id,
    title: input.title,
    period: input.period ?? null,
    status: 'drafting',
    taskCount: input.tasks.length,
    submission: 0,
    submissions: [],
    tasks: input.tasks,
    coverageExplanations: input.coverageExplanations,
    signOffs: [],
    inForce: null,
    amendment: null,
    returnReason: null,
    createdAt: now,
    createdBy: ctx.principal.userId,
    updatedAt: now,
    updatedBy: ctx.principal.userId,
    submittedAt: null,
    approvedAt: null,
    closedAt: null,
  };
  // the creation's audit line first: a plan never exists without it
  const audit = await plans.auditModel(scope);
  const line = planAuditLine(
    id,
    auditEntry(
      ctx.actor,
      'created',
      now,
      1,
      diffAsChanges(diffPlans(emptyContent, contentOf({ ...input, period: input.period ?? null }))),
    ),
  );
  try {
    await audit.replaceOne({ _id: line._id }, line, { upsert: true });
  } catch (err) {
    // two retries of one idempotent creation upsert the same line at once: one of them wins, and
    // the plan's own insert then decides which call created it
    if (!isDuplicateKeyError(err)) throw err;
  }
  try {
    const created = await deps.outbox.create(
      await plans.model(scope),
      document,
      [
        eventDraft(planDraftedV1, {
          planId: id,
          pilotAreaId: area.id,
          round,
          title: input.title,
          period: input.period ?? null,
          draftedAt: now.toISOString(),
        }),
      ],
      { tenant: scope.tenant, actor: ctx.actor, now },
    );
    return toPlanView(created, planCaller(deps, ctx));
  } catch (err) {
    if (!(await plans.get(scope, id))) await audit.deleteOne({ _id: line._id });
    if (isDuplicateKeyError(err)) throw planAlreadyExists(area.id, round);
    throw err;
  }
}

const emptyContent: PlanContent = {
  title: { 'zh-CN': '', en: '' },
  period: null,
  tasks: [],
  coverageExplanations: [],
};

/**
 * Joint drafting: the pilot area's and the province's officers both save. A save names the version
 * it was made on; on top of a newer one it is refused with who changed the plan last and when.
 * Any change clears the sign-offs; saving a returned plan takes it back to drafting.
 */
export async function savePlan(
  deps: ServiceDeps,
  plans: PlanRepository,
  catalog: MeasureCatalog,
  ctx: AuthorizedContext,
  input: SavePlanInput,
): Promise<PlanView> {
  const { scope, plan } = await planReadyFor(plans, ctx, input, {
    action: { 'zh-CN': '修改', en: 'edited' },
    allowed: editableStatuses,
  });
  await assertContentMatchesCatalog(catalog, plan.pilotAreaId, input.tasks, input.coverageExplanations);

  const before = contentOf(plan);
  const after: PlanContent = {
    title: input.title ?? before.title,
    period: input.period === undefined ? before.period : input.period,
    tasks: input.tasks ?? before.tasks,
    coverageExplanations: input.coverageExplanations ?? before.coverageExplanations,
  };
  const changes = diffAsChanges(diffPlans(before, after));
  if (changes.length === 0) return toPlanView(plan, planCaller(deps, ctx));
  if (plan.signOffs.length > 0) {
    changes.push({ field: 'signOffs', before: plan.signOffs.map((s) => s.userId), after: [] });
  }
  if (plan.status === 'returned') changes.push({ field: 'status', before: 'returned', after: 'drafting' });

  const updated = await commitOrConflict(
    deps,
    plans,
    scope,
    plan,
    ctx.actor,
    {
      set: { ...after, taskCount: after.tasks.length, signOffs: [], status: 'drafting' },
      events: [],
      audit: { action: 'saved', changes },
    },
    input.version,
  );
  return toPlanView(updated, planCaller(deps, ctx));
}
