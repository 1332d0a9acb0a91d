import type { InspectorLevel } from '@tradepilot/contracts';
import type { InspectionStatus } from './inspection-model';

export const inspectionActions = ['carryOut', 'recordFinding'] as const;
export type InspectionAction = (typeof inspectionActions)[number];

/** An inspecting organisation: the ministry (`mofcom`) or a province. */
export interface InspectorCaller {
  level: InspectorLevel;
  organisationId: string;
}

export interface InspectionState {
  status: InspectionStatus;
  inspectorLevel: InspectorLevel;
  inspectorOrganisationId: string;
}

export type InspectionRefusal =
  | { kind: 'not-inspector' }
  | { kind: 'wrong-status'; allowed: readonly InspectionStatus[] };

/** Recorded as carried out once; findings only after that (what was found on site). */
const from: Record<InspectionAction, readonly InspectionStatus[]> = {
  carryOut: ['scheduled'],
  recordFinding: ['carried-out'],
};

/** Why `caller` may not take `action` on the inspection now, or null when they may. */
export function inspectionRefusal(
  inspection: InspectionState,
  caller: InspectorCaller | null,
  action: InspectionAction,
): InspectionRefusal | null {
  if (
    !caller ||
    caller.level !== inspection.inspectorLevel ||
    caller.organisationId !== inspection.inspectorOrganisationId
  )
    return { kind: 'not-inspector' };
  if (!from[action].includes(inspection.status)) return { kind: 'wrong-status', allowed: from[action] };
  return null;
}
