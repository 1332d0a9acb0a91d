import { countRectifications } from './rectification-counts';

const now = new Date('2026-06-20T00:00:00Z');
const past = new Date('2026-06-10T16:00:00Z');
const future = new Date('2026-06-30T16:00:00Z');

describe('rectification counts', () => {
  it('counts open (not closed), overdue (area owes the work past its due date) and escalated, per key', () => {
    const counts = countRectifications(
      [
        { key: 'guangzhou', status: 'open', dueAt: past, escalated: true },
        { key: 'guangzhou', status: 'submitted', dueAt: past, escalated: false },
        { key: 'guangzhou', status: 'closed', dueAt: past, escalated: true },
        { key: 'shenzhen', status: 'returned', dueAt: future, escalated: false },
      ],
      now,
      'byPilotArea',
    );
    expect(counts.totals).toEqual({
      total: 4,
      open: 3,
      overdue: 1,
      escalated: 2,
      byStatus: { open: 1, 'in-progress': 0, submitted: 1, returned: 1, closed: 1 },
    });
    expect(Object.keys(counts.byPilotArea)).toEqual(['guangzhou', 'shenzhen']);
    expect(counts.byPilotArea['shenzhen']).toMatchObject({ total: 1, open: 1, overdue: 0 });
  });
});
