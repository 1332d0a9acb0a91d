/** Field names that name a province (tenant) in inputs and answers. */
export const provinceFieldNames: ReadonlySet<string> = new Set([
  'tenant',
  'tenantId',
  'province',
  'provinceId',
]);

/**
 * Visits every field of every object nested in `values` (arrays included), depth-first, at most
 * `maxNodes` nodes so a huge or hostile document cannot stall the gateway. `visit` returns true
 * to stop early.
 */
export function visitFields(
  values: unknown[],
  visit: (key: string, value: unknown) => boolean | void,
  maxNodes = 20_000,
): void {
  const stack: unknown[] = [...values];
  let visited = 0;
  while (stack.length > 0 && visited < maxNodes) {
    const node = stack.pop();
    visited += 1;
    if (Array.isArray(node)) {
      stack.push(...node);
      continue;
    }
    if (node === null || typeof node !== 'object') continue;
    for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
      if (visit(key, value) === true) return;
      if (value !== null && typeof value === 'object') stack.push(value);
    }
  }
}
