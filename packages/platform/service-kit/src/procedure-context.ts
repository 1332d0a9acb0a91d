import type { Principal } from '@tradepilot/auth';
import type { EventActor, Role } from '@tradepilot/contracts';
import type { TenantScope } from '@tradepilot/tenancy';

/** What every procedure starts with: who is calling (verified), and the request's trace id. */
export interface ProcedureContext {
  principal: Principal | null;
  traceId: string | null;
  /** the caller's network address, where the process serving the call knows it (the gateway) */
  clientAddress?: string;
  /** when the caller stops waiting (ms since epoch): work not started by then is abandoned */
  deadlineAt?: number;
}

/** What the policy check adds for procedures that need a signed-in caller. */
export interface AuthorizedContext extends ProcedureContext {
  principal: Principal;
  /** the role this call is made in (a dual-role officer holds two) */
  actingRole: Role;
  /** the caller as events record them */
  actor: EventActor;
  /** the caller's province for provincial procedures; undefined for national ones */
  tenantScope: TenantScope | undefined;
}
