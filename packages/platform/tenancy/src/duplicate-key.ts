/**
 * A write refused by a unique index. MongoDB and FerretDB inserts say 11000; on FerretDB 1.24 an
 * update (or a non-upsert replace) that breaks a unique index fails with code 1 and SQLite's
 * "UNIQUE constraint failed" instead (storage-subset.int-spec.ts pins both).
 */
export const isDuplicateKeyError = (err: unknown): boolean => {
  const e = err as { code?: number; message?: unknown } | null;
  if (e?.code === 11000) return true;
  return e?.code === 1 && typeof e.message === 'string' && e.message.includes('UNIQUE constraint failed');
};
