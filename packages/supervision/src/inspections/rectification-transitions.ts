import type { InspectorLevel, RectificationStatus } from '@tradepilot/contracts';

export const rectificationActions = ['reportProgress', 'submit', 'close', 'sendBack'] as const;
export type RectificationAction = (typeof rectificationActions)[number];

/** Who acts on a rectification: the pilot area that rectifies, or an inspecting organisation. */
export type RectificationCaller =
  | { kind: 'pilot-area'; organisationId: string }
  | { kind: 'inspector'; level: InspectorLevel; organisationId: string };

/** The part of a rectification the rules look at. */
export interface RectificationState {
  status: RectificationStatus;
  pilotAreaId: string;
  inspectorLevel: InspectorLevel;
  inspectorOrganisationId: string;
}

export type RectificationRefusal =
  | { kind: 'not-pilot-area' }
  | { kind: 'not-inspector' }
  | { kind: 'wrong-status'; allowed: readonly RectificationStatus[] };

/** While the pilot area owes the work: it reports and submits, and the due date counts. */
export const awaitingPilotArea: readonly RectificationStatus[] = ['open', 'in-progress', 'returned'];

const rules: Record<
  RectificationAction,
  { from: readonly RectificationStatus[]; by: RectificationCaller['kind'] }
> = {
  reportProgress: { from: awaitingPilotArea, by: 'pilot-area' },
  submit: { from: awaitingPilotArea, by: 'pilot-area' },
  close: { from: ['submitted'], by: 'inspector' },
  sendBack: { from: ['submitted'], by: 'inspector' },
};

/** The organisation that scheduled the inspection is the one that closes its rectifications. */
export const isInspector = (r: RectificationState, caller: RectificationCaller) =>
  caller.kind === 'inspector' &&
  caller.level === r.inspectorLevel &&
  caller.organisationId === r.inspectorOrganisationId;

const isPilotArea = (r: RectificationState, caller: RectificationCaller) =>
  caller.kind === 'pilot-area' && caller.organisationId === r.pilotAreaId;

/** Why `caller` may not take `action` now, or null when they may. */
export function rectificationRefusal(
  r: RectificationState,
  caller: RectificationCaller,
  action: RectificationAction,
): RectificationRefusal | null {
  const rule = rules[action];
  if (rule.by === 'pilot-area' && !isPilotArea(r, caller)) return { kind: 'not-pilot-area' };
  if (rule.by === 'inspector' && !isInspector(r, caller)) return { kind: 'not-inspector' };
  if (!rule.from.includes(r.status)) return { kind: 'wrong-status', allowed: rule.from };
  return null;
}

/** What any of the caller's identities may do now (the `may*` flags of a read). */
export const allowedRectificationActions = (
  r: RectificationState,
  callers: RectificationCaller[],
): RectificationAction[] =>
  rectificationActions.filter((a) => callers.some((c) => rectificationRefusal(r, c, a) === null));

/** Overdue: the pilot area still owes the work and its due date has ended. */
export const isOverdue = (r: { status: RectificationStatus; dueAt: Date | null }, now: Date): boolean =>
  r.dueAt !== null && awaitingPilotArea.includes(r.status) && r.dueAt.getTime() <= now.getTime();

/**
 * When the overdue timer of a rectification fires after a change: at its due instant while the
 * pilot area owes the work, never again once it has escalated (exactly once per rectification).
 */
export const escalationDueAt = (
  status: RectificationStatus,
  dueAt: Date,
  escalatedAt: Date | null,
): Date | null => (escalatedAt === null && awaitingPilotArea.includes(status) ? dueAt : null);
