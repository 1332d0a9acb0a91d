import type { ServiceDeps } from '@tradepilot/service-kit';
import { nationalScope, trusted } from '@tradepilot/tenancy';
import { libraryVersion } from './batch-publication';
import { batchModel, type BatchDocument } from './batch-model';
import { libraryPracticeModel, type LibraryPracticeDocument } from './library-model';
import { practiceErrors } from './practice-errors';

/** A published practice as every signed-in user reads it. */
export function toLibraryView(p: LibraryPracticeDocument) {
  return {
    id: p._id,
    province: p.province,
    pilotAreaId: p.pilotAreaId,
    title: p.title,
    coAuthors: p.coAuthors.map((c) => ({ pilotAreaId: c.pilotAreaId, province: c.province })),
    taskGroupId: p.taskGroupId,
    measureIds: [...p.measureIds],
    practice: p.practice,
    results: p.results,
    figures: p.figures.map((f) => ({ label: f.label, value: f.value, unit: f.unit })),
    replicationConditions: p.replicationConditions,
    tags: [...p.tags],
    attachments: p.attachments.map((a) => ({
      id: a.id,
      filename: a.filename,
      contentType: a.contentType,
      size: a.size,
      download: `/attachments/practices/${p.province}/${a.id}`,
    })),
    contactUnit: p.contactUnit
      ? { name: p.contactUnit.name, phone: p.contactUnit.phone ?? null, email: p.contactUnit.email ?? null }
      : null,
    batchId: p.batchId,
    batchNumber: p.batchNumber,
    theme: p.theme,
    publishedAt: new Date(p.publishedAt).toISOString(),
    illustrative: p.illustrative,
  };
}
export type LibraryPracticeView = ReturnType<typeof toLibraryView>;

export function toBatchView(b: BatchDocument) {
  return {
    id: b._id,
    number: b.number,
    title: b.title,
    publisher: b.publisher,
    releaseDate: b.releaseDate,
    themes: b.themes.map((t) => ({ name: t.name, practiceIds: [...t.practiceIds] })),
    status: b.status,
    version: b.version,
    libraryVersion: b.libraryVersion,
    publishedAt: b.publishedAt ? new Date(b.publishedAt).toISOString() : null,
    illustrative: b.illustrative,
  };
}
export type BatchView = ReturnType<typeof toBatchView>;

/** The library as of one version of the pointer: every read goes through it. */
export class LibraryReader {
  constructor(private readonly deps: ServiceDeps) {}

  version(): Promise<number> {
    return libraryVersion(this.deps);
  }

  async practices(filter: { batchId?: string | undefined } = {}): Promise<LibraryPracticeDocument[]> {
    const visible = await this.version();
    const model = await this.deps.databases.model(nationalScope, libraryPracticeModel);
    return model
      .find({
        libraryVersion: trusted({ $lte: visible }),
        ...(filter.batchId ? { batchId: filter.batchId } : {}),
      })
      .sort({ batchNumber: 1, _id: 1 })
      .lean<LibraryPracticeDocument[]>();
  }

  async practice(practiceId: string): Promise<LibraryPracticeDocument> {
    const visible = await this.version();
    const found = await (await this.deps.databases.model(nationalScope, libraryPracticeModel))
      .findById(practiceId)
      .lean<LibraryPracticeDocument>();
    if (!found || found.libraryVersion > visible) throw practiceErrors.notFound();
    return found;
  }

  async batches(): Promise<BatchDocument[]> {
    const visible = await this.version();
    return (await this.deps.databases.model(nationalScope, batchModel))
      .find({ status: 'published', libraryVersion: trusted({ $lte: visible }) })
      .select({ outbox: 0 })
      .sort({ number: 1 })
      .lean<BatchDocument[]>();
  }
}
