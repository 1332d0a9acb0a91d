import { MongoClient } from 'mongodb';

/** Every document of a stack's databases, by `database.collection`, as JSON (compare with toEqual). */
export type DatabaseSnapshot = Record<string, string[]>;

export interface SnapshotOptions {
  /** e.g. only one province's databases: (name) => name.endsWith('_zhejiang') */
  databases?: (name: string) => boolean;
  /** collections that are expected to grow (the audit record) */
  skipCollections?: string[];
}

export async function snapshotDatabases(
  mongoUrl: string,
  prefix: string,
  options: SnapshotOptions = {},
): Promise<DatabaseSnapshot> {
  const client = await MongoClient.connect(mongoUrl, { directConnection: true });
  try {
    const snapshot: DatabaseSnapshot = {};
    const { databases } = await client.db('admin').admin().listDatabases({ nameOnly: true });
    for (const { name } of databases
      .filter((d) => d.name.startsWith(prefix))
      .sort((a, b) => a.name.localeCompare(b.name))) {
      if (options.databases && !options.databases(name)) continue;
      for (const { name: collection } of await client.db(name).listCollections().toArray()) {
        if (options.skipCollections?.includes(collection)) continue;
        const documents = await client.db(name).collection(collection).find({}).toArray();
        snapshot[`${name}.${collection}`] = documents.map((d) => JSON.stringify(d)).sort();
      }
    }
    return snapshot;
  } finally {
    await client.close();
  }
}

/** The `_id` (and `version`) of every document in the databases a filter selects. */
export async function documentsOf(
  mongoUrl: string,
  prefix: string,
  databases: (name: string) => boolean,
): Promise<{ collection: string; id: string; version: number | undefined; outboxPending: boolean }[]> {
  const client = await MongoClient.connect(mongoUrl, { directConnection: true });
  try {
    const found: { collection: string; id: string; version: number | undefined; outboxPending: boolean }[] =
      [];
    const { databases: all } = await client.db('admin').admin().listDatabases({ nameOnly: true });
    for (const { name } of all.filter((d) => d.name.startsWith(prefix) && databases(d.name))) {
      for (const { name: collection } of await client.db(name).listCollections().toArray()) {
        for (const d of await client.db(name).collection(collection).find({}).toArray()) {
          const outbox = (d as { outbox?: unknown[]; relayLeaseUntil?: unknown }).outbox;
          found.push({
            collection,
            id: String(d._id),
            version: typeof d['version'] === 'number' ? (d['version'] as number) : undefined,
            outboxPending:
              (outbox?.length ?? 0) > 0 || Boolean((d as { relayLeaseUntil?: unknown }).relayLeaseUntil),
          });
        }
      }
    }
    return found;
  } finally {
    await client.close();
  }
}
