import type { Model } from 'mongoose';

/**
 * FerretDB (SQLite) refusing an index its storage already has: killed between creating the
 * index in SQLite and recording it in its catalog, it no longer lists the index, so every sync
 * tries to create it again and fails. The index exists (SQLite enforces a unique one); MongoDB
 * never answers this.
 */
export const isIndexOnlyInStorage = (err: unknown): boolean =>
  /SQL logic error: index \S+ already exists/.test((err as { message?: unknown })?.message as string);

/** The model's missing indexes one at a time, taking those its storage already has as made. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function createMissingIndexes(model: Model<any>): Promise<void> {
  const { toCreate } = (await model.diffIndexes({ indexOptionsToCreate: true })) as unknown as {
    toCreate: [Record<string, 1 | -1>, Record<string, unknown>][];
  };
  for (const [fields, options] of toCreate)
    await model.collection.createIndex(fields, options).catch((err: unknown) => {
      if (!isIndexOnlyInStorage(err)) throw err;
    });
}
