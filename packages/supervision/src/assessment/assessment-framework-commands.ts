import { isDuplicateKeyError, versionClaims } from '@tradepilot/messaging';
import {
  versionConflict,
  type AuthorizedContext,
  type ServiceDeps,
  auditTrailModel,
  versionedAuditLine,
} from '@tradepilot/service-kit';
import { nationalScope } from '@tradepilot/tenancy';
import { assessmentErrors } from './assessment-errors';
import type { AssessmentIndicator } from './assessment-framework';
import { assessmentFrameworkModel, type AssessmentFrameworkDocument } from './assessment-framework-model';
import { indicatorProblems, weightSum } from './assessment-framework-problems';
import type { FrameworkSaveInput } from './assessment-inputs';
import { frameworkView, type AssessmentFrameworkView } from './assessment-views';

const frameworkWhat = { 'zh-CN': '评估框架', en: 'The assessment framework' };
export const frameworkAuditSubject = 'assessment-framework';

/** Refuses a framework whose weights do not sum to 100 or whose indicators cannot score; nothing is written. */
export function checkFramework(indicators: readonly AssessmentIndicator[]): void {
  const sum = weightSum(indicators);
  if (sum !== 100)
    throw assessmentErrors.weightsNot100(
      sum,
      indicators.map((i) => ({ id: i.id, weight: i.weight })),
    );
  const problems = indicatorProblems(indicators);
  if (problems.length > 0) throw assessmentErrors.frameworkInvalid(problems);
}

/**
 * The ministry saves a round's assessment framework (on the version it read; 0 creates it). Runs
 * already started keep the copy they scored with; the next run uses the new version.
 */
export async function saveFramework(
  deps: ServiceDeps,
  ctx: AuthorizedContext,
  input: FrameworkSaveInput,
): Promise<AssessmentFrameworkView> {
  checkFramework(input.indicators);
  const frameworks = await deps.databases.model(nationalScope, assessmentFrameworkModel);
  const id = input.frameworkId;
  const existing = await frameworks.findById(id).lean<AssessmentFrameworkDocument>();
  if ((existing?.version ?? 0) !== input.version) {
    if (!existing) throw assessmentErrors.frameworkNotCreatedYet(id);
    throw versionConflict(
      frameworkWhat,
      input.version,
      existing.version,
      existing.updatedBy,
      existing.updatedAt,
    );
  }
  if (existing && existing.round !== input.round)
    throw assessmentErrors.frameworkRoundFixed(id, existing.round);
  const now = deps.now();
  const content = { round: input.round, name: input.name, indicators: input.indicators };
  const next = { ...content, version: input.version + 1, updatedAt: now, updatedBy: ctx.actor.userId };
  const written = existing
    ? await versionClaims.change(frameworks as never, id, input.version, () =>
        frameworks
          .findOneAndUpdate({ _id: id, version: input.version }, { $set: next }, { new: true })
          .lean<AssessmentFrameworkDocument>(),
      )
    : await frameworks.create({ _id: id, createdAt: now, ...next }).then(
        (d) => d.toObject() as AssessmentFrameworkDocument,
        (err: unknown) => {
          if (isDuplicateKeyError(err)) return null;
          throw err;
        },
      );
  if (!written) {
    const current = await frameworks.findById(id).lean<AssessmentFrameworkDocument>();
    throw versionConflict(
      frameworkWhat,
      input.version,
      current?.version ?? input.version + 1,
      current?.updatedBy ?? '?',
      current?.updatedAt ?? now,
    );
  }
  const changes = (Object.keys(content) as (keyof typeof content)[])
    .filter((field) => JSON.stringify(existing?.[field] ?? null) !== JSON.stringify(content[field]))
    .map((field) => ({ field, before: existing?.[field] ?? null, after: content[field] }));
  await (
    await deps.databases.model(nationalScope, auditTrailModel)
  ).replaceOne(
    { _id: `${frameworkAuditSubject}:${id}:${written.version}` },
    versionedAuditLine(
      { type: frameworkAuditSubject, id },
      written.version,
      ctx.actor,
      now,
      existing ? 'saved' : 'created',
      changes,
    ),
    { upsert: true },
  );
  return frameworkView(written);
}
