import type { AnyModelDefinition, TenantDatabases } from '@tradepilot/tenancy';
import type { Collection, Document } from 'mongodb';
import { isDuplicateKeyError } from './duplicate-guards';
import { versionClaims } from './version-claims';

/** An array that leaves the aggregate document: each element becomes a document of `to`. */
export interface ArrayMove {
  field: string;
  to: AnyModelDefinition;
  /** the documents for the array's elements, under ids derived from their content (re-runs match) */
  documents(aggregate: Document, elements: unknown[]): ({ _id: string } & Document)[];
}

const batchSize = 100;

/**
 * Moves arrays out of every aggregate document of every existing database: copies the elements
 * (inserts; an id already there is a copy made before), then `$unset`s the arrays under a hold on
 * the document's version, so no change from any instance interleaves. Safe to run twice and by
 * several instances at once. Returns how many documents it moved.
 */
export async function moveArraysOut(
  databases: TenantDatabases,
  aggregate: AnyModelDefinition,
  moves: ArrayMove[],
): Promise<number> {
  let moved = 0;
  for (const scope of await databases.existingScopes()) {
    if (aggregate.placement !== 'both' && aggregate.placement !== scope.kind) continue;
    const model = await databases.model(scope, aggregate);
    const collection = model.collection as unknown as Collection;
    const targets = await Promise.all(
      moves.map(async (m) => (await databases.model(scope, m.to)).collection),
    );
    const pending = { $or: moves.map((m) => ({ [m.field]: { $exists: true } })) };
    for (let round = 0; round < 1000; round += 1) {
      const documents = await collection.find(pending).limit(batchSize).toArray();
      if (documents.length === 0) break;
      for (const document of documents) {
        for (const [i, move] of moves.entries()) {
          const elements = document[move.field] as unknown[] | undefined;
          if (!elements) continue;
          for (const copy of move.documents(document, elements)) {
            await (targets[i] as unknown as Collection).insertOne(copy as never).catch((err: unknown) => {
              if (!isDuplicateKeyError(err)) throw err;
            });
          }
        }
        const unset = Object.fromEntries(moves.map((m) => [m.field, '']));
        const version = (document['version'] as number | undefined) ?? 1;
        const result = await versionClaims.hold(model as never, String(document._id), version, () =>
          collection.updateOne({ _id: document._id, version, ...pending }, { $unset: unset }),
        );
        // a change landed meanwhile (or one is under way): the next round copies again
        if (result?.matchedCount === 1) moved += 1;
      }
    }
  }
  return moved;
}
