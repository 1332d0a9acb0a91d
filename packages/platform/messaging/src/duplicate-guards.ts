import { isDuplicateKeyError, trusted } from '@tradepilot/tenancy';
import { v5 as uuidv5 } from 'uuid';

// fixed namespace for ids derived from events (uuid v5)
const namespace = '3f0c6a1e-52b4-4f0a-9a7e-7c1b2d9e4a10';

/**
 * The same id every time the same event is handled for the same purpose: inserting a document
 * under it twice fails with a duplicate key, which is how a redelivered event opens nothing new.
 */
export const deterministicId = (eventId: string, purpose: string): string =>
  uuidv5(`${purpose}:${eventId}`, namespace);

export { isDuplicateKeyError };

/** Runs an insert and treats "already there" as done: the effect of a redelivered event. */
export async function insertOnce(insert: () => Promise<unknown>): Promise<'inserted' | 'duplicate'> {
  try {
    await insert();
    return 'inserted';
  } catch (err) {
    if (isDuplicateKeyError(err)) return 'duplicate';
    throw err;
  }
}

/**
 * For an effect on an existing document: add `filter` to the update's filter and `push` to its
 * `$push`. The write matches only while the event is not yet recorded on the document.
 */
export const appliedEventGuard = (eventId: string) => ({
  filter: { appliedEventIds: trusted({ $ne: eventId }) },
  push: { appliedEventIds: eventId },
});
