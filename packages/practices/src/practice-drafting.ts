import type { AttachmentStore } from '@tradepilot/attachments';
import { requireProvince, type AuthorizedContext, type ServiceDeps } from '@tradepilot/service-kit';
import type { TenantScope } from '@tradepilot/tenancy';
import { isDeepStrictEqual } from 'node:util';
import { assertOwnArea, practiceForCaller } from './practice-access';
import type { FieldChange } from './practice-audit-model';
import { practiceErrors } from './practice-errors';
import type { CreatePracticeInput, SavePracticeInput } from './practice-inputs';
import {
  contentFields,
  editableStatuses,
  type AttachmentRef,
  type CoAuthor,
  type PracticeContent,
  type PracticeDocument,
} from './practice-model';
import type { PracticeRepository } from './practice-repository';
import { toPracticeView } from './practice-view';

export interface DraftingDeps {
  deps: ServiceDeps;
  practices: PracticeRepository;
  attachments: AttachmentStore;
}

/** Co-authors named by area: each must exist (any province), none may be the owner. */
function coAuthorsOf(deps: ServiceDeps, owner: string, ids: readonly string[]): CoAuthor[] {
  const unique = [...new Set(ids)];
  if (unique.includes(owner)) throw practiceErrors.ownerAsCoAuthor();
  return unique.map((id) => {
    const area = deps.registry.pilotArea(id);
    if (!area) throw practiceErrors.unknownPilotArea('coAuthors', id);
    return { pilotAreaId: id, province: area.province };
  });
}

async function linkAttachments(
  attachments: AttachmentStore,
  scope: TenantScope,
  practiceId: string,
  ids: readonly string[],
  uploadedBy: string,
): Promise<AttachmentRef[]> {
  const unique = [...new Set(ids)];
  const { linked, refused } = await attachments.link(
    scope,
    unique,
    { kind: 'practice', id: practiceId },
    uploadedBy,
  );
  if (refused.length > 0) throw practiceErrors.attachmentsRefused(refused);
  return linked.map((a) => ({ id: a.id, filename: a.filename, contentType: a.contentType, size: a.size }));
}

const plain = (value: unknown): unknown => (value === undefined ? null : JSON.parse(JSON.stringify(value)));

/** A new draft, owned by the caller's pilot area (a province officer names one of the province's). */
export async function createPractice(d: DraftingDeps, ctx: AuthorizedContext, input: CreatePracticeInput) {
  const { deps, practices } = d;
  const scope = requireProvince(ctx);
  const pilotAreaId = input.pilotAreaId ?? ctx.principal.organisationId ?? '';
  const area = deps.registry.pilotArea(pilotAreaId);
  if (!area) throw practiceErrors.unknownPilotArea('pilotAreaId', pilotAreaId);
  if (area.province !== scope.tenant) throw practiceErrors.areaOutsideProvince(pilotAreaId, scope.tenant);
  if (ctx.actingRole === 'pilot-area-officer' && ctx.principal.organisationId !== pilotAreaId)
    throw practiceErrors.notOwnArea(pilotAreaId);
  const coAuthors = coAuthorsOf(deps, pilotAreaId, input.coAuthors);
  // a retried creation (same Idempotency-Key, same input) answers with the first draft (R12)
  return deps.idempotency.create({
    scope,
    procedure: 'practice.create',
    userId: ctx.principal.userId,
    key: input.idempotencyKey,
    input,
    deadlineAt: ctx.deadlineAt,
    existing: async (id) => {
      const practice = await practices.get(scope, id);
      return practice ? toPracticeView(practice, scope.tenant) : undefined;
    },
    create: (id) => insertPractice(d, ctx, input, scope, pilotAreaId, coAuthors, id),
  });
}

async function insertPractice(
  d: DraftingDeps,
  ctx: AuthorizedContext,
  input: CreatePracticeInput,
  scope: TenantScope,
  pilotAreaId: string,
  coAuthors: PracticeContent['coAuthors'],
  id: string,
) {
  const { deps, practices } = d;
  const attachments = await linkAttachments(
    d.attachments,
    scope,
    id,
    input.attachmentIds,
    ctx.principal.userId,
  );
  const now = deps.now();
  const content: PracticeContent = {
    title: input.title,
    coAuthors,
    taskGroupId: input.taskGroupId,
    measureIds: [...new Set(input.measureIds)],
    practice: input.practice,
    results: input.results,
    figures: input.figures,
    replicationConditions: input.replicationConditions,
    tags: [...new Set(input.tags)],
    attachments,
    contactUnit: input.contactUnit,
  };
  const model = await practices.model(scope);
  const created = await deps.outbox.create<PracticeDocument>(
    model,
    {
      _id: id,
      pilotAreaId,
      status: 'draft',
      ...content,
      submission: 0,
      caseId: null,
      returnReason: null,
      submittedAt: null,
      recommendedAt: null,
      batchId: null,
      publishedAt: null,
      createdAt: now,
      createdBy: ctx.principal.userId,
      updatedAt: now,
      updatedBy: ctx.principal.userId,
    },
    [],
    { tenant: scope.tenant, actor: ctx.actor, now },
  );
  await practices.recordCreation(scope, created, ctx.actor, now);
  return toPracticeView(created, scope.tenant);
}

/** A version-conditional save of a draft or a returned practice, with a field-level audit line. */
export async function savePractice(d: DraftingDeps, ctx: AuthorizedContext, input: SavePracticeInput) {
  const { deps, practices } = d;
  const { scope, practice } = await practiceForCaller(practices, ctx, input.practiceId);
  assertOwnArea(ctx, practice);
  if (practice.version !== input.version)
    throw practiceErrors.versionConflict(
      input.version,
      practice.version,
      practice.updatedBy,
      practice.updatedAt,
    );
  if (!editableStatuses.includes(practice.status)) throw practiceErrors.notEditable(practice.status);

  const next: Partial<PracticeContent> = {};
  if (input.title) next.title = input.title;
  if (input.coAuthors) next.coAuthors = coAuthorsOf(deps, practice.pilotAreaId, input.coAuthors);
  if (input.taskGroupId !== undefined) next.taskGroupId = input.taskGroupId;
  if (input.measureIds) next.measureIds = [...new Set(input.measureIds)];
  if (input.practice !== undefined) next.practice = input.practice;
  if (input.results !== undefined) next.results = input.results;
  if (input.figures) next.figures = input.figures;
  if (input.replicationConditions !== undefined) next.replicationConditions = input.replicationConditions;
  if (input.tags) next.tags = [...new Set(input.tags)];
  if (input.contactUnit !== undefined) next.contactUnit = input.contactUnit;
  if (input.attachmentIds) {
    const kept = practice.attachments.filter((a) => input.attachmentIds?.includes(a.id));
    const added = input.attachmentIds.filter((id) => !kept.some((a) => a.id === id));
    next.attachments = [
      ...kept,
      ...(await linkAttachments(d.attachments, scope, practice._id, added, ctx.principal.userId)),
    ];
  }
  const changes: FieldChange[] = contentFields
    .filter((f) => f in next && !isDeepStrictEqual(plain(practice[f]), plain(next[f])))
    .map((f) => ({ field: f, before: plain(practice[f]), after: plain(next[f]) }));
  if (changes.length === 0) return toPracticeView(practice, scope.tenant);
  const updated = await practices.commit(deps, scope, practice, ctx.actor, {
    set: next,
    events: [],
    audit: { action: 'saved', changes },
  });
  if (!updated) {
    const latest = await practices.get(scope, practice._id);
    throw practiceErrors.versionConflict(
      input.version,
      latest?.version ?? input.version,
      latest?.updatedBy ?? '?',
      latest?.updatedAt ?? deps.now(),
    );
  }
  return toPracticeView(updated, scope.tenant);
}
