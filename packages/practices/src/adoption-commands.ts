import type { AttachmentStore } from '@tradepilot/attachments';
import { adoptionStatusChangedV1 } from '@tradepilot/contracts';
import { eventDraft } from '@tradepilot/messaging';
import { requireProvince, type AuthorizedContext, type ServiceDeps } from '@tradepilot/service-kit';
import type { TenantScope } from '@tradepilot/tenancy';
import { randomUUID } from 'node:crypto';
import { adoptionErrors } from './adoption-errors';
import type { AdvanceAdoptionInput, DeclareAdoptionInput } from './adoption-inputs';
import { adoptionModel, nextStatuses, type AdoptionDocument, type AdoptionStatus } from './adoption-model';
import type { LibraryReader } from './library-reads';
import { practiceErrors } from './practice-errors';
import { roundOf } from './program-round';
import type { AttachmentRef } from './practice-model';

export interface AdoptionDeps {
  deps: ServiceDeps;
  library: LibraryReader;
  attachments: AttachmentStore;
}

const statusEvent = (
  adoption: AdoptionDocument,
  tenant: string,
  previous: AdoptionStatus | null,
  now: Date,
  round: { round?: number },
) =>
  eventDraft(adoptionStatusChangedV1, {
    adoptionId: adoption._id,
    practiceId: adoption.practiceId,
    province: tenant,
    pilotAreaId: adoption.pilotAreaId,
    localUnit: adoption.localUnit,
    status: adoption.status,
    previousStatus: previous,
    date: adoption.date,
    reason: adoption.reason,
    planTaskId: adoption.planTaskId,
    changedAt: now.toISOString(),
    ...(adoption.origin ? { origin: adoption.origin } : {}),
    ...(adoption.batchNumber ? { batchNumber: adoption.batchNumber } : {}),
    ...round,
  });

async function evidenceOf(
  d: AdoptionDeps,
  scope: TenantScope,
  adoptionId: string,
  ids: readonly string[],
  userId: string,
) {
  const { linked, refused } = await d.attachments.link(
    scope,
    [...new Set(ids)],
    { kind: 'adoption', id: adoptionId },
    userId,
  );
  if (refused.length > 0) throw practiceErrors.attachmentsRefused(refused);
  return linked.map(
    (a): AttachmentRef => ({ id: a.id, filename: a.filename, contentType: a.contentType, size: a.size }),
  );
}

export function toAdoptionView(a: AdoptionDocument, tenant: string) {
  return {
    id: a._id,
    province: tenant,
    practiceId: a.practiceId,
    pilotAreaId: a.pilotAreaId,
    localUnit: a.localUnit,
    status: a.status,
    date: a.date,
    reason: a.reason,
    evidence: a.evidence.map((e) => ({ ...e, download: `/attachments/practices/${tenant}/${e.id}` })),
    planId: a.planId,
    planTaskId: a.planTaskId,
    version: a.version,
  };
}

/** A province (or one of its areas) declares it will replicate a published practice: planned. */
export async function declareAdoption(d: AdoptionDeps, ctx: AuthorizedContext, input: DeclareAdoptionInput) {
  const { deps } = d;
  const scope = requireProvince(ctx);
  const practice = await d.library.practice(input.practiceId).catch(() => {
    throw adoptionErrors.notPublished();
  });
  const pilotAreaId =
    input.pilotAreaId ??
    (ctx.actingRole === 'pilot-area-officer' ? ctx.principal.organisationId : null) ??
    null;
  if (pilotAreaId) {
    const area = deps.registry.pilotArea(pilotAreaId);
    if (!area) throw practiceErrors.unknownPilotArea('pilotAreaId', pilotAreaId);
    if (area.province !== scope.tenant) throw practiceErrors.areaOutsideProvince(pilotAreaId, scope.tenant);
  }
  const id = randomUUID();
  const evidence = await evidenceOf(d, scope, id, input.evidenceIds, ctx.principal.userId);
  const now = deps.now();
  const document = {
    _id: id,
    practiceId: input.practiceId,
    pilotAreaId,
    localUnit: input.localUnit,
    status: 'planned' as const,
    date: input.date,
    reason: null,
    evidence,
    planId: input.planId ?? null,
    planTaskId: input.planTaskId ?? null,
    origin: { province: practice.province, pilotAreaId: practice.pilotAreaId },
    batchNumber: practice.batchNumber,
    createdAt: now,
    updatedAt: now,
    updatedBy: ctx.principal.userId,
  };
  const created = await deps.outbox.create<AdoptionDocument>(
    await deps.databases.model(scope, adoptionModel),
    document,
    [
      statusEvent(
        { ...document, version: 1, lastSequence: 0, outbox: [], relayLeaseUntil: null },
        scope.tenant,
        null,
        now,
        roundOf(deps, pilotAreaId),
      ),
    ],
    { tenant: scope.tenant, actor: ctx.actor, now },
  );
  return toAdoptionView(created, scope.tenant);
}

/** planned → in progress → adopted, or dropped with a reason; optionally links the local plan task. */
export async function advanceAdoption(d: AdoptionDeps, ctx: AuthorizedContext, input: AdvanceAdoptionInput) {
  const { deps } = d;
  const scope = requireProvince(ctx);
  const model = await deps.databases.model(scope, adoptionModel);
  const adoption = await model.findById(input.adoptionId).lean<AdoptionDocument>();
  if (!adoption) throw adoptionErrors.notFound();
  if (adoption.version !== input.version)
    throw adoptionErrors.versionConflict(input.version, adoption.version, adoption.updatedBy);
  const allowed = nextStatuses[adoption.status];
  if (!allowed.includes(input.status))
    throw adoptionErrors.transition(adoption.status, input.status, allowed);
  if (input.status === 'dropped' && !input.reason) throw adoptionErrors.reasonRequired();
  const added = input.evidenceIds?.filter((e) => !adoption.evidence.some((x) => x.id === e)) ?? [];
  const evidence = [
    ...adoption.evidence,
    ...(await evidenceOf(d, scope, adoption._id, added, ctx.principal.userId)),
  ];
  // adoptions declared before the origin was kept take it from the library once
  const origin =
    adoption.origin && adoption.batchNumber
      ? { origin: adoption.origin, batchNumber: adoption.batchNumber }
      : await d.library.practice(adoption.practiceId).then(
          (p) => ({
            origin: { province: p.province, pilotAreaId: p.pilotAreaId },
            batchNumber: p.batchNumber,
          }),
          () => ({ origin: null, batchNumber: null }),
        );
  const now = deps.now();
  const next: AdoptionDocument = {
    ...adoption,
    ...origin,
    status: input.status,
    date: input.date,
    reason: input.status === 'dropped' ? (input.reason ?? null) : null,
    evidence,
    planId: input.planId ?? adoption.planId,
    planTaskId: input.planTaskId ?? adoption.planTaskId,
  };
  const updated = await deps.outbox.commit(
    model,
    adoption,
    {
      $set: {
        status: next.status,
        date: next.date,
        reason: next.reason,
        evidence: next.evidence,
        planId: next.planId,
        planTaskId: next.planTaskId,
        origin: next.origin ?? null,
        batchNumber: next.batchNumber ?? null,
        updatedAt: now,
        updatedBy: ctx.principal.userId,
      },
    },
    [statusEvent(next, scope.tenant, adoption.status, now, roundOf(deps, adoption.pilotAreaId))],
    { tenant: scope.tenant, actor: ctx.actor, now },
  );
  if (!updated) {
    const latest = await model.findById(adoption._id).lean<AdoptionDocument>();
    throw adoptionErrors.versionConflict(
      input.version,
      latest?.version ?? input.version,
      latest?.updatedBy ?? '?',
    );
  }
  return toAdoptionView(updated, scope.tenant);
}
