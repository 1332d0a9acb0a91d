/**
 * Runs `work` over `items` with at most `limit` running at once, and rejects with the first
 * failure once every started item has settled. Tests that make hundreds of independent calls
 * (generated suites, fuzzers) spend most of their time waiting on answers, not computing.
 */
export async function forEachConcurrently<T>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const failures: unknown[] = [];
  const worker = async () => {
    while (next < items.length && failures.length === 0) {
      const index = next++;
      try {
        await work(items[index] as T, index);
      } catch (err) {
        failures.push(err);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  if (failures.length > 0) throw failures[0];
}
