import type { AnyModelDefinition, TenantDatabases, TenantScope } from '@tradepilot/tenancy';
import type { Collection, Document, Filter } from 'mongodb';
import { isDuplicateKeyError } from './duplicate-guards';
import type { DrainedDocument, OutboxRelay } from './outbox-relay';
import { versionClaims } from './version-claims';

/**
 * Aggregates that reach a final state (a decided case) leave their collection, which then holds
 * current state only, for an archive of the same shape, once their outbox is empty: every read
 * scans a collection on FerretDB, so the hot reads stop growing with history. A reader by id
 * looks in `from`, then in `to`: a document is always in one of them (in both for a moment).
 */
export interface SettledDocuments {
  /** the aggregate (with an outbox) */
  from: AnyModelDefinition;
  /** the archive: same shape, no outbox flag, so the relay never scans it */
  to: AnyModelDefinition;
  /**
   * What only a document that never changes again matches; a function of the day where that
   * depends on it (a report once its period is past due). A document a command must change once
   * more (a reopened issue) goes back first: `restoreSettled`.
   */
  settled: Filter<Document> | ((now: Date) => Filter<Document>);
  /** the event types of an aggregate's last change: once the relay has cleared one, the document moves */
  finalEvents: string[];
}

interface VersionedDocument extends Document {
  _id: unknown;
  version?: number;
}

const batchSize = 100;

const emptyOutbox = { 'outbox.0': { $exists: false } };

const placedIn = (definition: AnyModelDefinition, scope: TenantScope) =>
  definition.placement === 'both' || definition.placement === scope.kind;

const settledAt = (spec: SettledDocuments, now: Date): Filter<Document> =>
  typeof spec.settled === 'function' ? spec.settled(now) : spec.settled;

/**
 * Copies the document to the archive (over an older copy, never a newer one), then deletes
 * it from the aggregate's collection only if it is unchanged: same version, outbox still empty,
 * under a hold on that version so no change of any instance interleaves. Each step is idempotent:
 * a crash between them leaves a copy in both, which the next move of it completes.
 */
async function moveOne(
  model: Parameters<typeof versionClaims.hold>[0],
  from: Collection<VersionedDocument>,
  to: Collection<VersionedDocument>,
  document: VersionedDocument,
): Promise<boolean> {
  const version = document.version ?? { $exists: false };
  try {
    // an insert: the unique _id refuses a second copy without a scan of the growing archive
    await to.insertOne(document);
  } catch (err) {
    if (!isDuplicateKeyError(err)) throw err;
    // a copy an interrupted move left: replaced if older
    await to.replaceOne(
      { _id: document._id, version: { $lte: document.version ?? 0 } } as Filter<VersionedDocument>,
      document,
    );
  }
  const deleted = await versionClaims.hold(model, String(document._id), document.version ?? 0, () =>
    from.deleteOne({ _id: document._id, version, ...emptyOutbox } as Filter<VersionedDocument>),
  );
  return deleted?.deletedCount === 1;
}

/**
 * Moves the settled documents of one scope whose outbox is empty (only those of `ids` when
 * given), in pages by `_id`, so each is looked at once per run. Safe with several instances at
 * once; a document that fails to move does not stop the others (the run then fails, to be
 * retried). Returns how many this run moved.
 */
export async function moveSettled(
  databases: TenantDatabases,
  scope: TenantScope,
  spec: SettledDocuments,
  ids?: string[],
  now: Date = new Date(),
): Promise<number> {
  if (!placedIn(spec.from, scope) || ids?.length === 0) return 0;
  const model = await databases.model(scope, spec.from);
  const archive = await databases.model(scope, spec.to);
  const from = model.collection as unknown as Collection<VersionedDocument>;
  const to = archive.collection as unknown as Collection<VersionedDocument>;
  let moved = 0;
  let after: unknown = undefined;
  let failure: { err: unknown } | undefined;
  for (;;) {
    const byId = { ...(ids ? { $in: ids } : {}), ...(after === undefined ? {} : { $gt: after }) };
    const page = await from
      .find({
        ...settledAt(spec, now),
        ...emptyOutbox,
        ...(Object.keys(byId).length > 0 ? { _id: byId } : {}),
      } as Filter<VersionedDocument>)
      .sort({ _id: 1 })
      .limit(batchSize)
      .toArray();
    for (const document of page) {
      try {
        if (await moveOne(model as never, from, to, document)) moved += 1;
      } catch (err) {
        failure ??= { err };
      }
    }
    if (page.length < batchSize) break;
    after = page[page.length - 1]?._id;
  }
  if (failure) throw failure.err;
  return moved;
}

/**
 * `moveSettled` in every existing database the aggregate lives in (a start-up migration); one
 * failing database does not stop the others.
 */
export async function moveAllSettled(
  databases: TenantDatabases,
  spec: SettledDocuments,
  now: Date = new Date(),
): Promise<number> {
  let moved = 0;
  let failure: { err: unknown } | undefined;
  for (const scope of await databases.existingScopes()) {
    try {
      moved += await moveSettled(databases, scope, spec, undefined, now);
    } catch (err) {
      failure ??= { err };
    }
  }
  if (failure) throw failure.err;
  return moved;
}

/**
 * Moves a document as soon as the relay has emptied its outbox of a final event (the documents
 * whose outbox emptied of anything else are not even read). A move that does not happen then (a
 * crash, the database away) is left to the start-up run of `moveAllSettled`; until then the
 * document only stays where it was.
 */
export function moveSettledWhenDrained(
  relay: Pick<OutboxRelay, 'whenDrained'>,
  databases: TenantDatabases,
  spec: SettledDocuments,
  now: () => Date = () => new Date(),
): void {
  relay.whenDrained(spec.from.collection, async (scope: TenantScope, drained: DrainedDocument[]) => {
    const final = drained
      .filter((d) => d.cleared.some((entry) => spec.finalEvents.includes(entry.type)))
      .map((d) => d.id);
    if (final.length > 0) await moveSettled(databases, scope, spec, final, now());
  });
}

/**
 * A document by id where it is: the aggregate's collection first, then the archive (two reads
 * by `_id`, which FerretDB answers without a scan). `settled` says which one it came from.
 */
export async function findCurrentOrSettled<T>(
  databases: TenantDatabases,
  scope: TenantScope,
  spec: SettledDocuments,
  id: string,
): Promise<{ document: T; settled: boolean } | null> {
  const current = await (await databases.model(scope, spec.from)).findById(id).lean<T>();
  if (current) return { document: current, settled: false };
  const archived = await (await databases.model(scope, spec.to)).findById(id).lean<T>();
  return archived ? { document: archived, settled: true } : null;
}

/**
 * Moves a settled document back to its aggregate's collection, so the one command that may still
 * change it (an exception reopening a report, an originator reopening an issue) writes it there,
 * with its outbox. Idempotent as the move is: the archive's copy goes only once the collection
 * holds it. A move running at the same moment can take it back; the command's version-conditional
 * write then fails as a conflict and a retry restores it again. Returns whether the document is in
 * the aggregate's collection now.
 */
export async function restoreSettled(
  databases: TenantDatabases,
  scope: TenantScope,
  spec: SettledDocuments,
  id: string,
): Promise<boolean> {
  const from = (await databases.model(scope, spec.from))
    .collection as unknown as Collection<VersionedDocument>;
  const to = (await databases.model(scope, spec.to)).collection as unknown as Collection<VersionedDocument>;
  const archived = await to.findOne({ _id: id } as unknown as Filter<VersionedDocument>);
  if (!archived) return (await from.findOne({ _id: id } as unknown as Filter<VersionedDocument>)) !== null;
  try {
    await from.insertOne(archived);
  } catch (err) {
    // already back (an earlier restore, or a move interrupted before its delete)
    if (!isDuplicateKeyError(err)) throw err;
  }
  await to.deleteOne({
    _id: archived._id,
    version: archived.version ?? { $exists: false },
  } as Filter<VersionedDocument>);
  return true;
}
