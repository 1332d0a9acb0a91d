import mongoose, { type Connection } from 'mongoose';

// A filter value like {"$ne": null} from input is compared as a value, never run as an operator,
// and a misspelled filter key is an error rather than a silently wider query.
mongoose.set('sanitizeFilter', true);
mongoose.set('strictQuery', 'throw');

export interface DatabaseOptions {
  url: string;
  /** fail fast when the database is unreachable instead of queueing work */
  serverSelectionTimeoutMS?: number;
}

export async function connectDatabase({
  url,
  serverSelectionTimeoutMS = 5000,
}: DatabaseOptions): Promise<Connection> {
  const connection = mongoose.createConnection(url, {
    serverSelectionTimeoutMS,
    autoIndex: false,
    autoCreate: false,
    bufferCommands: false,
    maxPoolSize: 20,
  });
  return connection.asPromise();
}

/** Readiness: the database answers a ping. */
export async function pingDatabase(connection: Connection): Promise<boolean> {
  try {
    const db = connection.db;
    if (!db) return false;
    await db.admin().command({ ping: 1 });
    return true;
  } catch {
    return false;
  }
}

/** Marks an operator object written by our own code (never input) as trusted under sanitizeFilter: `{ version: trusted({ $lt: 3 }) }`. */
export const trusted = <T>(filter: T): T => mongoose.trusted(filter) as T;
