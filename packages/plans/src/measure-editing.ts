import { isDuplicateKeyError, versionClaims } from '@tradepilot/messaging';
import type { AuthorizedContext, ServiceDeps } from '@tradepilot/service-kit';
import { nationalScope } from '@tradepilot/tenancy';
import type { Model } from 'mongoose';
import { auditEntry, changedFields } from './audit-entry';
import { measureAlreadyExists, measureNotFound, measureVersionConflict } from './catalog-errors';
import { fieldIssue, invalidFields } from './field-problems';
import type { MeasureCatalog } from './measure-catalog';
import { measureFieldProblems } from './measure-fields';
import type { CreateMeasureInput, UpdateMeasureInput } from './measure-inputs';
import { measureFieldNames, type MeasureDocument, type MeasureFields } from './measure-model';
import { toMeasureView, type MeasureView } from './measure-view';

function assertKnownReferences(deps: ServiceDeps, fields: Partial<MeasureFields>, prefix: string): void {
  const problems = measureFieldProblems(fields, deps.registry);
  if (problems.length > 0) {
    throw invalidFields(
      problems.map((p) =>
        fieldIssue(
          [prefix, p.field, p.index].filter((s) => s !== undefined && s !== '').join('.'),
          p.code,
          p.messages['zh-CN'],
          p.messages.en,
        ),
      ),
    );
  }
}

/** A conditional write of one measure under its version claim (FerretDB updates are not isolated). */
export function writeMeasure(
  measures: Model<MeasureDocument>,
  current: MeasureDocument,
  update: Record<string, unknown>,
): Promise<MeasureDocument | null> {
  return versionClaims.change(measures as never, current._id, current.version, () =>
    measures
      .findOneAndUpdate({ _id: current._id, version: current.version }, update as never, { new: true })
      .lean<MeasureDocument>()
      .exec(),
  );
}

export async function createMeasure(
  deps: ServiceDeps,
  catalog: MeasureCatalog,
  ctx: AuthorizedContext,
  input: CreateMeasureInput,
): Promise<MeasureView> {
  const { id, idempotencyKey, ...given } = input;
  const fields: MeasureFields = {
    responsibleDepartments: [],
    regulatoryAdjustment: false,
    status: 'active',
    illustrative: false,
    ...given,
  };
  assertKnownReferences(deps, fields, '');
  const measures = await catalog.measures();
  return deps.idempotency.create({
    scope: nationalScope,
    procedure: 'measure.create',
    userId: ctx.principal.userId,
    key: idempotencyKey,
    input,
    deadlineAt: ctx.deadlineAt,
    existing: async (creationId) => {
      const measure = await measures.findOne({ _id: id, creationId }).lean<MeasureDocument>();
      return measure ? toMeasureView(measure) : undefined;
    },
    create: async (creationId) => {
      const now = deps.now();
      const created = {
        _id: id,
        ...fields,
        version: 1,
        createdAt: now,
        createdBy: ctx.principal.userId,
        updatedAt: now,
        updatedBy: ctx.principal.userId,
        history: [
          auditEntry(
            ctx.actor,
            'created',
            now,
            1,
            changedFields({} as MeasureFields, fields, measureFieldNames),
          ),
        ],
        creationId,
      };
      try {
        await measures.create(created);
      } catch (err) {
        if (isDuplicateKeyError(err)) throw measureAlreadyExists(id);
        throw err;
      }
      return toMeasureView(created);
    },
  });
}

export async function updateMeasure(
  deps: ServiceDeps,
  catalog: MeasureCatalog,
  ctx: AuthorizedContext,
  input: UpdateMeasureInput,
): Promise<MeasureView> {
  const current = await catalog.get(input.measureId);
  if (!current) throw measureNotFound(input.measureId);
  if (current.version !== input.version) {
    throw measureVersionConflict(
      current._id,
      input.version,
      current.version,
      current.updatedBy,
      current.updatedAt,
    );
  }
  assertKnownReferences(deps, input.changes, 'changes');
  const changes = changedFields<MeasureFields>(current, input.changes, measureFieldNames);
  if (changes.length === 0) return toMeasureView(current);
  const now = deps.now();
  const updated = await writeMeasure(await catalog.measures(), current, {
    $set: { ...input.changes, updatedAt: now, updatedBy: ctx.principal.userId },
    $inc: { version: 1 },
    $push: {
      history: auditEntry(ctx.actor, 'updated', now, current.version + 1, changes, input.reason ?? null),
    },
  });
  if (!updated) {
    const latest = await catalog.get(current._id);
    throw measureVersionConflict(
      current._id,
      input.version,
      latest?.version ?? input.version,
      latest?.updatedBy ?? '?',
      latest?.updatedAt ?? now,
    );
  }
  return toMeasureView(updated);
}
