import {
  allowedRectificationActions,
  escalationDueAt,
  isOverdue,
  rectificationRefusal,
  type RectificationCaller,
  type RectificationState,
} from './rectification-transitions';

const area: RectificationCaller = { kind: 'pilot-area', organisationId: 'guangzhou' };
const otherArea: RectificationCaller = { kind: 'pilot-area', organisationId: 'shenzhen' };
const province: RectificationCaller = { kind: 'inspector', level: 'province', organisationId: 'guangdong' };
const ministry: RectificationCaller = { kind: 'inspector', level: 'ministry', organisationId: 'mofcom' };

const state = (status: RectificationState['status']): RectificationState => ({
  status,
  pilotAreaId: 'guangzhou',
  inspectorLevel: 'province',
  inspectorOrganisationId: 'guangdong',
});

describe('rectification transitions', () => {
  it('the pilot area reports and submits while it owes the work; only the inspector closes or sends back', () => {
    expect(allowedRectificationActions(state('open'), [area])).toEqual(['reportProgress', 'submit']);
    expect(allowedRectificationActions(state('in-progress'), [area])).toEqual(['reportProgress', 'submit']);
    expect(allowedRectificationActions(state('returned'), [area])).toEqual(['reportProgress', 'submit']);
    expect(allowedRectificationActions(state('submitted'), [area])).toEqual([]);
    expect(allowedRectificationActions(state('submitted'), [province])).toEqual(['close', 'sendBack']);
    expect(allowedRectificationActions(state('closed'), [area, province])).toEqual([]);
  });

  it('names why: another area, another inspector (the ministry on a province inspection), the wrong state', () => {
    expect(rectificationRefusal(state('open'), otherArea, 'submit')).toEqual({ kind: 'not-pilot-area' });
    expect(rectificationRefusal(state('submitted'), ministry, 'close')).toEqual({ kind: 'not-inspector' });
    expect(rectificationRefusal(state('submitted'), area, 'close')).toEqual({ kind: 'not-inspector' });
    expect(rectificationRefusal(state('in-progress'), province, 'close')).toEqual({
      kind: 'wrong-status',
      allowed: ['submitted'],
    });
    expect(rectificationRefusal(state('closed'), area, 'reportProgress')).toEqual({
      kind: 'wrong-status',
      allowed: ['open', 'in-progress', 'returned'],
    });
  });

  it('a dual-role officer speaks as the area and as the province', () => {
    const hainan = { ...state('submitted'), pilotAreaId: 'hainan', inspectorOrganisationId: 'hainan' };
    const callers: RectificationCaller[] = [
      { kind: 'pilot-area', organisationId: 'hainan' },
      { kind: 'inspector', level: 'province', organisationId: 'hainan' },
    ];
    expect(allowedRectificationActions(hainan, callers)).toEqual(['close', 'sendBack']);
  });

  it('overdue while the area owes the work past the end of the due day; never once submitted or closed', () => {
    const dueAt = new Date('2026-06-15T16:00:00Z');
    const before = new Date('2026-06-15T15:59:59Z');
    expect(isOverdue({ status: 'open', dueAt }, before)).toBe(false);
    expect(isOverdue({ status: 'open', dueAt }, dueAt)).toBe(true);
    expect(isOverdue({ status: 'returned', dueAt }, dueAt)).toBe(true);
    expect(isOverdue({ status: 'submitted', dueAt }, dueAt)).toBe(false);
    expect(isOverdue({ status: 'closed', dueAt }, dueAt)).toBe(false);
    expect(isOverdue({ status: 'open', dueAt: null }, dueAt)).toBe(false);
  });

  it('the overdue timer runs while the area owes the work, and never again after one escalation', () => {
    const dueAt = new Date('2026-06-15T16:00:00Z');
    expect(escalationDueAt('returned', dueAt, null)).toEqual(dueAt);
    expect(escalationDueAt('submitted', dueAt, null)).toBeNull();
    expect(escalationDueAt('returned', dueAt, new Date('2026-06-16T00:00:00Z'))).toBeNull();
  });
});
