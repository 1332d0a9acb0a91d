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
  /** what only a document that never changes again matches */
  settled: Filter<Document>;
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
        ...spec.settled,
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
export async function moveAllSettled(databases: TenantDatabases, spec: SettledDocuments): Promise<number> {
  let moved = 0;
  let failure: { err: unknown } | undefined;
  for (const scope of await databases.existingScopes()) {
    try {
      moved += await moveSettled(databases, scope, spec);
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
): void {
  relay.whenDrained(spec.from.collection, async (scope: TenantScope, drained: DrainedDocument[]) => {
    const final = drained
      .filter((d) => d.cleared.some((entry) => spec.finalEvents.includes(entry.type)))
      .map((d) => d.id);
    if (final.length > 0) await moveSettled(databases, scope, spec, final);
  });
}
