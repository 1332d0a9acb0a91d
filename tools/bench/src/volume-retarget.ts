import type { StoredDocument } from './volume-templates';

export const dayMs = 86_400_000;
export const yearMs = 365 * dayMs;

/** A small deterministic generator: the same scale seeds the same shapes in every run. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const isoDay = (at: Date) => at.toISOString().slice(0, 10);
const dayString = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A template document moved in time and to another pilot area: every date shifted by `shiftMs`
 * (local days too), the template's province named `area` instead.
 */
export function retarget<T>(value: T, from: string, area: string, shiftMs: number): T {
  if (value instanceof Date) return new Date(value.getTime() + shiftMs) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => retarget(v, from, area, shiftMs)) as T;
  if (typeof value === 'string') {
    if (dayString.test(value)) return isoDay(new Date(Date.parse(value) + shiftMs)) as T;
    return value.split(from).join(area) as T;
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, retarget(v, from, area, shiftMs)]),
    ) as T;
  }
  return value;
}

export const at = (doc: StoredDocument, field: string): Date => {
  const value = doc[field];
  if (!(value instanceof Date)) throw new Error(`template ${doc._id}: ${field} is not a date`);
  return value;
};
