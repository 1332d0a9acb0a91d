import type { PracticeAuditDocument } from './practice-audit-model';
import type { PracticeDocument } from './practice-model';

const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null);

/** A practice as the API shows it (no outbox, dates as ISO strings). */
export function toPracticeView(practice: PracticeDocument, tenant: string) {
  return {
    id: practice._id,
    province: tenant,
    pilotAreaId: practice.pilotAreaId,
    status: practice.status,
    version: practice.version,
    title: practice.title,
    coAuthors: practice.coAuthors.map((c) => ({ pilotAreaId: c.pilotAreaId, province: c.province })),
    taskGroupId: practice.taskGroupId,
    measureIds: [...practice.measureIds],
    practice: practice.practice,
    results: practice.results,
    figures: practice.figures.map((f) => ({ label: f.label, value: f.value, unit: f.unit })),
    replicationConditions: practice.replicationConditions,
    tags: [...practice.tags],
    attachments: practice.attachments.map((a) => ({
      id: a.id,
      filename: a.filename,
      contentType: a.contentType,
      size: a.size,
      /** GET through the gateway */
      download: `/attachments/practices/${tenant}/${a.id}`,
    })),
    contactUnit: practice.contactUnit
      ? {
          name: practice.contactUnit.name,
          phone: practice.contactUnit.phone ?? null,
          email: practice.contactUnit.email ?? null,
        }
      : null,
    submission: practice.submission,
    caseId: practice.caseId,
    returnReason: practice.returnReason,
    submittedAt: iso(practice.submittedAt),
    recommendedAt: iso(practice.recommendedAt),
    batchId: practice.batchId,
    publishedAt: iso(practice.publishedAt),
    createdAt: iso(practice.createdAt) as string,
    createdBy: practice.createdBy,
    updatedAt: iso(practice.updatedAt) as string,
    updatedBy: practice.updatedBy,
  };
}
export type PracticeView = ReturnType<typeof toPracticeView>;

export const toAuditView = (entry: PracticeAuditDocument) => ({
  at: new Date(entry.at).toISOString(),
  actor: entry.actor,
  action: entry.action,
  changes: entry.changes.map((c) => ({ field: c.field, before: c.before ?? null, after: c.after ?? null })),
  reason: entry.reason,
  version: entry.version,
});
