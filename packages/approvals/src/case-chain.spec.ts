import type { Approver } from '@tradepilot/contracts';
import {
  actionableStep,
  currentSteps,
  decide,
  dueTimers,
  fireTimer,
  instantiateChain,
  lockedLevels,
  openChain,
  routing,
  type Capacity,
  type ChainState,
  type EngineClock,
} from './case-chain';
import { caseType } from './case-types';
import { sampleHolidayCalendar2026, WorkingCalendar } from '@tradepilot/timers';

const calendar = new WorkingCalendar([sampleHolidayCalendar2026]);
let ids = 0;
const clockAt = (iso: string): EngineClock => ({
  at: new Date(iso),
  calendar,
  newId: () => `s${(ids += 1)}`,
});
const ministry: Approver = { role: 'ministry-officer', organisationId: 'mofcom' };
const mct: Approver = { role: 'department-liaison', organisationId: 'mct' };
const safe: Approver = { role: 'department-liaison', organisationId: 'safe' };
const as = (approver: Approver, actingForUserId: string | null = null): Capacity[] => [
  { approver, actingForUserId },
];

function planCase(departments: string[], at = '2026-03-02T02:00:00Z'): ChainState {
  const type = caseType('plan');
  const { chain, finalEscalation } = instantiateChain(type, { tenant: 'guangdong', departments });
  return openChain(
    { chain, finalEscalation, fixedDueOn: null, reminderWorkingDaysBefore: type.reminderWorkingDaysBefore },
    clockAt(at),
  );
}

function act(
  state: ChainState,
  capacity: Capacity[],
  action: 'approve' | 'return_to_previous' | 'return_to_originator' | 'reject',
  version: number,
  reason: string | null = null,
  at = '2026-03-03T02:00:00Z',
) {
  const found = actionableStep(state, capacity);
  if ('refusal' in found) throw new Error(found.refusal);
  const result = decide(
    state,
    {
      stepId: found.step.id,
      action,
      reason,
      decidedBy: 'u',
      actingForUserId: null,
      actingRole: found.step.approver.role,
      seenVersion: version,
    },
    clockAt(at),
    version,
  );
  if ('refusal' in result) throw new Error(result.refusal);
  return result;
}

describe('approval chains', () => {
  it('a plan without departments goes straight to the ministry, due in 10 working days', () => {
    const state = planCase([]);
    expect(state.chain.map((l) => l.key)).toEqual(['ministry-approval']);
    const [step] = currentSteps(state, 1);
    expect(step).toMatchObject({ status: 'active', approver: ministry, dueOn: '2026-03-16' });
    expect(step?.remindAt?.toISOString()).toBe('2026-03-12T01:00:00.000Z');
    expect(step?.escalateTo).toEqual([ministry]);
    const done = act(state, as(ministry), 'approve', 1);
    expect(done.completed).toEqual({ outcome: 'approved', level: 1 });
    expect(lockedLevels(done.state)).toEqual([1]);
  });

  it('departments named in the case are consulted in parallel, both before the ministry', () => {
    let state = planCase(['mct', 'safe', 'mct']);
    expect(currentSteps(state, 1).map((s) => s.approver)).toEqual([mct, safe]);
    expect(routing(state).awaiting).toEqual(['department-liaison@mct', 'department-liaison@safe']);
    expect(actionableStep(state, as(ministry))).toEqual({ refusal: 'STEP_NOT_YET_ACTIVE' });

    const first = act(state, as(mct), 'approve', 1);
    state = first.state;
    expect(state.level).toBe(1);
    expect(actionableStep(state, as(mct))).toEqual({ refusal: 'STEP_ALREADY_DECIDED' });
    state = act(state, as(safe), 'approve', 1).state; // a stale version of a parallel step still counts
    expect(state.level).toBe(2);
    expect(lockedLevels(state)).toEqual([1]);
    expect(actionableStep(state, as(mct))).toEqual({ refusal: 'LEVEL_LOCKED' });
    expect(currentSteps(state, 1)[0]?.escalateTo).toEqual([ministry]);
  });

  it('the ministry sends a locked level back; it gets fresh steps and the ministry waits again', () => {
    let state = planCase(['mct']);
    state = act(state, as(mct), 'approve', 1).state;
    const back = act(state, as(ministry), 'return_to_previous', 2, '请补充会商意见');
    state = back.state;
    expect(back.completed).toBeNull();
    expect(state.level).toBe(1);
    expect(currentSteps(state, 1)[0]).toMatchObject({ status: 'active', activatedAtVersion: 3 });
    expect(currentSteps(state, 2)[0]).toMatchObject({ status: 'waiting' });
    expect(state.steps.filter((s) => !s.current).map((s) => s.status)).toEqual(['approved', 'returned']);
    expect(actionableStep(state, as(ministry))).toEqual({ refusal: 'STEP_NOT_YET_ACTIVE' });
  });

  it('return and reject need a reason; return to previous needs a previous level', () => {
    const state = planCase([]);
    const [step] = currentSteps(state, 1);
    if (!step) throw new Error('no step');
    const base = {
      stepId: step.id,
      decidedBy: 'u',
      actingForUserId: null,
      actingRole: 'ministry-officer' as const,
      seenVersion: 1,
    };
    expect(
      decide(state, { ...base, action: 'reject', reason: null }, clockAt('2026-03-03T02:00:00Z'), 1),
    ).toEqual({ refusal: 'REASON_REQUIRED' });
    expect(
      decide(
        state,
        { ...base, action: 'return_to_previous', reason: 'x' },
        clockAt('2026-03-03T02:00:00Z'),
        1,
      ),
    ).toEqual({ refusal: 'ACTION_NOT_ALLOWED' });
    const rejected = decide(
      state,
      { ...base, action: 'reject', reason: '不符合总体方案' },
      clockAt('2026-03-03T02:00:00Z'),
      1,
    );
    expect(rejected).toMatchObject({ completed: { outcome: 'rejected', level: 1 } });
  });

  it('a consultation returning the plan to its originator cancels the parallel step', () => {
    const state = planCase(['mct', 'safe']);
    const result = act(state, as(mct), 'return_to_originator', 1, '措施与部门职责不符');
    expect(result.completed).toEqual({ outcome: 'returned', level: 1 });
    expect(currentSteps(result.state, 1).map((s) => s.status)).toEqual(['returned', 'cancelled']);
    expect(actionableStep(result.state, as(safe))).toEqual({ refusal: 'CASE_ALREADY_DECIDED' });
  });

  it('a delegate acts only when no own capacity holds the step', () => {
    const state = planCase([]);
    const found = actionableStep(state, [
      { approver: ministry, actingForUserId: 'mofcom-officer' },
      { approver: mct, actingForUserId: null },
    ]);
    expect(found).toMatchObject({ capacity: { actingForUserId: 'mofcom-officer' } });
  });

  it('fires a reminder and an escalation once each, late ones too', () => {
    const state = planCase([]);
    expect(routing(state).nextTimerAt?.toISOString()).toBe('2026-03-12T01:00:00.000Z');
    expect(dueTimers(state, new Date('2026-03-11T00:00:00Z'))).toHaveLength(0);
    const [reminder] = dueTimers(state, new Date('2026-03-12T02:00:00Z'));
    expect(reminder).toMatchObject({ kind: 'reminder', dueAt: new Date('2026-03-12T01:00:00.000Z') });
    const reminded = fireTimer(state, reminder!, new Date('2026-03-12T02:00:00Z'));
    expect(reminded?.step.remindedAt?.toISOString()).toBe('2026-03-12T02:00:00.000Z');
    expect(dueTimers(reminded!.state, new Date('2026-03-12T03:00:00Z'))).toHaveLength(0);
    expect(fireTimer(reminded!.state, reminder!, new Date('2026-03-12T03:00:00Z'))).toBeNull();
    expect(routing(reminded!.state).nextTimerAt?.toISOString()).toBe('2026-03-16T16:00:00.000Z');
    const late = new Date('2026-03-20T00:00:00Z');
    const timers = dueTimers(state, late);
    expect(timers.map((t) => t.kind)).toEqual(['reminder', 'escalation']);
    const both = { state: timers.reduce((st, t) => fireTimer(st, t, late)?.state ?? st, state) };
    expect(routing(both.state)).toMatchObject({
      nextTimerAt: null,
      escalatedTo: ['ministry-officer@mofcom'],
    });
  });

  it('admin-matter steps come from the matter, due on the statutory date unless they have their own', () => {
    const type = caseType('admin-matter');
    const { chain, finalEscalation } = instantiateChain(type, {
      tenant: 'guangdong',
      departments: [],
      matterDelegator: mct,
      matterLevels: [
        {
          name: { 'zh-CN': '初审', en: 'Review' },
          steps: [{ name: { 'zh-CN': '初审', en: 'Review' }, role: 'province-officer', workingDays: 3 }],
        },
        {
          name: { 'zh-CN': '决定', en: 'Decision' },
          steps: [{ name: { 'zh-CN': '决定', en: 'Decision' }, role: 'province-officer', workingDays: null }],
        },
      ],
    });
    expect(finalEscalation).toEqual([mct]);
    let state = openChain(
      { chain, finalEscalation, fixedDueOn: '2026-03-30', reminderWorkingDaysBefore: 3 },
      clockAt('2026-03-02T02:00:00Z'),
    );
    const province = as({ role: 'province-officer', organisationId: 'guangdong' });
    expect(currentSteps(state, 1)[0]?.dueOn).toBe('2026-03-05');
    state = act(state, province, 'approve', 1).state;
    expect(currentSteps(state, 2)[0]?.dueOn).toBe('2026-03-30');
    expect(currentSteps(state, 2)[0]?.escalateTo).toEqual([mct]);
  });
});
