import type {
  Approver,
  LocalizedText,
  MatterDecisionLevels,
  OpenStep,
  Role,
  StepAction,
} from '@tradepilot/contracts';
import {
  addCalendarDays,
  localDate,
  localTime,
  startOfLocalDay,
  type WorkingCalendar,
} from '@tradepilot/timers';
import type { ApproverTemplate, CaseType, LevelTemplate } from './case-types';

export const caseStatuses = ['open', 'approved', 'returned', 'rejected'] as const;
export type CaseStatus = (typeof caseStatuses)[number];
export const stepStatuses = ['waiting', 'active', 'approved', 'returned', 'rejected', 'cancelled'] as const;
export type StepStatus = (typeof stepStatuses)[number];

/** A step of a chain as instantiated for one case (the template with organisations resolved). */
export interface StepPlan {
  key: string;
  name: LocalizedText;
  approver: Approver;
  actions: StepAction[];
  /** null: due on the case's fixed due date (an application's statutory limit) */
  workingDays: number | null;
}

export interface ChainLevel {
  level: number;
  key: string;
  name: LocalizedText;
  steps: StepPlan[];
}

export interface StepDecision {
  action: StepAction;
  reason: string | null;
  decidedBy: string;
  actingForUserId: string | null;
  actingRole: Role;
  decidedAt: Date;
}

/** One activation of a step. A level sent back gets fresh steps; the old ones stay as history. */
export interface CaseStep extends StepPlan {
  id: string;
  level: number;
  status: StepStatus;
  /** part of the chain as it runs now (false: history of an earlier round) */
  current: boolean;
  activatedAt: Date | null;
  /** the case version that made the step actionable: a decision must have seen it */
  activatedAtVersion: number | null;
  dueOn: string | null;
  dueAt: Date | null;
  remindAt: Date | null;
  remindedAt: Date | null;
  escalatedAt: Date | null;
  escalateTo: Approver[];
  decision: StepDecision | null;
}

/** The part of a case the engine runs. */
export interface ChainState {
  status: CaseStatus;
  /** the level awaiting decisions (the last one decided once the case is closed) */
  level: number;
  chain: ChainLevel[];
  steps: CaseStep[];
  fixedDueOn: string | null;
  reminderWorkingDaysBefore: number;
  finalEscalation: Approver[];
}

/** What a case knows when it opens, to resolve its chain template. */
export interface ChainContext {
  tenant: string;
  departments: string[];
  matterLevels?: MatterDecisionLevels;
  matterDelegator?: Approver;
  fixedDueOn?: string;
}

export interface EngineClock {
  at: Date;
  calendar: WorkingCalendar;
  newId: () => string;
}

export const approverKey = (a: Approver): string => `${a.role}@${a.organisationId}`;
const sameApprover = (a: Approver, b: Approver) => a.role === b.role && a.organisationId === b.organisationId;

function resolveApprovers(template: ApproverTemplate, context: ChainContext): Approver[] {
  const source = template.organisation;
  if (template.role === 'matter-delegator' || source.kind === 'matter-delegator') {
    if (!context.matterDelegator) throw new Error('a matter-delegator approver needs the matter delegator');
    return [context.matterDelegator];
  }
  const role = template.role;
  switch (source.kind) {
    case 'fixed':
      return [{ role, organisationId: source.id }];
    case 'case-province':
      return [{ role, organisationId: context.tenant }];
    case 'case-departments':
      return [...new Set(context.departments)].map((organisationId) => ({ role, organisationId }));
  }
}

function matterLevelTemplates(levels: MatterDecisionLevels): LevelTemplate[] {
  return levels.map((level, i) => ({
    key: `decision-${i + 1}`,
    name: level.name,
    steps: level.steps.map((step, j) => ({
      key: `decision-${i + 1}-${j + 1}`,
      name: step.name,
      approver: { role: step.role, organisation: { kind: 'case-province' as const } },
      workingDays: step.workingDays ?? 0,
      actions: ['approve', 'return_to_previous', 'reject'],
    })),
  }));
}

/**
 * The chain of one case: template levels with organisations resolved; a level that resolves to no
 * step (no department named) is left out, and the levels are numbered 1… as they remain.
 */
export function instantiateChain(
  type: CaseType,
  context: ChainContext,
): { chain: ChainLevel[]; finalEscalation: Approver[] } {
  const templates =
    type.levels === 'from-matter' ? matterLevelTemplates(context.matterLevels ?? []) : type.levels;
  const fromMatter = type.levels === 'from-matter';
  const chain: ChainLevel[] = [];
  for (const template of templates) {
    const steps = template.steps.flatMap((step) =>
      resolveApprovers(step.approver, context).map((approver) => ({
        key:
          step.approver.organisation.kind === 'case-departments'
            ? `${step.key}:${approver.organisationId}`
            : step.key,
        name: step.name,
        approver,
        actions: step.actions,
        workingDays: fromMatter && step.workingDays === 0 ? null : step.workingDays,
      })),
    );
    if (steps.length > 0)
      chain.push({ level: chain.length + 1, key: template.key, name: template.name, steps });
  }
  if (chain.length === 0) throw new Error(`case type ${type.id} resolved to an empty chain`);
  const finalEscalation = type.finalEscalation.flatMap((t) => resolveApprovers(t, context));
  return { chain, finalEscalation };
}

function escalationTargets(state: Pick<ChainState, 'chain' | 'finalEscalation'>, level: number): Approver[] {
  const next = state.chain[level];
  const targets = next ? next.steps.map((s) => s.approver) : state.finalEscalation;
  return targets.filter((a, i) => targets.findIndex((b) => sameApprover(a, b)) === i);
}

function freshStep(
  state: Pick<ChainState, 'chain' | 'finalEscalation'>,
  level: ChainLevel,
  plan: StepPlan,
  id: string,
): CaseStep {
  return {
    ...plan,
    id,
    level: level.level,
    status: 'waiting',
    current: true,
    activatedAt: null,
    activatedAtVersion: null,
    dueOn: null,
    dueAt: null,
    remindAt: null,
    remindedAt: null,
    escalatedAt: null,
    escalateTo: escalationTargets(state, level.level),
    decision: null,
  };
}

/** Due date in working days from activation; reminder at 09:00 local, N working days before. */
function activate(step: CaseStep, state: ChainState, clock: EngineClock, version: number): CaseStep {
  const today = localDate(clock.at);
  const dueOn =
    step.workingDays !== null
      ? clock.calendar.addWorkingDays(today, step.workingDays)
      : (state.fixedDueOn ?? clock.calendar.addWorkingDays(today, 10));
  const dueAt = startOfLocalDay(addCalendarDays(dueOn, 1));
  let remindAt: Date | null = null;
  if (state.reminderWorkingDaysBefore > 0) {
    const candidate = localTime(
      clock.calendar.subtractWorkingDays(dueOn, state.reminderWorkingDaysBefore),
      9,
    );
    if (candidate > clock.at && candidate < dueAt) remindAt = candidate;
  }
  return {
    ...step,
    status: 'active',
    activatedAt: clock.at,
    activatedAtVersion: version,
    dueOn,
    dueAt,
    remindAt,
    remindedAt: null,
    escalatedAt: null,
  };
}

function withLevelActivated(
  state: ChainState,
  level: number,
  clock: EngineClock,
  version: number,
): ChainState {
  return {
    ...state,
    level,
    steps: state.steps.map((s) => (s.current && s.level === level ? activate(s, state, clock, version) : s)),
  };
}

/** A new case: every level's steps, the first level active. */
export function openChain(
  base: Omit<ChainState, 'status' | 'level' | 'steps'>,
  clock: EngineClock,
): ChainState {
  const state: ChainState = { ...base, status: 'open', level: 1, steps: [] };
  state.steps = base.chain.flatMap((level) =>
    level.steps.map((plan) => freshStep(state, level, plan, clock.newId())),
  );
  return withLevelActivated(state, 1, clock, 1);
}

export const currentSteps = (state: Pick<ChainState, 'steps'>, level?: number) =>
  state.steps.filter((s) => s.current && (level === undefined || s.level === level));

/** Levels whose decisions stand and may not be changed except by a higher level sending them back. */
export function lockedLevels(state: ChainState): number[] {
  const upTo = state.status === 'approved' ? state.chain.length : state.level - 1;
  return state.chain.filter((l) => l.level <= upTo).map((l) => l.level);
}

export interface Capacity {
  approver: Approver;
  /** set when the caller acts as a delegate of this user */
  actingForUserId: string | null;
}

export type Refusal =
  | 'CASE_ALREADY_DECIDED'
  | 'STEP_NOT_FOUND'
  | 'NOT_YOUR_STEP'
  | 'STEP_ALREADY_DECIDED'
  | 'LEVEL_LOCKED'
  | 'STEP_NOT_YET_ACTIVE'
  | 'ACTION_NOT_ALLOWED'
  | 'REASON_REQUIRED'
  | 'STALE_VERSION';

export type StepResolution = { step: CaseStep; capacity: Capacity } | { refusal: Refusal };

/**
 * The step the caller acts on: an active step their role and organisation (or a delegation) hold,
 * their own capacity before a delegated one. Otherwise why not, in the order a person needs it.
 */
export function actionableStep(state: ChainState, capacities: Capacity[], stepId?: string): StepResolution {
  if (state.status !== 'open') return { refusal: 'CASE_ALREADY_DECIDED' };
  const mine = (s: CaseStep) => capacities.find((c) => sameApprover(c.approver, s.approver));
  if (stepId !== undefined) {
    const step = state.steps.find((s) => s.id === stepId);
    if (!step) return { refusal: 'STEP_NOT_FOUND' };
    if (!mine(step)) return { refusal: 'NOT_YOUR_STEP' };
  }
  const candidates = state.steps
    .filter((s) => (stepId === undefined ? s.current : s.id === stepId))
    .filter((s) => mine(s) !== undefined);
  const ordered = [...capacities].sort(
    (a, b) => Number(a.actingForUserId !== null) - Number(b.actingForUserId !== null),
  );
  for (const capacity of ordered) {
    const step = candidates.find((s) => s.status === 'active' && sameApprover(s.approver, capacity.approver));
    if (step) return { step, capacity };
  }
  if (candidates.length === 0) return { refusal: 'NOT_YOUR_STEP' };
  if (candidates.some((s) => !s.current || s.level < state.level)) return { refusal: 'LEVEL_LOCKED' };
  if (candidates.some((s) => s.level === state.level)) return { refusal: 'STEP_ALREADY_DECIDED' };
  return { refusal: 'STEP_NOT_YET_ACTIVE' };
}

export interface DecisionInput {
  stepId: string;
  action: StepAction;
  reason: string | null;
  decidedBy: string;
  actingForUserId: string | null;
  actingRole: Role;
  /** the case version the caller saw */
  seenVersion: number;
}

export interface DecisionResult {
  state: ChainState;
  step: CaseStep;
  completed: { outcome: Exclude<CaseStatus, 'open'>; level: number } | null;
}

/** Whether `action` may be taken on `step` now (ignoring who asks). */
export function actionAllowed(state: ChainState, step: CaseStep, action: StepAction): boolean {
  if (!step.actions.includes(action)) return false;
  return action !== 'return_to_previous' || step.level > 1;
}

/**
 * Applies one decision; `version` is the case's version now (the result is version + 1).
 * approve: the level completes when all its steps approved, then the next level starts or the
 * case is approved; return to previous: that level gets fresh steps (it was locked: only a higher
 * level can do this) and this level starts over after it; return to originator / reject: the case
 * completes. The other steps of the level are cancelled.
 */
export function decide(
  state: ChainState,
  input: DecisionInput,
  clock: EngineClock,
  version: number,
): DecisionResult | { refusal: Refusal } {
  const step = state.steps.find((s) => s.id === input.stepId);
  if (!step || !step.current || step.status !== 'active') return { refusal: 'STEP_ALREADY_DECIDED' };
  if (!actionAllowed(state, step, input.action)) return { refusal: 'ACTION_NOT_ALLOWED' };
  if (input.action !== 'approve' && !input.reason) return { refusal: 'REASON_REQUIRED' };
  if (input.seenVersion > version || input.seenVersion < (step.activatedAtVersion ?? 1)) {
    return { refusal: 'STALE_VERSION' };
  }
  const decision: StepDecision = {
    action: input.action,
    reason: input.reason,
    decidedBy: input.decidedBy,
    actingForUserId: input.actingForUserId,
    actingRole: input.actingRole,
    decidedAt: clock.at,
  };
  const statusOf: Record<StepAction, StepStatus> = {
    approve: 'approved',
    return_to_previous: 'returned',
    return_to_originator: 'returned',
    reject: 'rejected',
  };
  const decided: CaseStep = { ...step, status: statusOf[input.action], decision };
  let steps = state.steps.map((s) => (s.id === step.id ? decided : s));
  const next: ChainState = { ...state, steps };
  const level = step.level;
  const cancelOthers = (list: CaseStep[]) =>
    list.map((s) =>
      s.current && s.level === level && s.status === 'active' ? { ...s, status: 'cancelled' as const } : s,
    );

  if (input.action === 'approve') {
    const levelDone = currentSteps(next, level).every((s) => s.status === 'approved');
    if (!levelDone) return { state: next, step: decided, completed: null };
    if (level < state.chain.length) {
      return {
        state: withLevelActivated(next, level + 1, clock, version + 1),
        step: decided,
        completed: null,
      };
    }
    return {
      state: { ...next, status: 'approved' },
      step: decided,
      completed: { outcome: 'approved', level },
    };
  }
  if (input.action === 'return_to_previous') {
    const previous = state.chain[level - 2] as ChainLevel;
    const current = state.chain[level - 1] as ChainLevel;
    steps = cancelOthers(steps).map((s) =>
      s.current && s.level >= level - 1 ? { ...s, current: false } : s,
    );
    const reopened = [previous, current].flatMap((l) =>
      l.steps.map((plan) => freshStep(state, l, plan, clock.newId())),
    );
    const sentBack: ChainState = { ...next, steps: [...steps, ...reopened] };
    return {
      state: withLevelActivated(sentBack, level - 1, clock, version + 1),
      step: decided,
      completed: null,
    };
  }
  const outcome = input.action === 'reject' ? 'rejected' : 'returned';
  return {
    state: { ...next, steps: cancelOthers(steps), status: outcome },
    step: decided,
    completed: { outcome, level },
  };
}

/** A reminder or escalation of one step that has come due. */
export interface StepTimer {
  stepId: string;
  kind: 'reminder' | 'escalation';
  dueAt: Date;
}

/** The timers of the active steps that are due at `now` and have not fired. */
export function dueTimers(state: ChainState, now: Date): StepTimer[] {
  if (state.status !== 'open') return [];
  return state.steps
    .filter((s) => s.current && s.status === 'active')
    .flatMap((s): StepTimer[] => [
      ...(s.remindAt && !s.remindedAt && s.remindAt <= now
        ? [{ stepId: s.id, kind: 'reminder' as const, dueAt: s.remindAt }]
        : []),
      ...(s.dueAt && !s.escalatedAt && s.dueAt <= now
        ? [{ stepId: s.id, kind: 'escalation' as const, dueAt: s.dueAt }]
        : []),
    ]);
}

/** Marks one timer fired on its step; null when it is no longer due (fired, decided, moved). */
export function fireTimer(
  state: ChainState,
  timer: StepTimer,
  now: Date,
): { state: ChainState; step: CaseStep } | null {
  const due = dueTimers(state, now).find(
    (t) => t.stepId === timer.stepId && t.kind === timer.kind && t.dueAt.getTime() === timer.dueAt.getTime(),
  );
  if (!due) return null;
  let fired: CaseStep | undefined;
  const steps = state.steps.map((s) => {
    if (s.id !== timer.stepId) return s;
    fired = timer.kind === 'reminder' ? { ...s, remindedAt: now } : { ...s, escalatedAt: now };
    return fired;
  });
  return fired ? { state: { ...state, steps }, step: fired } : null;
}

/** What inboxes, overdue lists and the scheduler query, derived from the steps. */
export function routing(state: ChainState) {
  const active = state.status === 'open' ? state.steps.filter((s) => s.current && s.status === 'active') : [];
  const times = (pick: (s: CaseStep) => Date | null) =>
    active
      .map(pick)
      .filter((d): d is Date => d !== null)
      .sort((a, b) => a.getTime() - b.getTime());
  return {
    awaiting: [...new Set(active.map((s) => approverKey(s.approver)))],
    activeDueOns: active.map((s) => s.dueOn as string),
    escalatedTo: [
      ...new Set(active.filter((s) => s.escalatedAt).flatMap((s) => s.escalateTo.map(approverKey))),
    ],
    nextDueAt: times((s) => s.dueAt)[0] ?? null,
    nextTimerAt:
      times((s) => (s.remindAt && !s.remindedAt ? s.remindAt : null))
        .concat(times((s) => (s.escalatedAt ? null : s.dueAt)))
        .sort((a, b) => a.getTime() - b.getTime())[0] ?? null,
    openSteps: active.map(
      (s): OpenStep => ({
        stepId: s.id,
        level: s.level,
        approver: s.approver,
        dueAt: (s.dueAt as Date).toISOString(),
        escalatedTo: s.escalatedAt ? s.escalateTo : [],
      }),
    ),
  };
}
