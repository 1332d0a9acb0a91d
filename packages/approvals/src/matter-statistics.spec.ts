import { matterStatistics, mergeCounts, percentile } from './matter-statistics';

describe('administrative matter statistics', () => {
  it('takes nearest-rank percentiles of the processing days', () => {
    const days = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((d) => ({ days: d, count: 1 }));
    expect(percentile(days, 0.5)).toBe(5);
    expect(percentile(days, 0.9)).toBe(9);
    expect(percentile([{ days: 12, count: 3 }], 0.9)).toBe(12);
    expect(percentile([], 0.5)).toBeNull();
  });

  it('merges provinces and counts what is overdue today', () => {
    const merged = mergeCounts([
      {
        matterId: 'm',
        applications: 2,
        decided: 1,
        withinLimit: 1,
        processingDays: [{ days: 3, count: 1 }],
        pendingByDueOn: [{ dueOn: '2026-03-10', count: 1 }],
      },
      {
        matterId: 'm',
        applications: 2,
        decided: 2,
        withinLimit: 1,
        processingDays: [{ days: 30, count: 2 }],
        pendingByDueOn: [],
      },
    ]);
    const [only] = merged;
    if (!only) throw new Error('nothing merged');
    expect(merged).toHaveLength(1);
    expect(matterStatistics(only, '2026-03-11')).toEqual({
      matterId: 'm',
      applications: 4,
      decided: 3,
      medianProcessingDays: 30,
      p90ProcessingDays: 30,
      withinLimitShare: 2 / 3,
      overdueNow: 1,
    });
    expect(matterStatistics(only, '2026-03-10').overdueNow).toBe(0);
  });
});
