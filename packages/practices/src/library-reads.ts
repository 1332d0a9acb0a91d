import type { ServiceDeps } from '@tradepilot/service-kit';
import { nationalScope, trusted } from '@tradepilot/tenancy';
import { libraryVersion } from './batch-publication';
import { batchModel, type BatchDocument } from './batch-model';
import {
  libraryAdditionId,
  libraryAdditionModel,
  libraryPracticeModel,
  type LibraryAdditionDocument,
  type LibraryPracticeDocument,
} from './library-model';

/** past this many publications to catch up on, one read of the library beats one read each */
const maxAdditionReads = 20;
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

const summaryLength = 120;

/**
 * A published practice as a search hit lists it: what a result list shows (title, where it
 * comes from, batch, tags, the start of the practice), not its full text, figures or files
 * (`library.get` gives those).
 */
export function toLibraryHitView(p: LibraryPracticeView) {
  const chars = [...p.practice];
  return {
    id: p.id,
    province: p.province,
    pilotAreaId: p.pilotAreaId,
    title: p.title,
    coAuthors: p.coAuthors,
    taskGroupId: p.taskGroupId,
    measureIds: p.measureIds,
    tags: p.tags,
    summary: chars.length > summaryLength ? `${chars.slice(0, summaryLength).join('')}…` : p.practice,
    batchId: p.batchId,
    batchNumber: p.batchNumber,
    theme: p.theme,
    publishedAt: p.publishedAt,
    illustrative: p.illustrative,
  };
}
export type LibraryHitView = ReturnType<typeof toLibraryHitView>;

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
    return this.publishedBetween(0, await this.version(), filter);
  }

  /**
   * The practices that became visible after library version `after` up to `upTo` (both as read from
   * the pointer): whole batches, since a publication writes its cases before it moves the pointer.
   */
  async publishedBetween(
    after: number,
    upTo: number,
    filter: { batchId?: string | undefined } = {},
  ): Promise<LibraryPracticeDocument[]> {
    const model = await this.deps.databases.model(nationalScope, libraryPracticeModel);
    return model
      .find({
        libraryVersion: trusted(after > 0 ? { $gt: after, $lte: upTo } : { $lte: upTo }),
        ...(filter.batchId ? { batchId: filter.batchId } : {}),
      })
      .sort({ batchNumber: 1, _id: 1 })
      .lean<LibraryPracticeDocument[]>();
  }

  /**
   * What the publications after version `after` up to `upTo` added, read by `_id` (one read per
   * version); null when one of them has no addition document (published before they were
   * written, or removed), so the caller reads the library itself.
   */
  async additions(after: number, upTo: number): Promise<LibraryPracticeDocument[] | null> {
    if (upTo - after > maxAdditionReads) return null;
    const model = await this.deps.databases.model(nationalScope, libraryAdditionModel);
    const found: LibraryPracticeDocument[] = [];
    for (let version = after + 1; version <= upTo; version += 1) {
      const addition = await model.findById(libraryAdditionId(version)).lean<LibraryAdditionDocument>();
      if (!addition) return null;
      found.push(...addition.practices);
    }
    return found;
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
