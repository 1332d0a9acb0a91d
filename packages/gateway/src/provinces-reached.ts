const provinceKeys = new Set(['tenant', 'tenantId', 'province', 'provinceId']);
const maxNodes = 20_000;

/**
 * Which provinces a cross-province call touched, read from what it was asked and what it
 * answered: values of `tenant`/`province` fields, and object keys that are province ids
 * (per-province breakdowns). Services need not report anything for their calls to be audited.
 */
export function provincesReached(values: unknown[], isProvince: (id: string) => boolean): string[] {
  const found = new Set<string>();
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
      if (isProvince(key)) found.add(key);
      if (provinceKeys.has(key) && typeof value === 'string' && isProvince(value)) found.add(value);
      if (value !== null && typeof value === 'object') stack.push(value);
    }
  }
  return [...found].sort();
}
