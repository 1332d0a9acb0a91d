import { router } from '@tradepilot/service-kit';
import { auditRouter } from './audit-router';
import type { AuditLog } from './audit-log';
import { authRouter, type AuthDeps } from './auth-router';
import { nationalRouter, type NationalOverviewDeps } from './national-overview';
import { operatorRouter, type OperatorDeps } from './operator-router';
import { referenceRouter } from './reference-router';

export interface GatewayRouterDeps {
  auth: AuthDeps;
  audit: AuditLog;
  national: NationalOverviewDeps;
  operator: OperatorDeps;
}

/** The gateway's own procedures: identity, the audit record, the national overview, operations. */
export function gatewayRouter(deps: GatewayRouterDeps) {
  return router({
    auth: authRouter(deps.auth),
    audit: auditRouter(deps.audit),
    national: nationalRouter(deps.national),
    operator: operatorRouter(deps.operator),
    reference: referenceRouter(deps.operator.registry),
  });
}

export type GatewayRouter = ReturnType<typeof gatewayRouter>;
