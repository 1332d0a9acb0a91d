import type { RectificationStatus } from '@tradepilot/contracts';
import { isOverdue } from './rectification-transitions';

export interface RectificationCounts {
  total: number;
  /** not closed */
  open: number;
  /** the pilot area still owes the work past its due date */
  overdue: number;
  /** escalated at some point (overdue once) */
  escalated: number;
  byStatus: Record<RectificationStatus, number>;
}

interface Counted {
  key: string;
  status: RectificationStatus;
  dueAt: Date | null;
  escalated: boolean;
}

const countOf = (rows: Counted[], now: Date): RectificationCounts => {
  const byStatus: Record<RectificationStatus, number> = {
    open: 0,
    'in-progress': 0,
    submitted: 0,
    returned: 0,
    closed: 0,
  };
  for (const r of rows) byStatus[r.status] += 1;
  return {
    total: rows.length,
    open: rows.length - byStatus.closed,
    overdue: rows.filter((r) => isOverdue(r, now)).length,
    escalated: rows.filter((r) => r.escalated).length,
    byStatus,
  };
};

/** Counts in total and per key (pilot area or province), keys in order. */
export function countRectifications<K extends string>(
  rows: Counted[],
  now: Date,
  per: K,
): { totals: RectificationCounts } & Record<K, Record<string, RectificationCounts>> {
  const keys = [...new Set(rows.map((r) => r.key))].sort();
  return {
    totals: countOf(rows, now),
    [per]: Object.fromEntries(
      keys.map((k) => [
        k,
        countOf(
          rows.filter((r) => r.key === k),
          now,
        ),
      ]),
    ),
  } as { totals: RectificationCounts } & Record<K, Record<string, RectificationCounts>>;
}
