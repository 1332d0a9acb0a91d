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

/**
 * The positions an unordered `insertMany` left out because their keys exist (the others were
 * inserted). Anything else that failed is rethrown: it is not a lost race.
 */
export const duplicateKeyPositions = (err: unknown): Set<number> => {
  const e = err as { writeErrors?: unknown; code?: number } | null;
  const writeErrors = e?.writeErrors;
  if (writeErrors === undefined || writeErrors === null) throw err;
  const list = (Array.isArray(writeErrors) ? writeErrors : [writeErrors]) as {
    index: number;
    code?: number;
    errmsg?: string;
  }[];
  if (list.length === 0) throw err;
  for (const item of list) if (!isDuplicateKeyError({ code: item.code, message: item.errmsg })) throw err;
  return new Set(list.map((item) => item.index));
};
