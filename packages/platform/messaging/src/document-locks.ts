/**
 * Writes to one document, one at a time within this process. FerretDB 1.24 (SQLite) applies an
 * update as read-modify-write without isolation: concurrent updates of one document lose each
 * other, and a conditional update (`version: n`) can succeed twice. Serialising the writes of a
 * process makes the version check hold again for a single instance; MongoDB needs none of it.
 */
export class DocumentLocks {
  private readonly tails = new Map<string, Promise<unknown>>();

  async run<T>(key: string, write: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const current = previous.then(write, write);
    const tail = current.catch(() => undefined);
    this.tails.set(key, tail);
    try {
      return await current;
    } finally {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}

/** One lock table per process, shared by the outbox, the relay and any direct document write. */
export const documentLocks = new DocumentLocks();

/** The lock key of a document: database, collection and id. */
export const documentKey = (database: string, collection: string, id: unknown): string =>
  `${database}/${collection}/${String(id)}`;
