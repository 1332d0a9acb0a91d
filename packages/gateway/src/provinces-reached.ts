import { provinceFieldNames, visitFields } from './object-fields';

/**
 * Which provinces a cross-province call touched, read from what it was asked and what it
 * answered: values of `tenant`/`province` fields, and object keys that are province ids
 * (per-province breakdowns). Services need not report anything for their calls to be audited.
 */
export function provincesReached(values: unknown[], isProvince: (id: string) => boolean): string[] {
  const found = new Set<string>();
  visitFields(values, (key, value) => {
    if (isProvince(key)) found.add(key);
    if (provinceFieldNames.has(key) && typeof value === 'string' && isProvince(value)) found.add(value);
  });
  return [...found].sort();
}
