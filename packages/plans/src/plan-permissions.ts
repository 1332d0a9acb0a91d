import type { Role } from '@tradepilot/contracts';
import type { AuthorizedContext, ServiceDeps } from '@tradepilot/service-kit';
import type { PlanDocument, PlanStatus } from './plan-model';

/** What the calling user may do on a plan now: the console offers exactly this (the server checks again). */
export interface PlanPermissions {
  maySave: boolean;
  maySign: boolean;
  maySubmit: boolean;
  mayAmend: boolean;
  mayStartImplementation: boolean;
  mayClose: boolean;
}

/** Who reads the plan: the role they act in, and whether their government is both pilot area and province. */
export interface PlanCaller {
  actingRole: Role;
  dualRole: boolean;
}

export const noPlanPermissions: PlanPermissions = {
  maySave: false,
  maySign: false,
  maySubmit: false,
  mayAmend: false,
  mayStartImplementation: false,
  mayClose: false,
};

const editable: readonly PlanStatus[] = ['drafting', 'returned'];

export function planCaller(deps: ServiceDeps, ctx: AuthorizedContext): PlanCaller {
  const tenant = ctx.principal.tenant;
  return { actingRole: ctx.actingRole, dualRole: tenant ? deps.registry.isDualRole(tenant) : false };
}

/** The same rules the transitions enforce (plan-access, sign-off, submission, amendment, lifecycle). */
export function planPermissions(
  plan: Pick<PlanDocument, 'status' | 'signOffs' | 'inForce'>,
  caller: PlanCaller | null,
): PlanPermissions {
  if (!caller) return noPlanPermissions;
  const drafter = caller.actingRole === 'pilot-area-officer' || caller.actingRole === 'province-officer';
  const province = caller.actingRole === 'province-officer';
  const isEditable = editable.includes(plan.status);
  const signed = new Set((plan.signOffs ?? []).flatMap((s) => s.parties));
  const mine = caller.dualRole
    ? (['pilot-area', 'province'] as const)
    : ([caller.actingRole === 'pilot-area-officer' ? 'pilot-area' : 'province'] as const);
  const bothSigned = signed.has('pilot-area') && signed.has('province');
  const inForce = plan.status === 'approved' || plan.status === 'implementing';
  return {
    maySave: drafter && isEditable,
    maySign: drafter && isEditable && mine.some((p) => !signed.has(p)),
    maySubmit: province && isEditable && bothSigned,
    mayAmend: province && inForce && plan.inForce !== null && plan.inForce !== undefined,
    mayStartImplementation: province && plan.status === 'approved',
    mayClose: province && inForce,
  };
}
