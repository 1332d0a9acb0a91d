/**
 * Serialises this process's writes to one aggregate document. FerretDB 1.24 (SQLite) applies an
 * update as a separate read and write, so two concurrent updates of one document lose one of
 * them, version filter or not (upstream FerretDB#3040). Within a process, the outbox's commits
 * and the relay's lease and drain writes take turns per document; MongoDB needs none of this,
 * and it costs nothing there but a promise per write.
 */
export class DocumentWriteLock {
  private readonly tails = new Map<string, Promise<void>>();

  async run<T>(key: string, write: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release: () => void = () => undefined;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => mine);
    this.tails.set(key, tail);
    await previous;
    try {
      return await write();
    } finally {
      release();
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}

/** One lock for the whole process: the outbox and the relay of a service share it. */
export const documentWriteLock = new DocumentWriteLock();

/** A document's key: database, collection and id (from a mongoose model's collection). */
export const documentKey = (collection: unknown, id: unknown): string => {
  const c = collection as { collectionName: string; conn?: { name?: string } };
  return `${c.conn?.name ?? ''}.${c.collectionName}:${String(id)}`;
};
